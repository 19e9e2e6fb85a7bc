import DokuSNAP
import Foundation
import HTTPTypes
import Hummingbird
import KasirCore
import Logging
import NIOCore

/// The HTTP endpoints DOKU calls on the merchant: the token endpoint (DOKU's RSA-signed request,
/// answered with a merchant JWT) and the payment notification (JWT + HMAC verified, applied
/// through `PaymentDesk`, acknowledged `2005600` only after it is committed).
public struct NotificationReceiver: Sendable {
    /// Bodies above this are refused before they are read further.
    public static let maximumBody = 64 * 1024

    public let desk: PaymentDesk
    public let authenticator: NotificationAuthenticator
    public let host: String
    public let port: Int
    public let tokenPath: String
    public let notifyPath: String
    /// Counts what it receives, for `/metrics`.
    public let metrics: ReceiverMetrics?
    let logger: Logger

    public init(
        desk: PaymentDesk, authenticator: NotificationAuthenticator, host: String = "127.0.0.1", port: Int = 8787,
        tokenPath: String = DokuPaths.accessToken, notifyPath: String = DokuPaths.notify, metrics: ReceiverMetrics? = nil, logger: Logger? = nil
    ) {
        self.metrics = metrics
        self.desk = desk
        self.authenticator = authenticator
        self.host = host
        self.port = port
        self.tokenPath = tokenPath
        self.notifyPath = notifyPath
        self.logger = logger ?? Logger(label: "kasir.receiver", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// Runs until cancelled (or SIGINT/SIGTERM with `handleSignals`); `onRunning` gets the bound port.
    public func run(handleSignals: Bool = false, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: makeRouter(), configuration: .init(address: .hostname(host, port: port), serverName: "kasir"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) }, logger: logger)
        if handleSignals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }

    /// Starts in the background and returns once listening.
    public func start() async throws -> RunningReceiver {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let failure = FailureBox()
        let task = Task {
            do {
                try await run(onRunning: { continuation.yield($0) })
            } catch {
                failure.set(error)
            }
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            throw ReceiverStartError(host: host, port: self.port, reason: failure.get().map { "\($0)" } ?? "it stopped")
        }
        return RunningReceiver(host: host, port: port, task: task)
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let authenticator = self.authenticator
        let desk = self.desk
        let notifyPath = self.notifyPath
        let metrics = self.metrics
        router.post(RouterPath(tokenPath)) { request, _ -> Response in
            guard let body = try? await Self.body(request) else {
                return Self.json(413, #"{"responseCode":"4007300","responseMessage":"Bad Request: the body is over 64 KiB"}"#, [])
            }
            let fields = request.headers
            let (status, answer, refusedBy) = await authenticator.answerTokenRequest(header: { HTTPField.Name($0).flatMap { fields[$0] } }, body: body)
            let encoded = (try? JSONEncoder().encode(answer)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            metrics?.tokenRequest(refusedBy: status == 200 ? nil : refusedBy ?? .body)
            if status != 200 {
                await desk.recordRejected(
                    operation: "token request", code: answer.responseCode, message: answer.responseMessage, body: "", externalID: nil,
                    path: tokenPath, headers: Self.kept(fields), check: refusedBy, answer: encoded)
            }
            return Self.json(status, encoded, [(SNAPHeaders.clientKey, authenticator.configuration.clientID)])
        }
        router.get(RouterPath(Self.returnPath)) { _, _ -> Response in
            // The default return URL (urlParam) outside production: where DANA sends the customer back.
            var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Self.returnPage)))
        }
        router.post(RouterPath(notifyPath)) { request, _ -> Response in
            guard let body = try? await Self.body(request) else {
                let answer = #"{"responseCode":"4005600","responseMessage":"Bad Request: the body is over 64 KiB"}"#
                metrics?.refused(.body)
                await desk.recordRejected(
                    operation: "notification", code: "4135600", message: "body over 64 KiB", body: "", externalID: nil, path: notifyPath,
                    headers: Self.kept(request.headers), check: .body, answer: answer)
                return Self.json(413, answer, [])
            }
            let fields = request.headers
            let header: @Sendable (String) -> String? = { HTTPField.Name($0).flatMap { fields[$0] } }
            let notification: PaymentNotification
            do {
                notification = try await authenticator.verifyNotification(header: header, body: body, path: notifyPath)
            } catch let error as NotificationRejection {
                let answer = NotificationAnswer(responseCode: error.code.rawValue, responseMessage: error.message)
                metrics?.refused(error.check)
                await desk.recordRejected(
                    operation: "notification", code: error.code.rawValue, message: error.message,
                    body: String(decoding: body, as: UTF8.self), externalID: header(SNAPHeaders.externalID), authenticated: error.authenticated,
                    path: notifyPath, headers: Self.kept(fields), check: error.check, answer: Self.encoded(answer))
                return Self.answer(error.code.httpStatus, answer)
            } catch {
                return Self.answer(500, NotificationAnswer(responseCode: "5005601", responseMessage: "Internal Server Error"))
            }
            do {
                let start = ContinuousClock.now
                let record = try await desk.apply(notification, externalID: header(SNAPHeaders.externalID), body: body, path: notifyPath, headers: Self.kept(fields))
                metrics?.committed(record, elapsed: ContinuousClock.now - start)
            } catch {
                metrics?.refused(.store)
                // Not committed: DOKU must try again, so no 2xx.
                return Self.answer(500, NotificationAnswer(responseCode: "5005601", responseMessage: "Internal Server Error: not stored, please retry"))
            }
            return Self.json(200, Self.processedBody, [])
        }
        return router
    }

    /// Must match `KasirConfiguration.returnPath`.
    public static let returnPath = "/kasir/return"
    static let returnPage =
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Pembayaran selesai</title></head><body><h1>Pembayaran selesai · Payment finished</h1><p>Terima kasih. Silakan kembali ke kasir.</p></body></html>"

    static func body(_ request: Request) async throws -> [UInt8] {
        Array(try await request.body.collect(upTo: maximumBody).readableBytesView)
    }

    static func answer(_ status: Int, _ answer: NotificationAnswer) -> Response {
        json(status, encoded(answer), [])
    }

    /// The acknowledgement, encoded once: it is the same for every notification.
    static let processedBody = encoded(.processed)

    static func encoded(_ answer: NotificationAnswer) -> String {
        (try? JSONEncoder().encode(answer)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The request's headers as the audit log keeps them: secrets as placeholders.
    static func kept(_ fields: HTTPFields) -> [ExchangeHeader] {
        ExchangeHeader.redacted(fields.map { ($0.name.rawName, $0.value) })
    }

    static func json(_ status: Int, _ body: String, _ extra: [(String, String)]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[HTTPField.Name(SNAPHeaders.timestamp)!] = SNAPTimestamp.format(Date())
        for (name, value) in extra { if let field = HTTPField.Name(name) { headers[field] = value } }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// A receiver running in the background.
public struct RunningReceiver: Sendable {
    public let host: String
    public let port: Int
    let task: Task<Void, Never>

    public var baseURL: String { "http://\(host):\(port)" }

    public func stop() async {
        task.cancel()
        await task.value
    }
}

/// The receiver could not listen.
public struct ReceiverStartError: Error, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let reason: String

    public init(host: String, port: Int, reason: String) {
        self.host = host
        self.port = port
        self.reason = reason
    }

    public var description: String { "the notification receiver could not listen on \(host):\(port) (\(reason)); is the port in use?" }
}

final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ error: any Error) { lock.withLock { self.error = error } }
    func get() -> (any Error)? { lock.withLock { error } }
}
