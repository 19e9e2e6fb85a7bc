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
    /// Do the work of the next `count` calls of an endpoint, then answer with `code` (e.g. `5005800`):
    /// DOKU applied the payment or refund and the merchant hears a failure.
    public var afterCommit: [String: ForcedCode] = [:]
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

    enum CodingKeys: String, CodingKey {
        case latencyMs, forced, timeouts, afterCommit, dropNotifications, duplicateNotifications, wronglySignedNotifications
        case delayedNotifications, notificationDelayMs
    }

    /// A partial body sets only what it names; missing keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        latencyMs = try c.decodeIfPresent([String: Int].self, forKey: .latencyMs) ?? [:]
        forced = try c.decodeIfPresent([String: ForcedCode].self, forKey: .forced) ?? [:]
        timeouts = try c.decodeIfPresent([String: Hold].self, forKey: .timeouts) ?? [:]
        afterCommit = try c.decodeIfPresent([String: ForcedCode].self, forKey: .afterCommit) ?? [:]
        dropNotifications = try c.decodeIfPresent(Int.self, forKey: .dropNotifications) ?? 0
        duplicateNotifications = try c.decodeIfPresent(Int.self, forKey: .duplicateNotifications) ?? 0
        wronglySignedNotifications = try c.decodeIfPresent(Int.self, forKey: .wronglySignedNotifications) ?? 0
        delayedNotifications = try c.decodeIfPresent(Int.self, forKey: .delayedNotifications) ?? 0
        notificationDelayMs = try c.decodeIfPresent(Int.self, forKey: .notificationDelayMs) ?? 0
    }

    public struct ForcedCode: Sendable, Codable, Equatable {
        public var code: String
        public var count: Int
        public var message: String?

        public init(code: String, count: Int = 1, message: String? = nil) {
            self.code = code
            self.count = count
            self.message = message
        }

        enum CodingKeys: String, CodingKey { case code, count, message }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decode(String.self, forKey: .code)
            count = try c.decodeIfPresent(Int.self, forKey: .count) ?? 1
            message = try c.decodeIfPresent(String.self, forKey: .message)
        }
    }

    public struct Hold: Sendable, Codable, Equatable {
        public var holdMs: Int
        public var count: Int

        public init(holdMs: Int, count: Int = 1) {
            self.holdMs = holdMs
            self.count = count
        }

        enum CodingKeys: String, CodingKey { case holdMs, count }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            holdMs = try c.decode(Int.self, forKey: .holdMs)
            count = try c.decodeIfPresent(Int.self, forKey: .count) ?? 1
        }
    }

    /// Takes one forced code for `endpoint`, if any is left.
    mutating func takeForced(_ endpoint: SandboxEndpoint) -> ForcedCode? {
        guard var forced = self.forced[endpoint.rawValue], forced.count > 0 else { return nil }
        forced.count -= 1
        self.forced[endpoint.rawValue] = forced.count > 0 ? forced : nil
        return forced
    }

    /// Takes one after-commit answer for `endpoint`, if any is left.
    mutating func takeAfterCommit(_ endpoint: SandboxEndpoint) -> ForcedCode? {
        guard var forced = afterCommit[endpoint.rawValue], forced.count > 0 else { return nil }
        forced.count -= 1
        afterCommit[endpoint.rawValue] = forced.count > 0 ? forced : nil
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
