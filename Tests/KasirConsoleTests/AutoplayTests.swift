import Foundation
import Testing
import TerminalUI

@testable import KasirConsole

/// The demo's autoplay: the script's keys at their times, and a person's key stops it.
@MainActor @Suite struct AutoplayTests {
    final class Keyboard: ConsoleTerminal {
        var queued: [Key] = []
        var width: Int { 100 }
        var height: Int { 30 }
        var unicode: Bool { true }
        func readKey() -> Key? { queued.isEmpty ? nil : queued.removeFirst() }
        func draw(_ buffer: Buffer, cursor: (x: Int, y: Int)?) {}
        func ring(flash: Bool) {}
    }

    @Test func theSaleScriptTypesAFormPaysAndRefunds() {
        let keys = DemoScript.sale.timeline().map(\.key)
        #expect(keys.first == .character("n"))
        #expect(keys.contains(.character("p")) && keys.contains(.character("r")) && keys.last == .character("y"))
        let times = DemoScript.sale.timeline().map(\.at)
        #expect(times == times.sorted(), "keys in time order")
        #expect(DemoScript.sale.length >= times.last!)
    }

    @Test func keysPlayUntilAPersonPressesOneWhichOnlyTakesControl() async throws {
        let keyboard = Keyboard()
        let script = DemoScript(steps: [.key(.character("n")), .type("12"), .wait(.milliseconds(20))])
        let terminal = AutoplayTerminal(keyboard, script: script)
        var played: [Key] = []
        let deadline = ContinuousClock.now + .seconds(2)
        while played.count < 3, ContinuousClock.now < deadline {
            if let key = terminal.readKey() { played.append(key) }
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(played == [.character("n"), .character("1"), .character("2")])
        // A resize passes through and autoplay goes on; a person's key is swallowed and stops it.
        keyboard.queued = [.resize]
        #expect(terminal.readKey() == .resize)
        #expect(terminal.playing)
        keyboard.queued = [.character("q")]
        #expect(terminal.readKey() == nil)
        #expect(!terminal.playing)
        try await Task.sleep(for: .milliseconds(600))
        for _ in 0..<20 { #expect(terminal.readKey() == nil) }
        keyboard.queued = [.character("q")]
        #expect(terminal.readKey() == .character("q"), "then keys are the person's")
    }
}
