import Foundation

/// The sandbox endpoints faults can be set on.
public enum SandboxEndpoint: String, Sendable, Codable, CaseIterable {
    case token, payment, status, refund

    var service: String {
        switch self {
        case .token: "73"
        case .payment: "54"
        case .status: "55"
        case .refund: "58"
        }
    }
}

/// Misbehaviour to inject, set through `/_sandbox/faults`. Counters count down per call.
public struct SandboxFaults: Sendable, Codable, Equatable {
    /// Extra latency per endpoint, in milliseconds.
    public var latencyMs: [String: Int] = [:]
    /// Answer the next `count` calls of an endpoint with `code` (nothing is done).
    public var forced: [String: ForcedCode] = [:]
    /// Hold the next `count` calls of an endpoint for `holdMs` before answering, but do the work
    /// at once: the client times out while the payment is real (the outcome-unknown case).
    public var timeouts: [String: Hold] = [:]
    /// The next N notifications are never sent.
    public var dropNotifications = 0
    /// The next N notifications are sent twice.
    public var duplicateNotifications = 0
    /// The next N notifications carry a wrong `X-SIGNATURE`.
    public var wronglySignedNotifications = 0
    /// The next N notifications wait this long before their first attempt.
    public var delayedNotifications = 0
    public var notificationDelayMs = 0

    public init() {}

    public struct ForcedCode: Sendable, Codable, Equatable {
        public var code: String
        public var count: Int
        public var message: String?

        public init(code: String, count: Int = 1, message: String? = nil) {
            self.code = code
            self.count = count
            self.message = message
        }
    }

    public struct Hold: Sendable, Codable, Equatable {
        public var holdMs: Int
        public var count: Int

        public init(holdMs: Int, count: Int = 1) {
            self.holdMs = holdMs
            self.count = count
        }
    }

    /// Takes one forced code for `endpoint`, if any is left.
    mutating func takeForced(_ endpoint: SandboxEndpoint) -> ForcedCode? {
        guard var forced = self.forced[endpoint.rawValue], forced.count > 0 else { return nil }
        forced.count -= 1
        self.forced[endpoint.rawValue] = forced.count > 0 ? forced : nil
        return forced
    }

    /// Takes one hold for `endpoint`, if any is left.
    mutating func takeHold(_ endpoint: SandboxEndpoint) -> Duration? {
        guard var hold = timeouts[endpoint.rawValue], hold.count > 0 else { return nil }
        hold.count -= 1
        timeouts[endpoint.rawValue] = hold.count > 0 ? hold : nil
        return .milliseconds(hold.holdMs)
    }

    static func take(_ counter: inout Int) -> Bool {
        guard counter > 0 else { return false }
        counter -= 1
        return true
    }
}
