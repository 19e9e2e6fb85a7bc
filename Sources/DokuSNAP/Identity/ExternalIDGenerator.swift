import Foundation
import Synchronization

/// Makes `X-EXTERNAL-ID` values: 20 digits, never repeated by one generator within an
/// Asia/Jakarta day.
///
/// Layout: 12 random digits chosen once per day (so two terminals sharing a client id are
/// unlikely to collide) followed by an 8-digit counter that restarts each day (so one process
/// can never repeat itself).
public final class ExternalIDGenerator: Sendable {
    private struct State {
        var day = ""
        var prefix = ""
        var counter: UInt64 = 0
        var random: any RandomNumberGenerator & Sendable
    }

    private let clock: any WallClock
    private let state: Mutex<State>

    public init(clock: any WallClock = SystemClock(), random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        self.clock = clock
        self.state = Mutex(State(random: random))
    }

    /// The next id. Throws only after 100,000,000 ids in one day.
    public func next() throws(DokuError) -> String {
        let day = SNAPTimestamp.jakartaDay(clock.now())
        return try state.withLock { state throws(DokuError) -> String in
            if state.day != day {
                state.day = day
                state.counter = 0
                let first = UInt64.random(in: 1...9, using: &state.random)
                let rest = UInt64.random(in: 0..<100_000_000_000, using: &state.random)
                state.prefix = String(first) + Self.pad(rest, 11)
            }
            guard state.counter < 100_000_000 else {
                throw DokuError.invalidRequest(field: "X-EXTERNAL-ID", reason: "this process has used all 100,000,000 external ids for today")
            }
            let id = state.prefix + Self.pad(state.counter, 8)
            state.counter += 1
            return id
        }
    }

    private static func pad(_ value: UInt64, _ width: Int) -> String {
        let s = String(value)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
