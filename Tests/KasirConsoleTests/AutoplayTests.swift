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

    @Test func keysPlayUntilAPersonPressesOneWhichOnlyTakesControl() {
        final class Clock { var now = Duration.zero }
        let keyboard = Keyboard()
        let clock = Clock()
        let script = DemoScript(steps: [.key(.character("n")), .type("12"), .wait(.milliseconds(20))])
        let terminal = AutoplayTerminal(keyboard, script: script, elapsed: { clock.now })
        var played: [Key] = []
        for _ in 0..<10 {
            if let key = terminal.readKey() { played.append(key) }
        }
        #expect(played == [.character("n"), .character("1")], "the 2 is not due yet")
        clock.now = .milliseconds(180)
        if let key = terminal.readKey() { played.append(key) }
        #expect(played == [.character("n"), .character("1"), .character("2")])
        // A resize passes through and autoplay goes on; a person's key is swallowed and stops it.
        keyboard.queued = [.resize]
        #expect(terminal.readKey() == .resize)
        #expect(terminal.playing)
        keyboard.queued = [.character("q")]
        #expect(terminal.readKey() == nil)
        #expect(!terminal.playing)
        clock.now = .seconds(5)
        for _ in 0..<20 { #expect(terminal.readKey() == nil) }
        keyboard.queued = [.character("q")]
        #expect(terminal.readKey() == .character("q"), "then keys are the person's")
    }

    @Test func theScriptLoopsAfterItsLength() {
        final class Clock { var now = Duration.zero }
        let clock = Clock()
        let script = DemoScript(steps: [.key(.character("n")), .wait(.seconds(2))])
        let terminal = AutoplayTerminal(Keyboard(), script: script, elapsed: { clock.now })
        #expect(terminal.readKey() == .character("n"))
        #expect(terminal.readKey() == nil)
        clock.now = .seconds(2)
        #expect(terminal.readKey() == nil, "the loop turns over")
        #expect(terminal.readKey() == .character("n"), "and plays again")
    }
}
