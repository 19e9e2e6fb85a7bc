import DokuSNAP
import Foundation
import KasirCore

extension ConsoleLogic {
    /// Every this many ticks (seconds) the console looks at the receivers' heartbeats.
    static let receiverCheckEvery = 5

    /// The store answered again after an outage: everything shown is read afresh.
    static func storeReachable(_ state: inout AppState) -> [Effect] {
        guard state.storeProblem != nil else { return [] }
        state.storeProblem = nil
        state.message = Message(.success, "The database is back: the list, the detail and the log are read again")
        return reloadPage(&state, keepPosition: true) + detailEffects(state) + loadActivity(&state)
    }

    /// The store failed: keep what is shown, say why, and say what still works.
    static func storeUnreachable(_ state: inout AppState, _ reason: String) {
        if state.storeProblem == nil { state.storeProblem = StoreProblem(reason: reason, since: state.now) }
        state.message = Message(
            .error, "The database cannot be reached (\(reason)). The screen shows what was last read; new payments and refunds are refused until it is back, which kasir checks every second")
    }

    /// What the header says about the receiver, from the newest heartbeat: this console's own
    /// receiver, another one alive, or nobody — and then this console takes the port over when it
    /// may, or says plainly that notifications are not being received.
    static func receiverObserved(_ state: inout AppState, _ heartbeat: ReceiverHeartbeat?) -> [Effect] {
        if case .listening = state.receiver { return [] }
        if let heartbeat, heartbeat.isAlive(at: state.now), heartbeat.processID != getpid() {
            state.receiver = .external(address: heartbeat.address, owner: heartbeat.owner, lastBeat: heartbeat.beatAt)
            return []
        }
        let wasExternal: Bool = { if case .external = state.receiver { return true } else { return false } }()
        let gone =
            heartbeat.map { beat in
                "\(beat.owner) on \(beat.address) stopped at \(LogFormatter.clock(beat.stoppedAt ?? beat.beatAt))"
            } ?? "no receiver has run on this store"
        if state.canReceive {
            guard !state.takingOver else { return [] }
            state.takingOver = true
            state.receiver = .notRunning("\(gone); taking over")
            return [.startReceiver]
        }
        state.receiver = .notRunning("\(gone); NOT RECEIVING: start kasir listen")
        if wasExternal { state.message = Message(.error, "Notifications are not being received: \(gone). Start kasir listen; until then press s to check a sale") }
        return []
    }

    static func receiverStarted(_ state: inout AppState, _ result: Result<ReceiverAddress, ReceiverStartFailure>) -> [Effect] {
        state.takingOver = false
        switch result {
        case .success(let address):
            state.receiver = .listening(host: address.host, port: address.port)
            state.message = Message(.info, "This console now receives DOKU's notifications on \(address.host):\(address.port)")
        case .failure(let failure):
            state.receiver = .notRunning("NOT RECEIVING: \(failure.reason)")
            state.message = Message(.error, "Notifications are not being received: \(failure.reason). kasir tries again; press s to check a sale")
        }
        return []
    }

    /// The header's words for the receiver, shortest last: the caller takes the first that fits.
    public static func receiverTexts(_ state: AppState) -> [String] {
        if let problem = state.storeProblem {
            let since = LogFormatter.clock(problem.since).prefix(5)
            return ["⚠ DATABASE UNREACHABLE since \(since) · new payments refused", "⚠ DATABASE UNREACHABLE since \(since)", "⚠ NO DATABASE"]
        }
        switch state.receiver {
        case .listening(let host, let port):
            let last = state.lastNotificationAt.map { "last \(ConsoleView.age(state.now.timeIntervalSince($0))) ago" } ?? "none yet"
            return ["⇄ receiving on \(host):\(port) · \(last)", "⇄ \(host):\(port) · \(last)", "⇄ \(last)"]
        case .external(let address, let owner, _):
            let last = state.lastNotificationAt.map { "last \(ConsoleView.age(state.now.timeIntervalSince($0))) ago" } ?? "none yet"
            return ["⇄ via \(owner) \(address) · \(last)", "⇄ via \(owner) · \(last)", "⇄ \(owner) · \(last)"]
        case .notRunning(let why):
            return ["⚠ not receiving: \(why)", "⚠ NOT RECEIVING notifications", "⚠ NOT RECEIVING"]
        }
    }
}
