import Testing

@testable import TerminalUI

@Suite struct BufferTests {
    @Test func wideCharactersTakeTwoCellsAndAreNeverCutInHalf() {
        var buffer = Buffer(width: 6, height: 2)
        #expect(buffer.put("日本語", x: 0, y: 0) == 6)
        #expect(buffer.lines[0] == "日本語")
        #expect(buffer[1, 0].isContinuation)
        // Only five columns: the third character would be cut, so a space stands in.
        #expect(buffer.put("日本語", x: 0, y: 1, maxWidth: 5) == 5)
        #expect(buffer.lines[1] == "日本  ")
        #expect(!buffer[4, 1].isContinuation && buffer[4, 1].text == " ")
        // Overwriting half of a wide character blanks the other half.
        buffer.put("x", x: 1, y: 0)
        #expect(buffer.lines[0] == " x本語")
        buffer.put("y", x: 2, y: 0)
        #expect(buffer.lines[0] == " xy 語")
    }

    @Test func combiningMarksJoinTheirBaseAndEmojiAreWide() {
        var buffer = Buffer(width: 8, height: 1)
        #expect(buffer.put("e\u{301}a🙂b", x: 0, y: 0) == 5)
        #expect(buffer.lines[0] == "e\u{301}a🙂b   ")
        #expect(DisplayWidth.of("é") == 1)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("🙂") == 2)
        #expect(DisplayWidth.of("Rp 150.000") == 10)
        #expect(DisplayWidth.of("\u{200B}") == 0)
    }

    @Test func truncationAddsAnEllipsisWithinTheWidth() {
        #expect(DisplayWidth.truncate("INV-20261125-0001", to: 10) == "INV-20261…")
        #expect(DisplayWidth.truncate("日本語テキスト", to: 7) == "日本語…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("日本語テキスト", to: 6)) <= 6)
        #expect(DisplayWidth.pad("7", to: 4, alignment: .right) == "   7")
        #expect(DisplayWidth.pad("ab", to: 5, alignment: .center) == " ab  ")
    }

    @Test func aDiffAppliedToTheOldBufferGivesTheNewOne() {
        var rng = SystemRandomNumberGenerator()
        let texts = ["kasir", "日本", "Rp 150.000", "🙂", "e\u{301}", "PAID", "│", " "]
        for _ in 0..<300 {
            var old = Buffer(width: 20, height: 5)
            var new = Buffer(width: 20, height: 5)
            for _ in 0..<8 {
                old.put(texts.randomElement(using: &rng)!, x: Int.random(in: -2..<20, using: &rng), y: Int.random(in: 0..<5, using: &rng), style: Style(bold: Bool.random(using: &rng)))
                new.put(texts.randomElement(using: &rng)!, x: Int.random(in: -2..<20, using: &rng), y: Int.random(in: 0..<5, using: &rng), style: Style(reverse: Bool.random(using: &rng)))
            }
            let changes = new.changes(from: old)
            #expect(old.applying(changes) == new)
            #expect(changes.count <= 100)
        }
        let same = Buffer(width: 10, height: 2)
        #expect(same.changes(from: same).isEmpty)
        let bigger = Buffer(width: 12, height: 3)
        #expect(bigger.changes(from: same).count == 36)
        #expect(same.applying(bigger.changes(from: same), resizedTo: (12, 3)) == bigger)
    }

    @Test func fillRepairsWideCharactersAtItsEdges() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.put("日本語", x: 0, y: 0)
        buffer.fill(Rect(x: 3, y: 0, width: 2, height: 1), with: Cell("-"))
        #expect(buffer.lines[0] == "日 -- ")
    }

    @Test func layoutSplitsWithoutOverlapOrOverflow() {
        let area = Rect(x: 0, y: 0, width: 80, height: 24)
        let rows = Layout.split(area, .vertical, [.fixed(1), .fill(1), .fixed(1)])
        #expect(rows.map(\.height) == [1, 22, 1])
        #expect(rows.map(\.y) == [0, 1, 23])
        let columns = Layout.split(area, .horizontal, [.percentage(25), .min(10), .fill(2), .fixed(5)])
        #expect(columns.reduce(0) { $0 + $1.width } == 80)
        #expect(columns[0].width == 20)
        #expect(columns[3].width == 5)
        #expect(columns[1].width >= 10)
        let tiny = Layout.split(Rect(x: 0, y: 0, width: 5, height: 1), .horizontal, [.fixed(4), .fixed(4), .fill(1)])
        #expect(tiny.map(\.width) == [4, 1, 0])
        for index in 1..<columns.count { #expect(columns[index].x == columns[index - 1].maxX) }
    }
}
