import DokuSNAP
import Foundation

/// The simulated DOKU: verifies requests exactly as doku-snap.md says DOKU does, keeps the
/// ledger, applies faults and hands final state changes to the notification dispatcher.
/// Server-library independent: `SandboxServer` maps HTTP onto `handle`.
public actor DokuSimulator {
    public private(set) var configuration: SandboxConfiguration
    let clock: any WallClock
    var ledger = SandboxLedger()
    var faults = SandboxFaults()
    let dispatcher: NotificationDispatcher
    let signer: SymmetricSignature
    var tokens: SandboxTokens?
    /// Answers by `X-EXTERNAL-ID`, with the hash of the body they answered.
    var answered: [String: (String, SandboxAnswer)] = [:]
    var answeredDay = ""
    /// What `/_sandbox/` requests must carry (`SandboxConfiguration.controlToken`), fixed for the run.
    public nonisolated let controlToken: String

    public init(configuration: SandboxConfiguration, clock: any WallClock = SystemClock()) {
        self.configuration = configuration
        self.controlToken = configuration.controlToken
        self.clock = clock
        self.dispatcher = NotificationDispatcher(configuration: configuration, clock: clock)
        self.signer = SymmetricSignature(clientSecret: configuration.clientSecret)
    }

    /// Sets the URL the customer pages are served from (known once the server has bound its port).
    public func setPublicBaseURL(_ url: String) {
        configuration.publicBaseURL = url
    }

    /// Sends notifications to `url` from now on (nil: stop sending); the token URL is derived from it
    /// unless `tokenURL` is given.
    public func setNotifyURL(_ url: String?, tokenURL: String? = nil) {
        configuration.notifyURL = url
        configuration.tokenURL = tokenURL
        dispatcher.setNotifyURL(url, tokenURL: configuration.effectiveTokenURL)
    }

    /// Sends notifications to several receivers, as DOKU does to a merchant whose notification URL
    /// is a load balancer: each attempt, retry or duplicate goes to the next one in turn.
    public func setNotifyURLs(_ urls: [String]) {
        let targets = urls.map { url in
            var single = configuration
            single.notifyURL = url
            single.tokenURL = nil
            return (notify: url, token: single.effectiveTokenURL)
        }
        configuration.notifyURL = urls.first
        configuration.tokenURL = nil
        dispatcher.setBalancedTargets(targets)
    }

    /// Stops background notification delivery and closes connections.
    public func shutdown() async {
        await dispatcher.shutdown()
    }

    // MARK: SNAP endpoints

    /// Answers one SNAP call. `header` looks a header up case-insensitively.
    public func handle(_ endpoint: SandboxEndpoint, header: @Sendable (String) -> String?, body: [UInt8]) async -> SandboxAnswer {
        if let latency = faults.latencyMs[endpoint.rawValue], latency > 0 {
            try? await Task.sleep(for: .milliseconds(latency))
        }
        let now = clock.now()
        if let forced = faults.takeForced(endpoint) {
            return .snap(forced.code, forced.message ?? (ResponseCode(forced.code)?.title ?? "Forced"), now: now)
        }
        let hold = faults.takeHold(endpoint)
        let afterCommit = faults.takeAfterCommit(endpoint)
        var answer: SandboxAnswer
        switch endpoint {
        case .token: answer = await token(header: header, body: body, now: now)
        default: answer = service(endpoint, header: header, body: body, now: now)
        }
        if let afterCommit, (200..<300).contains(answer.status) {
            // The work is done and recorded; the merchant hears a failure.
            answer = .snap(afterCommit.code, afterCommit.message ?? (ResponseCode(afterCommit.code)?.title ?? "Forced"), now: now)
            remember(answer, for: header(SNAPHeaders.externalID), body: body, now: now)
        }
        if let hold { try? await Task.sleep(for: hold) }
        return answer
    }

    func token(header: (String) -> String?, body: [UInt8], now: Date) async -> SandboxAnswer {
        func reject(_ code: String, _ message: String) -> SandboxAnswer { .snap(code, message, now: now) }
        guard let clientKey = nonEmpty(header(SNAPHeaders.clientKey)) else { return reject("4007302", "Invalid Mandatory Field X-CLIENT-KEY") }
        guard let timestamp = nonEmpty(header(SNAPHeaders.timestamp)) else { return reject("4007302", "Invalid Mandatory Field X-TIMESTAMP") }
        guard let signature = nonEmpty(header(SNAPHeaders.signature)) else { return reject("4007302", "Invalid Mandatory Field X-SIGNATURE") }
        guard let sent = try? SNAPTimestamp.parse(timestamp) else {
            return reject("4007301", "Invalid Field Format X-TIMESTAMP: use ISO-8601 such as 2024-07-10T11:57:58+07:00")
        }
        guard clientKey == configuration.clientID else { return reject("4017300", "Unauthorized. Unknown client") }
        guard abs(sent.timeIntervalSince(now)) <= configuration.allowedSkew else {
            return reject("4017300", "Unauthorized. X-TIMESTAMP is too far from now")
        }
        guard AsymmetricSignature.isValid(signature, clientID: clientKey, timestamp: timestamp, key: configuration.merchantPublicKey) else {
            return reject("4017300", "Unauthorized.Invalid Signature")
        }
        guard let request = try? JSONDecoder().decode(AccessTokenRequest.self, from: Data(body)) else {
            return reject("4007301", "Invalid Field Format body: must be JSON")
        }
        do { try request.validate() } catch { return .rejection(fieldRejection(error, service: "73"), now: now) }
        let expiry = now.addingTimeInterval(TimeInterval(configuration.tokenLifetime))
        let token: String
        do {
            if tokens == nil { tokens = try await SandboxTokens(dokuKey: configuration.dokuKey) }
            token = try await tokens!.issue(clientID: configuration.clientID, expiry: expiry)
        } catch {
            return reject("5007300", "General Error: could not sign the token")
        }
        ledger.record(token: token, expiry: expiry, now: now)
        return .snap(
            "2007300", "Successful",
            fields: [
                "accessToken": .string(token), "tokenType": .string("Bearer"), "expiresIn": .number(Double(configuration.tokenLifetime)),
                "additionalInfo": .object([:]),
            ], now: now, extraHeaders: [(SNAPHeaders.clientKey, configuration.clientID)])
    }

    func service(_ endpoint: SandboxEndpoint, header: (String) -> String?, body: [UInt8], now: Date) -> SandboxAnswer {
        let service = endpoint.service
        func reject(_ caseCode: String, _ message: String) -> SandboxAnswer { .snap(caseCode.prefix(3) + service + caseCode.dropFirst(3), message, now: now) }
        guard let token = SNAPHeaders.bearerToken(header(SNAPHeaders.authorization)) else { return reject("40103", "Token Not Found (B2B)") }
        guard ledger.isTokenValid(token, now: now) else { return reject("40101", "Invalid Token (B2B)") }
        for name in [SNAPHeaders.timestamp, SNAPHeaders.signature, SNAPHeaders.partnerID, SNAPHeaders.externalID] where nonEmpty(header(name)) == nil {
            return reject("40002", "Invalid Mandatory Field \(name)")
        }
        let timestamp = header(SNAPHeaders.timestamp)!
        guard (try? SNAPTimestamp.parse(timestamp)) != nil else {
            return reject("40001", "Invalid Field Format X-TIMESTAMP: use ISO-8601 such as 2024-07-10T11:57:58+07:00")
        }
        guard header(SNAPHeaders.partnerID) == configuration.clientID else { return reject("40416", "Partner Not Found") }
        let path = pathOf(endpoint)
        guard signer.isValid(header(SNAPHeaders.signature)!, method: "POST", path: path, accessToken: Secret(token), body: body, timestamp: timestamp) else {
            return reject("40100", "Unauthorized. Signature Not Match")
        }
        let externalID = header(SNAPHeaders.externalID)!
        guard externalID.count <= 40, !configuration.externalIDDigitsOnly || externalID.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return reject("40001", "Invalid Field Format X-EXTERNAL-ID: 1 to 40 digits")
        }
        // DOKU's idempotency page: the same request id with the same body gets the original
        // response again, under HTTP 409; with another body it is a conflict.
        if let (hash, original) = answered[externalID] {
            guard hash == JSONMinifier.bodyHash(body) else { return reject("40900", "Conflict: X-EXTERNAL-ID was already used today") }
            var replay = original
            replay.status = 409
            return replay
        }
        guard ledger.useExternalID(externalID, now: now) else {
            return reject("40900", "Conflict: X-EXTERNAL-ID was already used today")
        }
        if endpoint == .payment || endpoint == .refund {
            if nonEmpty(header(SNAPHeaders.deviceID)) == nil { return reject("40002", "Invalid Mandatory Field X-DEVICE-ID") }
            // DOKU's Python, Node and Java SDKs require X-IP-ADDRESS for DANA payments and refunds.
            guard let ip = nonEmpty(header(SNAPHeaders.ipAddress)) else { return reject("40002", "Invalid Mandatory Field X-IP-ADDRESS") }
            guard ip.count <= 15, (try? FieldRules.ipv4(ip)) != nil else { return reject("40001", "Invalid Field Format X-IP-ADDRESS: an IPv4 address") }
        }
        let answer: SandboxAnswer
        switch endpoint {
        case .payment: answer = payment(body: body, externalID: externalID, now: now)
        case .status: answer = status(body: body, now: now)
        case .refund: answer = refund(body: body, now: now)
        case .token: answer = reject("50000", "General Error")
        }
        remember(answer, for: externalID, body: body, now: now)
        return answer
    }

    /// Keeps the answer to a request id for DOKU's idempotent replay (this Asia/Jakarta day, at most 100,000).
    func remember(_ answer: SandboxAnswer, for externalID: String?, body: [UInt8], now: Date) {
        guard let externalID else { return }
        let day = SNAPTimestamp.jakartaDay(now)
        if day != answeredDay || answered.count >= 100_000 {
            answeredDay = day
            answered.removeAll(keepingCapacity: true)
        }
        answered[externalID] = (JSONMinifier.bodyHash(body), answer)
    }

    func pathOf(_ endpoint: SandboxEndpoint) -> String {
        switch endpoint {
        case .token: DokuPaths.accessToken
        case .payment: DokuPaths.payment
        case .status: DokuPaths.checkStatus
        case .refund: DokuPaths.refund
        }
    }

    func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    func fieldRejection(_ error: FieldError, service: String) -> SandboxRejection {
        SandboxRejection(
            "400" + service + (error.kind == .missing ? "02" : "01"),
            (error.kind == .missing ? "Invalid Mandatory Field " : "Invalid Field Format ") + "\(error.field): \(error.rule)")
    }

    func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8], service: String) -> Result<T, SandboxRejection> {
        do {
            return .success(try JSONDecoder().decode(type, from: Data(body)))
        } catch DecodingError.keyNotFound(let key, _) {
            return .failure(SandboxRejection("400\(service)02", "Invalid Mandatory Field \(key.stringValue)"))
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(SandboxRejection("400\(service)01", "Invalid Field Format \(field.isEmpty ? "body" : field)"))
        } catch {
            return .failure(SandboxRejection("400\(service)01", "Invalid Field Format body: not a JSON object"))
        }
    }
}
