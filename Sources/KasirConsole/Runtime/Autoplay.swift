import Foundation
import TerminalUI

/// A scripted demo, as keys at a pace a room can follow (`kasir demo --autoplay`).
public struct DemoScript: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        case wait(Duration)
        case key(Key)
        /// Characters typed one by one, as a cashier types.
        case type(String)
    }

    public var steps: [Step]
    /// The pause between typed characters.
    public var typingPause: Duration = .milliseconds(180)

    public init(steps: [Step]) { self.steps = steps }

    /// One sale from the counter's side: the form filled, the QR code, the customer pays, PAID,
    /// back to the list, part of it refunded; then again.
    public static let sale = DemoScript(steps: [
        .wait(.seconds(2)), .key(.character("n")), .wait(.seconds(1)), .type("35000"), .wait(.seconds(1)), .key(.tab), .key(.tab),
        .type("Es kopi susu"), .wait(.seconds(1)), .key(.enter),
        .wait(.seconds(5)), .key(.character("p")), .wait(.seconds(5)), .key(.escape), .wait(.seconds(2)),
        .key(.character("r")), .wait(.seconds(2)),
    ] + Array(repeating: .key(.backspace), count: 12) + [
        .type("10000"), .wait(.seconds(1)), .key(.enter), .wait(.seconds(2)), .key(.character("y")), .wait(.seconds(5)),
    ])

    /// The keys with the time each is due after the start, once through.
    public func timeline() -> [(at: Duration, key: Key)] {
        var at = Duration.zero
        var out: [(Duration, Key)] = []
        for step in steps {
            switch step {
            case .wait(let pause): at += pause
            case .key(let key): out.append((at, key))
            case .type(let text):
                for character in text {
                    out.append((at, .character(character)))
                    at += typingPause
                }
            }
        }
        return out
    }

    /// How long one pass takes.
    public var length: Duration {
        steps.reduce(Duration.zero) { total, step in
            switch step {
            case .wait(let pause): total + pause
            case .key: total
            case .type(let text): total + typingPause * text.count
            }
        }
    }
}

/// A terminal that plays `script` (looping) until a person presses a key; that key only takes
/// control back, so nothing happens that the person did not mean.
@MainActor
public final class AutoplayTerminal: ConsoleTerminal {
    let inner: any ConsoleTerminal
    let timeline: [(at: Duration, key: Key)]
    let length: Duration
    /// Time since autoplay started; a parameter so a test can play without waiting on the clock.
    let elapsedTime: () -> Duration
    var next = 0
    var loops = 0
    public private(set) var playing = true

    public init(_ inner: any ConsoleTerminal, script: DemoScript, elapsed: (() -> Duration)? = nil) {
        self.inner = inner
        let start = ContinuousClock.now
        elapsedTime = elapsed ?? { ContinuousClock.now - start }
        timeline = script.timeline()
        length = max(script.length, .seconds(1))
    }

    public var width: Int { inner.width }
    public var height: Int { inner.height }
    public var unicode: Bool { inner.unicode }

    public func readKey() -> Key? {
        if let key = inner.readKey() {
            // A resize is the terminal's, not a person's: it passes and autoplay goes on.
            guard key != .resize else { return key }
            guard playing else { return key }
            playing = false
            return nil
        }
        guard playing, !timeline.isEmpty else { return nil }
        let elapsed = elapsedTime() - length * loops
        if next == timeline.count {
            guard elapsed >= length else { return nil }
            next = 0
            loops += 1
            return nil
        }
        guard timeline[next].at <= elapsed else { return nil }
        defer { next += 1 }
        return timeline[next].key
    }

    public func draw(_ buffer: Buffer, cursor: (x: Int, y: Int)?) { inner.draw(buffer, cursor: cursor) }
    public func ring(flash: Bool) { inner.ring(flash: flash) }
    public func copyToClipboard(_ text: String) -> Bool { inner.copyToClipboard(text) }
}
