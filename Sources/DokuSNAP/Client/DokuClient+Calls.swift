import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

extension DokuClient {
    /// What one HTTP exchange gave back.
    struct RawAnswer {
        let status: Int
        let body: [UInt8]
    }

    func fetchToken() async throws -> CachedToken {
        let credentials = configuration.credentials
        let timestamp = SNAPTimestamp.format(clock.now())
        let signature: String
        do {
            signature = try AsymmetricSignature.sign(clientID: credentials.clientID, timestamp: timestamp, with: credentials.privateKey)
        } catch {
            throw DokuError.configuration("could not sign the token request with the merchant private key")
        }
        let body = try encode(AccessTokenRequest())
        let headers = [
            (SNAPHeaders.contentType, "application/json"),
            (SNAPHeaders.clientKey, credentials.clientID),
            (SNAPHeaders.timestamp, timestamp),
            (SNAPHeaders.signature, signature),
        ]
        let answer = try await exchange(.accessToken, externalID: nil, headers: headers, body: body)
        guard let response = try? LenientJSON.decode(AccessTokenResponse.self, from: answer.body),
            let code = ResponseCode(response.responseCode)
        else {
            throw DokuError.invalidResponse(operation: .accessToken, reason: "HTTP \(answer.status) without a SNAP token answer")
        }
        guard (200..<300).contains(answer.status), code.isSuccess else {
            throw DokuError.rejected(operation: .accessToken, code: code, message: response.responseMessage)
        }
        guard let token = response.accessToken, !token.isEmpty else {
            throw DokuError.invalidResponse(operation: .accessToken, reason: "the answer has no accessToken")
        }
        let lifetime = TimeInterval(response.expiresIn ?? 900)
        guard lifetime > 0 else {
            throw DokuError.invalidResponse(operation: .accessToken, reason: "expiresIn is \(lifetime)")
        }
        // Refresh early, but never later than half the lifetime for very short-lived tokens.
        let margin = min(Double(configuration.tokenRefreshMargin.components.seconds), lifetime / 2)
        return CachedToken(token: Secret(token), refreshAt: clock.now().addingTimeInterval(lifetime - margin))
    }

    /// Sends a signed service call; on "invalid token" fetches a new token and sends once more.
    func serviceCall<Body: Encodable, Answer: Decodable & SNAPAnswer>(
        _ operation: DokuOperation, body: Body, device: CustomerDevice?, externalID chosen: String?, as answerType: Answer.Type
    ) async throws(DokuError) -> Answer {
        let bytes: [UInt8]
        do { bytes = try encode(body) } catch { throw .invalidRequest(field: "body", reason: "could not be encoded") }
        var attempt = 0
        while true {
            attempt += 1
            let token: Secret
            do {
                token = try await accessToken()
            } catch {
                throw Self.asCallError(error, operation: operation)
            }
            let externalID: String
            if let chosen { externalID = chosen } else { externalID = try externalIDs.next() }
            let timestamp = SNAPTimestamp.format(clock.now())
            var headers = [
                (SNAPHeaders.contentType, "application/json"),
                (SNAPHeaders.authorization, "Bearer " + token.reveal()),
                (SNAPHeaders.timestamp, timestamp),
                (SNAPHeaders.signature, signer.sign(method: "POST", path: operation.path, accessToken: token, body: bytes, timestamp: timestamp)),
                (SNAPHeaders.partnerID, configuration.credentials.clientID),
                (SNAPHeaders.externalID, externalID),
            ]
            if let device {
                headers.append((SNAPHeaders.deviceID, device.deviceID))
                if let ip = device.ipAddress { headers.append((SNAPHeaders.ipAddress, ip)) }
            }
            let answer = try await exchange(operation, externalID: externalID, headers: headers, body: bytes)
            guard let decoded = try? LenientJSON.decode(Answer.self, from: answer.body),
                let code = ResponseCode(decoded.responseCode)
            else {
                let reason = "HTTP \(answer.status) with an answer that is not a SNAP response"
                if operation == .checkStatus { throw .invalidResponse(operation: operation, reason: reason) }
                throw .outcomeUnknown(operation: operation, reason: reason, code: nil)
            }
            if code.isInvalidToken && attempt == 1 {
                // DOKU refused the token, so nothing was done: a fresh token and a new external id are safe.
                invalidateToken()
                continue
            }
            switch Self.verdict(httpStatus: answer.status, code: code) {
            case .success: return decoded
            case .outcomeUnknown: throw .outcomeUnknown(operation: operation, reason: code.title, code: code)
            case .rejected: throw .rejected(operation: operation, code: code, message: decoded.responseMessage.cleanedForDisplay(limit: 150))
            }
        }
    }

    /// One HTTP POST with timing, logging and the exchange report. Transport failures are
    /// classified: before sending is `notSent`, after sending is `outcomeUnknown`.
    func exchange(_ operation: DokuOperation, externalID: String?, headers: [(String, String)], body: [UInt8]) async throws(DokuError) -> RawAnswer {
        var request = HTTPClientRequest(url: configuration.environment.baseURL + operation.path)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let started = clock.now()
        let start = ContinuousClock.now
        let deadline = configuration.connectTimeout + configuration.readTimeout
        do {
            let response = try await http.execute(request, timeout: .init(deadline))
            let collected = try await response.body.collect(upTo: 1 << 20)
            let answer = RawAnswer(status: Int(response.status.code), body: Array(collected.readableBytesView))
            let code = (try? LenientJSON.decode(CodeOnly.self, from: answer.body)).flatMap { ResponseCode($0.responseCode) }
            report(
                operation, externalID: externalID, started: started, latency: ContinuousClock.now - start, status: answer.status, code: code,
                outcome: code?.category.rawValue ?? DokuExchange.unreadableAnswer, request: body, response: answer.body, headers: headers,
                responseHeaders: response.headers.map { ($0.name, $0.value) })
            return answer
        } catch {
            let notSent = Self.failedBeforeSending(error)
            let reason = Self.describe(error)
            report(
                operation, externalID: externalID, started: started, latency: ContinuousClock.now - start, status: nil, code: nil,
                outcome: (notSent ? DokuExchange.notSentPrefix : DokuExchange.noAnswerPrefix) + reason, request: body, response: [], headers: headers, responseHeaders: [])
            if notSent { throw .notSent(operation: operation, reason: reason) }
            throw .outcomeUnknown(operation: operation, reason: reason, code: nil)
        }
    }

    func report(
        _ operation: DokuOperation, externalID: String?, started: Date, latency: Duration, status: Int?, code: ResponseCode?, outcome: String,
        request: [UInt8], response: [UInt8], headers: [(String, String)], responseHeaders: [(String, String)]
    ) {
        let exchange = DokuExchange(
            operation: operation, path: operation.path, externalID: externalID, startedAt: started, latency: latency,
            httpStatus: status, responseCode: code, outcome: outcome,
            requestBody: Redactor.redact(request), responseBody: Redactor.redact(response),
            requestHeaders: ExchangeHeader.redacted(headers), responseHeaders: ExchangeHeader.redacted(responseHeaders))
        logger.info(
            "DOKU \(operation.rawValue)",
            metadata: [
                "path": "\(operation.path)", "externalId": "\(externalID ?? "-")", "httpStatus": "\(status.map(String.init) ?? "-")",
                "responseCode": "\(code?.rawValue ?? "-")", "latencyMs": "\(exchange.latencyMilliseconds)", "outcome": "\(outcome)",
            ])
        onExchange?(exchange)
    }

    enum Verdict { case success, rejected, outcomeUnknown }

    /// What an answer means for money. DOKU's idempotency page: a repeated request (same external
    /// id, same body) is answered with the original response under HTTP 409, so a success code
    /// under 409 is the replay of a success. A success code under any other non-2xx status, every
    /// 5xx and every "in progress"/conflict code say nothing about whether the work was done.
    static func verdict(httpStatus: Int, code: ResponseCode) -> Verdict {
        if code.isSuccess { return (200..<300).contains(httpStatus) || httpStatus == 409 ? .success : .outcomeUnknown }
        if httpStatus >= 500 { return .outcomeUnknown }
        return code.category == .outcomeUnknown ? .outcomeUnknown : .rejected
    }

    func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func asCallError(_ error: DokuError, operation: DokuOperation) -> DokuError {
        switch error {
        case .notSent(_, let reason), .outcomeUnknown(_, let reason, _), .invalidResponse(_, let reason):
            // No token means the call itself never left: safe for the caller to try again.
            .notSent(operation: operation, reason: "no access token: " + reason)
        default:
            error
        }
    }

    static func failedBeforeSending(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError {
            let beforeSending: [HTTPClientError] = [
                .connectTimeout, .tlsHandshakeTimeout, .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown,
                .getConnectionFromPoolTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout,
            ]
            return beforeSending.contains(error)
        }
        if let error = error as? IOError {
            return [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL].contains(error.errnoCode)
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return true }
        let text = String(describing: error)
        return text.contains("Connection refused") || text.contains("connectTimeout")
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout { return FailureReason.answerTimedOut.rawValue }
            if error == .connectTimeout { return FailureReason.connectTimedOut.rawValue }
            return error.shortDescription
        }
        let text = String(describing: error)
        if text.contains("Connection refused") { return FailureReason.connectionRefused.rawValue }
        return text.cleanedForDisplay(limit: 200)
    }
}

/// Every SNAP answer carries a response code and message.
protocol SNAPAnswer {
    var responseCode: String { get }
    var responseMessage: String { get }
}

extension PaymentResponse: SNAPAnswer {}
extension CheckStatusResponse: SNAPAnswer {}
extension RefundResponse: SNAPAnswer {}

struct CodeOnly: Decodable {
    let responseCode: String
}
