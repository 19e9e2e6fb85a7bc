import AsyncHTTPClient
import DokuSNAP
import Foundation
import NIOCore
import Synchronization

/// One try at delivering a notification, as the control API lists it.
public struct DeliveryAttempt: Sendable, Equatable, Codable {
    public var partnerReferenceNo: String
    public var status: String
    /// 1 for the first try, 2…4 for DOKU's retries; duplicates repeat the number.
    public var attempt: Int
    public var at: Date
    public var httpStatus: Int?
    public var responseCode: String?
    /// "delivered", "refused", "failed: …", "dropped (fault)".
    public var outcome: String
    public var delivered: Bool
}

/// Faults decided for one notification when it is queued.
struct DeliveryPlan: Sendable {
    var dropped = false
    var duplicated = false
    var wronglySigned = false
    var delay: Duration?
}

/// Delivers payment notifications to the merchant the way DOKU does: signed asymmetrically with
/// DOKU's key (DOKU's documented scheme for HTTP notifications, no token), or symmetrically with
/// an HMAC over the token got from the merchant's token endpoint first; and retry anything but
/// 2xx at +30 min, +6 h and +12 h (÷ time factor).
final class NotificationDispatcher: Sendable {
    /// DOKU's retry offsets from the first attempt, in seconds (doku-snap.md §6.4).
    static let retryOffsets: [TimeInterval] = [0, 30 * 60, 6 * 3600, 12 * 3600]

    struct State {
        var notifyURL: String?
        var tokenURL: String?
        /// Several receivers behind one address, as a load balancer spreads them: each attempt
        /// (retries and duplicates included) goes to the next. Empty: only `notifyURL`.
        var balanced: [(notify: String, token: String?)] = []
        var nextTarget = 0
        var attempts: [DeliveryAttempt] = []
        var active = 0
        var tasks: [Int: Task<Void, Never>] = [:]
        var nextID = 0
        /// Told of every attempt as it is recorded (`kasir sandbox` prints them).
        var observer: (@Sendable (DeliveryAttempt) -> Void)?
    }

    let configuration: SandboxConfiguration
    let clock: any WallClock
    let http: HTTPClient
    let externalIDs: ExternalIDGenerator
    let state: Mutex<State>

    init(configuration: SandboxConfiguration, clock: any WallClock) {
        self.configuration = configuration
        state = Mutex(State(notifyURL: configuration.notifyURL, tokenURL: configuration.effectiveTokenURL))
        self.clock = clock
        var config = HTTPClient.Configuration()
        config.timeout = .init(connect: .seconds(3), read: .seconds(10))
        config.redirectConfiguration = .disallow
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        externalIDs = ExternalIDGenerator(clock: clock)
    }

    var attempts: [DeliveryAttempt] { state.withLock { $0.attempts } }

    /// Points delivery at another merchant URL (e.g. once the merchant's receiver has bound a port).
    func setNotifyURL(_ notifyURL: String?, tokenURL: String?) {
        state.withLock {
            $0.notifyURL = notifyURL
            $0.tokenURL = tokenURL
            $0.balanced = []
        }
    }

    /// Spreads attempts over several receivers, round robin.
    func setBalancedTargets(_ targets: [(notify: String, token: String?)]) {
        state.withLock {
            $0.notifyURL = targets.first?.notify
            $0.tokenURL = targets.first?.token
            $0.balanced = targets
            $0.nextTarget = 0
        }
    }

    /// Queues delivery in the background; returns at once.
    func enqueue(_ notification: PaymentNotification, plan: DeliveryPlan) {
        state.withLock { state in
            guard state.notifyURL != nil else { return }
            let id = state.nextID
            state.nextID += 1
            state.active += 1
            state.tasks[id] = Task {
                await self.deliver(notification, plan: plan)
                self.state.withLock { state in
                    state.active -= 1
                    state.tasks[id] = nil
                }
            }
        }
    }

    func waitUntilIdle() async {
        while state.withLock({ $0.active }) > 0 {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    func shutdown() async {
        let tasks = state.withLock { Array($0.tasks.values) }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        try? await http.shutdown()
    }

    func deliver(_ notification: PaymentNotification, plan: DeliveryPlan) async {
        if let delay = plan.delay { try? await Task.sleep(for: delay) }
        let reference = notification.originalPartnerReferenceNo ?? "?"
        let status = notification.latestTransactionStatus ?? "?"
        if plan.dropped {
            record(DeliveryAttempt(partnerReferenceNo: reference, status: status, attempt: 1, at: clock.now(), outcome: "dropped (fault)", delivered: false))
            return
        }
        let start = ContinuousClock.now
        for (index, offset) in Self.retryOffsets.enumerated() {
            let due = start + .milliseconds(Int(offset / max(configuration.timeFactor, 0.000_001) * 1000))
            if due > ContinuousClock.now {
                do { try await Task.sleep(until: due) } catch { return }
            }
            if Task.isCancelled { return }
            let delivered = await attempt(notification, number: index + 1, wrongSignature: plan.wronglySigned && index == 0)
            if delivered {
                if plan.duplicated { _ = await attempt(notification, number: index + 1, wrongSignature: false) }
                return
            }
        }
    }

    /// One token request + notification post. True when the merchant answered 2xx.
    func attempt(_ notification: PaymentNotification, number: Int, wrongSignature: Bool) async -> Bool {
        var result = DeliveryAttempt(
            partnerReferenceNo: notification.originalPartnerReferenceNo ?? "?", status: notification.latestTransactionStatus ?? "?",
            attempt: number, at: clock.now(), outcome: "", delivered: false)
        defer { record(result) }
        let (target, tokenTarget) = state.withLock { state -> (String?, String?) in
            guard !state.balanced.isEmpty else { return (state.notifyURL, state.tokenURL) }
            let next = state.balanced[state.nextTarget % state.balanced.count]
            state.nextTarget += 1
            return (next.notify, next.token)
        }
        guard let notifyURL = target, let tokenURL = tokenTarget, let path = URL(string: notifyURL)?.path else {
            result.outcome = "failed: no notify URL"
            return false
        }
        let body = encodeJSON(json(notification))
        let timestamp = SNAPTimestamp.format(clock.now())
        let signedPath = path.isEmpty ? "/" : path
        var signature: String
        var token: String?
        switch configuration.notificationSignature {
        case .symmetric:
            // The HMAC string contains the merchant's token, so DOKU asks for one first.
            switch await fetchMerchantToken(tokenURL) {
            case .success(let value): token = value
            case .failure(let reason):
                result.outcome = "failed: token request \(reason)"
                return false
            }
            signature = SymmetricSignature(clientSecret: configuration.clientSecret).sign(
                method: "POST", path: signedPath, accessToken: Secret(token ?? ""), body: body, timestamp: timestamp)
        case .asymmetric, .auto:
            // DOKU's SNAP notification samples: X-SIGNATURE (RSA-2048, 344 characters), X-PARTNER-ID,
            // X-EXTERNAL-ID and X-TIMESTAMP, and no Authorization header.
            do {
                signature = try AsymmetricSignature.signTransactional(method: "POST", path: signedPath, body: body, timestamp: timestamp, with: configuration.dokuKey)
            } catch {
                result.outcome = "failed: could not sign"
                return false
            }
        }
        if wrongSignature { signature = String(signature.reversed()) }
        var request = HTTPClientRequest(url: notifyURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: SNAPHeaders.authorization, value: "Bearer " + token) }
        request.headers.add(name: SNAPHeaders.timestamp, value: timestamp)
        request.headers.add(name: SNAPHeaders.signature, value: signature)
        request.headers.add(name: SNAPHeaders.partnerID, value: configuration.clientID)
        request.headers.add(name: SNAPHeaders.externalID, value: (try? externalIDs.next()) ?? "1")
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await http.execute(request, timeout: .seconds(15))
            let answer = try await response.body.collect(upTo: 1 << 16)
            result.httpStatus = Int(response.status.code)
            result.responseCode = (try? JSONDecoder().decode(JSONValue.self, from: Data(Array(answer.readableBytesView))))?["responseCode"]?.stringValue
            result.delivered = (200..<300).contains(Int(response.status.code))
            result.outcome = result.delivered ? "delivered" : "refused"
        } catch {
            result.outcome = "failed: \(String(describing: error).cleanedForDisplay(limit: 120))"
        }
        return result.delivered
    }

    func fetchMerchantToken(_ url: String) async -> Result<String, TokenFailureReason> {
        let timestamp = SNAPTimestamp.format(clock.now())
        guard let signature = try? AsymmetricSignature.sign(clientID: configuration.clientID, timestamp: timestamp, with: configuration.dokuKey) else {
            return .failure(TokenFailureReason("could not be signed"))
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: SNAPHeaders.clientKey, value: configuration.clientID)
        request.headers.add(name: SNAPHeaders.timestamp, value: timestamp)
        request.headers.add(name: SNAPHeaders.signature, value: signature)
        request.body = .bytes(ByteBuffer(string: #"{"grantType":"client_credentials"}"#))
        do {
            let response = try await http.execute(request, timeout: .seconds(15))
            let body = try await response.body.collect(upTo: 1 << 16)
            guard let answer = try? JSONDecoder().decode(AccessTokenResponse.self, from: Data(Array(body.readableBytesView))) else {
                return .failure(TokenFailureReason("answered HTTP \(response.status.code) without a token"))
            }
            guard answer.responseCode == "2007300", let token = answer.accessToken, !token.isEmpty else {
                return .failure(TokenFailureReason("refused: \(answer.responseCode)"))
            }
            return .success(token)
        } catch {
            return .failure(TokenFailureReason("failed: \(String(describing: error).cleanedForDisplay(limit: 120))"))
        }
    }

    /// Keeps the newest 10,000 attempts, so a sandbox left running does not grow without end.
    func record(_ attempt: DeliveryAttempt) {
        let observer = state.withLock { state in
            state.attempts.append(attempt)
            if state.attempts.count > 10_000 { state.attempts.removeFirst(state.attempts.count - 10_000) }
            return state.observer
        }
        observer?(attempt)
    }

    func observe(_ observer: @escaping @Sendable (DeliveryAttempt) -> Void) {
        state.withLock { $0.observer = observer }
    }

    /// The notification body as DOKU's direct-debit samples (dashboard.doku.com, HTTP notification ›
    /// sample › direct debit) show it: the references, the status and its description, the amount,
    /// and `additionalInfo` with `custIdMerchant` and `accountType`; no `createdTime`,
    /// `finishedTime` or channel. `strictStandard` adds the SNAP standard's times.
    func json(_ notification: PaymentNotification) -> JSONValue {
        var object: [String: JSONValue] = [:]
        object["originalPartnerReferenceNo"] = .optional(notification.originalPartnerReferenceNo)
        object["originalReferenceNo"] = .optional(notification.originalReferenceNo)
        object["originalExternalId"] = .optional(notification.originalExternalId)
        object["latestTransactionStatus"] = .optional(notification.latestTransactionStatus)
        object["transactionStatusDesc"] = .optional(notification.transactionStatusDesc)
        if let amount = notification.amount { object["amount"] = .object(["value": .string(amount.value), "currency": .string(amount.currency)]) }
        object["additionalInfo"] = .object(["custIdMerchant": .string(configuration.clientID), "accountType": .string("DIRECT_DEBIT")])
        if configuration.strictStandard {
            object["createdTime"] = .optional(notification.createdTime)
            object["finishedTime"] = .optional(notification.finishedTime)
        }
        return .object(object)
    }
}

/// Why the merchant's token endpoint did not give a token.
struct TokenFailureReason: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
