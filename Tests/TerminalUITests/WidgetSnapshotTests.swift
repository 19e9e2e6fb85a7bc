import QRCodes
import KasirTestSupport
import Testing

@testable import TerminalUI

/// Every widget rendered into a buffer and compared with its snapshot (text, then styles).
@Suite struct WidgetSnapshotTests {
    let theme = Theme.builtIn

    @Test func table() {
        var buffer = Buffer(width: 50, height: 6)
        let table = Table(columns: [
            TableColumn("Time", width: .fixed(6)), TableColumn("Invoice", width: .fill(1)), TableColumn("Amount", width: .fixed(13), alignment: .right),
            TableColumn("Status", width: .fixed(9)),
        ])
        var requested: [Range<Int>] = []
        table.render(into: &buffer, area: buffer.area, state: TableState(selected: 2, offset: 1), count: 1_000_000, theme: theme) { range in
            requested.append(range)
            return range.map { [StyledText("10:0\($0)"), StyledText("INV-20261125-VERY-LONG-\($0)"), StyledText("Rp 150.000"), StyledText("PAID", style: theme[.statusPaid])] }
        }
        #expect(requested == [1..<6])
        expectSnapshot(buffer, "table")
    }

    @Test func tableStateKeepsTheSelectionVisible() {
        var state = TableState()
        state.move(by: 30, count: 100, visible: 10)
        #expect(state.selected == 30)
        #expect(state.offset == 21)
        state.move(by: -25, count: 100, visible: 10)
        #expect(state.offset == 5)
        state.select(1_000, count: 100, visible: 10)
        #expect(state.selected == 99)
        #expect(state.offset == 90)
        state.select(5, count: 0, visible: 10)
        #expect(state.selected == 0)
    }

    @Test func textFieldInMoneyModeGroupsAsYouType() {
        var state = TextFieldState(mode: .money)
        for key in "1500000".map(Key.character) { state.handle(key) }
        #expect(state.text == "1500000")
        #expect(state.display.text == "1.500.000")
        state.handle(.character("."))
        state.handle(.character("x"))
        #expect(state.text == "1500000")
        state.handle(.character(","))
        state.handle(.character("5"))
        #expect(state.display.text == "1.500.000,5")
        state.handle(.backspace)
        state.handle(.backspace)
        state.handle(.home)
        state.handle(.delete)
        #expect(state.text == "500000")
        var buffer = Buffer(width: 40, height: 2)
        state.error = "must be more than Rp 0"
        let cursor = TextField.render(state, label: "Amount (Rp)", into: &buffer, area: buffer.area, theme: theme, focused: true)
        #expect(cursor?.x == 16)
        expectSnapshot(buffer, "text-field-money")
    }

    @Test func textFieldEditingKeys() {
        var state = TextFieldState("kopi susu gula")
        state.handle(.ctrl("w"))
        #expect(state.text == "kopi susu ")
        state.handle(.alt("b"))
        #expect(state.cursor == 5)
        state.handle(.ctrl("k"))
        #expect(state.text == "kopi ")
        state.handle(.end)
        for key in "teh".map(Key.character) { state.handle(key) }
        #expect(state.text == "kopi teh")
        state.handle(.ctrl("u"))
        #expect(state.text.isEmpty)
        let used = state.handle(.pageDown)
        #expect(!used)
        var long = TextFieldState(String(repeating: "a", count: 300), maxLength: 10)
        #expect(long.text.count == 10)
        long.handle(.character("b"))
        #expect(long.text.count == 10)
    }

    @Test func selectCyclesAndRenders() {
        var state = SelectState(["app", "pc", "mweb"])
        state.handle(.left)
        #expect(state.value == "mweb")
        state.handle(.right)
        state.handle(.right)
        #expect(state.value == "pc")
        var buffer = Buffer(width: 40, height: 1)
        SelectState.render(state, label: "Initiation", into: &buffer, area: buffer.area, theme: theme, focused: true)
        expectSnapshot(buffer, "select")
    }

    @Test func logViewFollowsWrapsFiltersAndIsBounded() {
        var state = LogViewState(capacity: 5)
        for index in 0..<8 {
            state.append(LogLine(time: "10:00:0\(index)", level: index == 7 ? .error : .info, text: "→ payment INV-\(index) 2005400 182 ms"))
        }
        #expect(state.lines.count == 5)
        #expect(state.lines.first?.text.contains("INV-3") == true)
        var buffer = Buffer(width: 30, height: 4)
        LogView.render(state, into: &buffer, area: buffer.area, theme: theme)
        expectSnapshot(buffer, "log-follow")
        state.wrap = true
        state.filter = "INV-7"
        buffer = Buffer(width: 30, height: 4)
        LogView.render(state, into: &buffer, area: buffer.area, theme: theme)
        expectSnapshot(buffer, "log-wrap-filter")
        state.filter = ""
        state.scroll(by: 2)
        #expect(!state.follow)
        state.append(LogLine(time: "t", level: .info, text: "new"))
        #expect(state.scroll == 3)
    }

    @Test func dialogAndBadgeAndSpinner() {
        var buffer = Buffer(width: 40, height: 9)
        Dialog(title: "Refund INV-1", lines: ["Refund Rp 50.000 of Rp 150.000?"], buttons: ["Refund", "Cancel"], focusedButton: 1)
            .render(into: &buffer, area: buffer.area, theme: theme, width: 38)
        Badge.render("PAID", style: theme[.statusPaid], into: &buffer, x: 0, y: 8)
        buffer.put(Spinner.frame(3), x: 10, y: 8)
        buffer.put(Spinner.frame(3, ascii: true), x: 12, y: 8)
        expectSnapshot(buffer, "dialog-badge-spinner")
    }

    @Test func keyHintsAndHelpComeFromOneKeymap() {
        let keymap = Keymap<Int>(
            "Invoices",
            [
                KeyBinding([.character("n")], "new payment", action: 1), KeyBinding([.character("r")], "refund", action: 2),
                KeyBinding([.character("j"), .down], "down", label: "j/↓", inFooter: false, action: 3), KeyBinding([.character("q")], "quit", action: 4),
            ])
        #expect(keymap.action(for: .down) == 3)
        #expect(keymap.action(for: .character("x")) == nil)
        var footer = Buffer(width: 60, height: 1)
        KeyHints.render(keymap, into: &footer, area: footer.area, theme: theme)
        expectSnapshot(footer, "key-hints")
        var help = Buffer(width: 60, height: 12)
        HelpOverlay.render([keymap], title: "Help — press ? or Esc to close", into: &help, area: help.area, theme: theme)
        expectSnapshot(help, "help-overlay")
        for binding in keymap.bindings { #expect(help.lines.joined().contains(binding.help)) }
    }

    @Test func qrViewHalfBlocksAsciiAndTooSmall() throws {
        let matrix = try QREncoder.encode("https://app-uat.doku.com/link/283702597342040")
        #expect(matrix.size == 29)
        var buffer = Buffer(width: 40, height: 20)
        #expect(QRView.render(matrix, url: "https://app-uat.doku.com/link/283702597342040", into: &buffer, area: buffer.area, theme: theme))
        expectSnapshot(buffer, "qr-half-blocks")
        #expect(QRView.size(of: matrix, drawing: .ascii) == (74, 37))
        var small = Buffer(width: 30, height: 8)
        #expect(!QRView.render(matrix, url: "https://app-uat.doku.com/link/283702597342040", into: &small, area: small.area, theme: theme))
        expectSnapshot(small, "qr-too-small")
        #expect(small.lines.joined().contains("too small"))
    }

    @Test func boxesInUnicodeAndASCII() {
        var buffer = Buffer(width: 20, height: 4)
        buffer.box(Rect(x: 0, y: 0, width: 10, height: 4), title: "Log", style: theme[.border])
        buffer.box(Rect(x: 10, y: 0, width: 10, height: 4), title: "QR", borders: .ascii)
        expectSnapshot(buffer, "boxes")
    }
}
