import Foundation
import Testing

/// `kasir ui-gallery` in a real terminal, looked at as a person would.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is installed by make deps"))
struct GalleryTmuxTests {
    @Test func widgetsThemesResizeAndRestore() async throws {
        let tmux = try await Tmux.start(kasirBinary + " ui-gallery", width: 100, height: 30)
        defer { tmux.kill() }
        var screen = try await tmux.waitFor("theme: default")
        #expect(screen.contains("Table (1,000,000 rows)"))
        #expect(screen.contains("INV-20261125-0000000"))
        #expect(screen.contains("150.000"))
        #expect(screen.contains("quit"))
        try await tmux.keys("t")
        screen = try await tmux.waitFor("theme: light")
        #expect(screen.contains("theme: light"))
        try await tmux.keys("j", "j", "End")
        screen = try await tmux.waitFor("INV-20261125-0999999")
        #expect(screen.contains("INV-20261125-0999999"))

        try await tmux.resize(width: 80, height: 24)
        try await Task.sleep(for: .milliseconds(400))
        try await tmux.keys("Tab")
        screen = try await tmux.waitFor("quit")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast(screen.hasSuffix("\n") ? 1 : 0)
        #expect(lines.count <= 24)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(screen.contains("kasir ui-gallery"))

        try await tmux.resize(width: 200, height: 60)
        screen = try await tmux.waitFor("█")
        #expect(screen.contains("█"), "the QR code shows at 200x60")

        // Focus is on the amount field now, where q is typing: Ctrl-C quits from anywhere.
        try await tmux.keys("C-c")
        screen = try await tmux.waitFor("EXITED rc=0")
        #expect(screen.contains("BEFORE"), "the screen was restored")
        #expect(!screen.contains("Table (1,000,000 rows)"))
    }

    @Test func noColorKeepsAttributesAndDropsColours() async throws {
        let tmux = try await Tmux.start(kasirBinary + " ui-gallery", width: 100, height: 30, environment: ["NO_COLOR": "1"])
        defer { tmux.kill() }
        _ = try await tmux.waitFor("theme: default")
        let escaped = try await tmux.screen(escapes: true)
        let codes = sgrCodes(escaped)
        let colours = codes.filter { (30...37).contains($0) || (40...47).contains($0) || (90...97).contains($0) || (100...107).contains($0) || $0 == 38 || $0 == 48 }
        #expect(colours.isEmpty, "no colour sequences, found \(Set(colours))")
        #expect(codes.contains(1), "bold still shows")
        #expect(codes.contains(4), "underline still shows")
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
    }

    @Test func aDumbTerminalIsRefusedClearly() async throws {
        let tmux = try await Tmux.start(kasirBinary + " ui-gallery", environment: ["TERM": "dumb"])
        defer { tmux.kill() }
        let screen = try await tmux.waitFor("EXITED")
        #expect(screen.contains("TERM is 'dumb'"))
        #expect(screen.contains("EXITED rc=2"))
    }
}

/// The parameters of every SGR escape sequence (`ESC [ … m`) in `text`.
func sgrCodes(_ text: String) -> [Int] {
    var codes: [Int] = []
    var rest = Substring(text)
    while let start = rest.range(of: "\u{1B}[") {
        rest = rest[start.upperBound...]
        guard let end = rest.firstIndex(where: { !($0.isNumber || $0 == ";") }) else { break }
        if rest[end] == "m" { codes += rest[..<end].split(separator: ";").compactMap { Int($0) } }
        rest = rest[end...]
    }
    return codes
}
