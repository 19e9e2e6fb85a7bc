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
        state.message = Message(.success, state.words(.databaseBack))
        return reloadPage(&state, keepPosition: true) + detailEffects(state) + loadActivity(&state)
    }

    /// The store failed: keep what is shown, say why, and say what still works.
    static func storeUnreachable(_ state: inout AppState, _ reason: String) {
        if state.storeProblem == nil { state.storeProblem = StoreProblem(reason: reason, since: state.now) }
        state.message = Message(.error, state.words(.databaseLost, reason))
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
        let w = state.words
        let gone =
            heartbeat.map { beat in
                w(.receiverStopped, beat.owner, beat.address, LogFormatter.clock(beat.stoppedAt ?? beat.beatAt))
            } ?? w(.noReceiverEver)
        if state.canReceive {
            guard !state.takingOver else { return [] }
            state.takingOver = true
            state.receiver = .notRunning(w(.takingOver, gone))
            return [.startReceiver]
        }
        state.receiver = .notRunning(w(.startListen, gone))
        if wasExternal { state.message = Message(.error, w(.notReceivingMessage, gone)) }
        return []
    }

    static func receiverStarted(_ state: inout AppState, _ result: Result<ReceiverAddress, ReceiverStartFailure>) -> [Effect] {
        state.takingOver = false
        switch result {
        case .success(let address):
            state.receiver = .listening(host: address.host, port: address.port)
            state.message = Message(.info, state.words(.nowReceiving, "\(address.host):\(address.port)"))
        case .failure(let failure):
            state.receiver = .notRunning(state.words(.notReceivingReason, failure.reason))
            state.message = Message(.error, state.words(.notReceivingRetry, failure.reason))
        }
        return []
    }

    /// The header's words for the receiver, shortest last: the caller takes the first that fits.
    public static func receiverTexts(_ state: AppState) -> [String] {
        let w = state.words
        if let problem = state.storeProblem {
            let since = String(LogFormatter.clock(problem.since).prefix(5))
            return [w(.databaseUnreachableLong, since), w(.databaseUnreachable, since), w(.noDatabase)]
        }
        let last = state.lastNotificationAt.map { w(.lastNotification, w.age(state.now.timeIntervalSince($0))) } ?? w(.noNotificationYet)
        switch state.receiver {
        case .listening(let host, let port):
            return [w(.receivingOn, "\(host):\(port)", last), "⇄ \(host):\(port) · \(last)", "⇄ \(last)"]
        case .external(let address, let owner, _):
            return [w(.receivingVia, owner, address, last), w(.receivingViaShort, owner, last), "⇄ \(owner) · \(last)"]
        case .notRunning(let why):
            return [w(.notReceivingWhy, why), w(.notReceivingLong), w(.notReceiving)]
        }
    }
}
