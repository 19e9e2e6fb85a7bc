import AsyncHTTPClient
import DokuSNAP
import DokuSandbox
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// Keys shared by all sandbox tests (RSA generation is the slow part).
enum Keys {
    static let merchant = try! RSASigningKey.generate()
    static let doku = try! RSASigningKey.generate()
    static let clientID = "BRN-0001-0000000000042"
    static let secret = Secret("SK-sandbox-test-secret")
}

func money(_ units: Int64) -> Money {
    // swift-format-ignore: NeverUseForceTry
    try! Money(units: units)
}

/// A running sandbox plus a `DokuClient` pointed at it.
struct SandboxFixture: Sendable {
    let sandbox: RunningSandbox
    let client: DokuClient
    let clock: any WallClock

    var simulator: DokuSimulator { sandbox.simulator }

    static func start(
        clock: any WallClock = SystemClock(), notifyURL: String? = nil, timeFactor: Double = 36_000, readTimeout: Duration = .seconds(5),
        configure: (inout SandboxConfiguration) -> Void = { _ in }
    ) async throws -> SandboxFixture {
        var configuration = SandboxConfiguration(
            clientID: Keys.clientID, clientSecret: Keys.secret, merchantPublicKey: Keys.merchant.publicKey, dokuKey: Keys.doku,
            notifyURL: notifyURL, timeFactor: timeFactor)
        configure(&configuration)
        let sandbox = try await SandboxServer(simulator: DokuSimulator(configuration: configuration, clock: clock), port: 0).start()
        let client = DokuClient(
            configuration: DokuClientConfiguration(
                environment: .custom(sandbox.baseURL),
                credentials: DokuCredentials(clientID: Keys.clientID, clientSecret: Keys.secret, privateKey: Keys.merchant),
                readTimeout: readTimeout),
            clock: clock, logger: quietLogger)
        return SandboxFixture(sandbox: sandbox, client: client, clock: clock)
    }

    func stop() async {
        await client.shutdown()
        await sandbox.stop()
    }

    func pay(_ reference: String = "INV-0001", units: Int64 = 100_000, title: String? = "Kopi susu", validFor: TimeInterval = 900) async throws -> PaymentResponse {
        let request = PaymentRequest(
            partnerReferenceNo: reference, amount: money(units), orderTitle: title,
            validUpTo: SNAPTimestamp.format(clock.now().addingTimeInterval(validFor)), returnURL: "https://merchant.example/return")
        return try await client.createPayment(request, device: CustomerDevice(deviceID: "POS01", ipAddress: "127.0.0.1"))
    }

    func refund(_ reference: String = "INV-0001", refundNo: String, units: Int64) async throws -> RefundResponse {
        try await client.refund(
            RefundRequest(partnerReferenceNo: reference, partnerRefundNo: refundNo, amount: money(units), reason: "Customer request"),
            device: CustomerDevice(deviceID: "POS01", ipAddress: "127.0.0.1"))
    }

    func status(_ reference: String = "INV-0001") async throws -> CheckStatusResponse {
        try await client.checkStatus(CheckStatusRequest(partnerReferenceNo: reference))
    }
}

/// The `DokuError` a call ended with, or `nil` when it returned normally.
func dokuError<T>(_ body: () async throws -> T) async -> DokuError? {
    do {
        _ = try await body()
    } catch let error as DokuError {
        return error
    } catch {
        return .configuration("unexpected \(error)")
    }
    return nil
}

/// Plain HTTP to the sandbox, for requests DOKU's client would never send.
enum RawHTTP {
    static let client = HTTPClient(eventLoopGroupProvider: .singleton)

    static func post(_ url: String, headers: [String: String], body: [UInt8], contentType: String = "application/json", method: String = "POST") async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method == "PUT" ? .PUT : .POST
        request.headers.add(name: "Content-Type", value: contentType)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        let collected = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: collected))
    }

    static func get(_ url: String, headers: [String: String] = [:]) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let collected = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: collected))
    }

    static func json(_ text: String) -> [String: JSONValue] {
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return [:] }
        return object
    }

    /// Gets a B2B token the way DOKU's Python SDK does (`Z` timestamp, `additionalInfo: ""`).
    static func token(_ base: String, clock: any WallClock = SystemClock()) async throws -> String {
        let timestamp = SNAPTimestamp.format(clock.now(), offsetSeconds: 0)
        let signature = try AsymmetricSignature.sign(clientID: Keys.clientID, timestamp: timestamp, with: Keys.merchant)
        let answer = try await post(
            base + DokuPaths.accessToken, headers: ["X-CLIENT-KEY": Keys.clientID, "X-TIMESTAMP": timestamp, "X-SIGNATURE": signature],
            body: Array(#"{"grantType": "client_credentials", "additionalInfo": ""}"#.utf8))
        return json(answer.body)["accessToken"]?.stringValue ?? ""
    }

    /// A signed service call whose headers can be overridden or removed (value "").
    static func service(
        _ base: String, path: String, token: String, body: String, signBody: String? = nil, externalID: String = String(UInt64.random(in: 1...UInt64.max)),
        overrides: [String: String] = [:], secret: Secret = Keys.secret, clock: any WallClock = SystemClock()
    ) async throws -> (status: Int, body: [String: JSONValue]) {
        let timestamp = overrides["X-TIMESTAMP"] ?? SNAPTimestamp.format(clock.now(), offsetSeconds: 0)
        let signature = SymmetricSignature(clientSecret: secret).sign(
            method: "POST", path: path, accessToken: Secret(token), body: Array((signBody ?? body).utf8), timestamp: timestamp)
        var headers = [
            "Authorization": "Bearer \(token)", "X-TIMESTAMP": timestamp, "X-SIGNATURE": signature, "X-PARTNER-ID": Keys.clientID,
            "X-EXTERNAL-ID": externalID, "X-DEVICE-ID": "POS01", "X-IP-ADDRESS": "127.0.0.1", "CHANNEL-ID": "DH",
        ]
        for (name, value) in overrides { headers[name] = value }
        headers = headers.filter { !$0.value.isEmpty }
        let answer = try await post(base + path, headers: headers, body: Array(body.utf8))
        return (answer.status, json(answer.body))
    }
}

/// A merchant notification receiver on loopback for tests: answers DOKU's token request with
/// `NotificationAuthenticator`, verifies each notification, records it, and answers 2005600
/// (or a scripted failure status).
final class TestReceiver: Sendable {
    struct State {
        var accepted: [PaymentNotification] = []
        var rejected: [String] = []
        /// Every notification as it arrived: lower-cased header names and the raw body.
        var raw: [([String: String], [UInt8])] = []
        var failNext = 0
    }

    let authenticator: NotificationAuthenticator
    let state = Mutex(State())

    init() async throws {
        authenticator = try await NotificationAuthenticator(
            .init(clientID: Keys.clientID, clientSecret: Keys.secret, merchantKey: Keys.merchant, dokuPublicKey: Keys.doku.publicKey))
    }

    var accepted: [PaymentNotification] { state.withLock { $0.accepted } }
    var rejected: [String] { state.withLock { $0.rejected } }
    var raw: [([String: String], [UInt8])] { state.withLock { $0.raw } }
    func failNext(_ count: Int) { state.withLock { $0.failNext = count } }

    func serve<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        let authenticator = self.authenticator
        router.post(RouterPath(DokuPaths.accessToken)) { request, _ -> Response in
            let bytes = Array(try await request.body.collect(upTo: 1 << 16).readableBytesView)
            let fields = request.headers
            let (status, answer, _) = await authenticator.answerTokenRequest(header: { HTTPField.Name($0).flatMap { fields[$0] } }, body: bytes)
            return Self.json(status, try JSONEncoder().encode(answer))
        }
        router.post(RouterPath(DokuPaths.notify)) { request, _ -> Response in
            let bytes = Array(try await request.body.collect(upTo: 1 << 16).readableBytesView)
            let fields = request.headers
            var flat: [String: String] = [:]
            for field in fields { flat[field.name.canonicalName.lowercased()] = field.value }
            self.state.withLock { $0.raw.append((flat, bytes)) }
            if self.state.withLock({ state in
                guard state.failNext > 0 else { return false }
                state.failNext -= 1
                return true
            }) {
                return Self.json(500, Data(#"{"responseCode":"5005600","responseMessage":"General Error"}"#.utf8))
            }
            do {
                let notification = try await authenticator.verifyNotification(header: { HTTPField.Name($0).flatMap { fields[$0] } }, body: bytes)
                self.state.withLock { $0.accepted.append(notification) }
                return Self.json(200, try JSONEncoder().encode(NotificationAnswer.processed))
            } catch let error as NotificationRejection {
                self.state.withLock { $0.rejected.append(error.code.rawValue) }
                return Self.json(error.code.httpStatus, try JSONEncoder().encode(NotificationAnswer(responseCode: error.code.rawValue, responseMessage: error.message)))
            } catch {
                return Self.json(500, Data())
            }
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: quietLogger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let result = try await body("http://127.0.0.1:\(port)\(DokuPaths.notify)")
            group.cancelAll()
            return result
        }
    }

    static func json(_ status: Int, _ data: Data) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Polls `condition` every 20 ms for up to `seconds`.
func eventually(_ seconds: Double = 10, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
