import DokuSNAP
import Foundation

/// A notification receiver's sign of life in the shared store, so every console on it can say
/// truthfully who receives DOKU's notifications, and notice when nobody does any more.
public struct ReceiverHeartbeat: Sendable, Equatable {
    /// Where it listens, e.g. `127.0.0.1:8787`.
    public var address: String
    /// Which program: "kasir listen" or "console".
    public var owner: String
    public var processID: Int32
    public var startedAt: Date
    public var beatAt: Date
    /// Set when it stopped cleanly; a receiver that died just stops beating.
    public var stoppedAt: Date?

    public init(address: String, owner: String, processID: Int32, startedAt: Date, beatAt: Date, stoppedAt: Date? = nil) {
        self.address = address
        self.owner = owner
        self.processID = processID
        self.startedAt = startedAt
        self.beatAt = beatAt
        self.stoppedAt = stoppedAt
    }

    /// How often a receiver beats, and how long a silence means it is gone.
    public static let interval: TimeInterval = 5
    public static let silence: TimeInterval = 15

    /// True while it beats and has not said it stopped.
    public func isAlive(at now: Date) -> Bool {
        stoppedAt == nil && now.timeIntervalSince(beatAt) < Self.silence
    }
}

extension ReceiverHeartbeat {
    /// Beats for a receiver listening on `address` until the task is cancelled; then says it stopped.
    public static func keepBeating(store: any MerchantStore, address: String, owner: String, clock: any WallClock = SystemClock()) -> Task<Void, Never> {
        let started = clock.now()
        let pid = getpid()
        return Task {
            while !Task.isCancelled {
                try? await store.beat(ReceiverHeartbeat(address: address, owner: owner, processID: pid, startedAt: started, beatAt: clock.now()))
                try? await Task.sleep(for: .seconds(interval))
            }
            try? await store.beat(ReceiverHeartbeat(address: address, owner: owner, processID: pid, startedAt: started, beatAt: clock.now(), stoppedAt: clock.now()))
        }
    }
}
