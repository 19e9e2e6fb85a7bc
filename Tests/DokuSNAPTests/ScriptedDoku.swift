import DokuSNAP
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// A real HTTP server on loopback that plays DOKU for client tests: it checks the token-request
/// RSA signature and every call's HMAC signature, records what arrived, and answers from a script.
final class ScriptedDoku: Sendable {
    struct Answer: Sendable {
        var status: Int
        var body: String
        var delay: Duration = .zero
    }

    struct Received: Sendable {
        var path: String
        var headers: [String: String]
        var body: [UInt8]
        var signatureValid: Bool
    }

    struct State {
        var tokenCalls = 0
        var issuedTokens: [String] = []
        var received: [Received] = []
        var script: [String: [Answer]] = [:]
        var tokenExpiresIn = 900
    }

    let state = Mutex(State())
    let merchantPublicKey: RSAVerifyingKey
    let clientID: String
    let secret: Secret

    init(merchantPublicKey: RSAVerifyingKey, clientID: String, secret: Secret) {
        self.merchantPublicKey = merchantPublicKey
        self.clientID = clientID
        self.secret = secret
    }

    var tokenCalls: Int { state.withLock { $0.tokenCalls } }
    var received: [Received] { state.withLock { $0.received } }
    var issuedTokens: [String] { state.withLock { $0.issuedTokens } }

    func enqueue(_ path: String, _ answer: Answer) {
        state.withLock { $0.script[path, default: []].append(answer) }
    }

    func setTokenLifetime(_ seconds: Int) { state.withLock { $0.tokenExpiresIn = seconds } }

    func answerToken(_ request: Request) async throws -> Response {
        let headers = Self.flatten(request.headers)
        let body = Array(try await request.body.collect(upTo: 1 << 20).readableBytesView)
        if let scripted = next(DokuPaths.accessToken) { return try await respond(scripted) }
        let valid = AsymmetricSignature.isValid(
            headers["x-signature"] ?? "", clientID: headers["x-client-key"] ?? "", timestamp: headers["x-timestamp"] ?? "", key: merchantPublicKey)
        guard valid, headers["x-client-key"] == clientID, (try? SNAPTimestamp.parse(headers["x-timestamp"] ?? "")) != nil,
            String(decoding: body, as: UTF8.self).contains("client_credentials")
        else {
            return Self.json(401, #"{"responseCode":"4017300","responseMessage":"Unauthorized.Invalid Signature"}"#)
        }
        let (token, lifetime) = state.withLock { state -> (String, Int) in
            state.tokenCalls += 1
            let token = "TOKEN-\(state.tokenCalls)-\(UUID().uuidString)"
            state.issuedTokens.append(token)
            return (token, state.tokenExpiresIn)
        }
        return Self.json(200, #"{"responseCode":"2007300","responseMessage":"Successful","accessToken":"\#(token)","tokenType":"Bearer","expiresIn":\#(lifetime),"additionalInfo":""}"#)
    }

    func answerService(_ request: Request, path: String, success: String) async throws -> Response {
        let headers = Self.flatten(request.headers)
        let body = Array(try await request.body.collect(upTo: 1 << 20).readableBytesView)
        let token = SNAPHeaders.bearerToken(headers["authorization"]) ?? ""
        let signatureValid = SymmetricSignature(clientSecret: secret).isValid(
            headers["x-signature"] ?? "", method: "POST", path: path, accessToken: Secret(token), body: body, timestamp: headers["x-timestamp"] ?? "")
        let known = state.withLock { state -> Bool in
            state.received.append(Received(path: path, headers: headers, body: body, signatureValid: signatureValid))
            return state.issuedTokens.contains(token)
        }
        if let scripted = next(path) { return try await respond(scripted) }
        guard known else { return Self.json(401, #"{"responseCode":"4015401","responseMessage":"Invalid Token (B2B)"}"#) }
        guard signatureValid else { return Self.json(401, #"{"responseCode":"4015400","responseMessage":"Unauthorized. Signature Not Match"}"#) }
        return Self.json(200, success)
    }

    func next(_ path: String) -> Answer? {
        state.withLock { state in
            guard var queue = state.script[path], !queue.isEmpty else { return nil }
            let answer = queue.removeFirst()
            state.script[path] = queue
            return answer
        }
    }

    func respond(_ answer: Answer) async throws -> Response {
        if answer.delay > .zero { try await Task.sleep(for: answer.delay) }
        return Self.json(answer.status, answer.body)
    }

    static func json(_ status: Int, _ body: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func flatten(_ fields: HTTPFields) -> [String: String] {
        var out: [String: String] = [:]
        for field in fields { out[field.name.canonicalName] = field.value }
        return out
    }

    /// Serves on an ephemeral loopback port for the duration of `body`.
    func serve<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        let router = Router()
        router.post(RouterPath(DokuPaths.accessToken)) { request, _ in try await self.answerToken(request) }
        router.post(RouterPath(DokuPaths.payment)) { request, _ in
            try await self.answerService(request, path: DokuPaths.payment, success: #"{"responseCode":"2005400","responseMessage":"Successful","webRedirectUrl":"https://app-uat.doku.com/link/283702597342040","partnerReferenceNo":"INV-0001","referenceNo":"DOKU-1"}"#)
        }
        router.post(RouterPath(DokuPaths.checkStatus)) { request, _ in
            try await self.answerService(request, path: DokuPaths.checkStatus, success: #"{"responseCode":"2005500","responseMessage":"Successful","serviceCode":"55","latestTransactionStatus":"00","originalPartnerReferenceNo":"INV-0001","paidTime":"2024-07-10T11:30:00+07:00"}"#)
        }
        router.post(RouterPath(DokuPaths.refund)) { request, _ in
            try await self.answerService(request, path: DokuPaths.refund, success: #"{"responseCode":"2005800","responseMessage":"Successful","originalPartnerReferenceNo":"INV-0001","refundNo":"RF-1","partnerRefundNo":"REF-1","refundAmount":{"value":"5000.00","currency":"IDR"},"refundTime":"2024-07-10T12:00:00+07:00"}"#)
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "scripted-doku", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let result = try await body(port)
            group.cancelAll()
            return result
        }
    }
}

/// Collects every log line (message and metadata) so tests can look for leaked secrets.
final class CapturedLog: Sendable {
    let lines = Mutex<[String]>([])
    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    var logger: Logger {
        Logger(label: "captured") { _ in CapturingHandler(sink: self) }
    }

    struct CapturingHandler: LogHandler {
        let sink: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            sink.lines.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(self.metadata)") }
        }
    }
}

/// Collects the exchange reports a client makes.
final class ExchangeLog: Sendable {
    let items = Mutex<[DokuExchange]>([])
    var all: [DokuExchange] { items.withLock { $0 } }
    func append(_ exchange: DokuExchange) { items.withLock { $0.append(exchange) } }
}
