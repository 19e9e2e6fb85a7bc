import DokuSNAP
import Foundation
import KasirCore
import Logging
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix

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
    /// Stopping closes the listening socket first, then lets every request in flight finish (its
    /// commit, then its answer) before the connections close: nothing acknowledged is lost and
    /// nothing new is accepted.
    ///
    /// Raw SwiftNIO rather than Hummingbird: measured under wrk, runs taking turns, the same
    /// verify-commit-acknowledge path cost about 40 µs less CPU per notification (117–129 µs
    /// against 159–171 µs), ~12,000 instead of ~9,000 durable notifications/s on two cores.
    public func run(handleSignals: Bool = false, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let quiesce = ServerQuiescingHelper(group: group)
        let routes = ReceiverRoutes(receiver: self)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel)) } }
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(ReceiverHTTPHandler(routes: routes))
                }
            }
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: false)
            .bind(host: host, port: port).get()
        await onRunning(channel.localAddress?.port ?? 0)
        await StopSignal.wait(handleSignals: handleSignals)
        let stopped = group.next().makePromise(of: Void.self)
        quiesce.initiateShutdown(promise: stopped)
        try? await stopped.futureResult.get()
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

    /// Must match `KasirConfiguration.returnPath`.
    public static let returnPath = "/kasir/return"
    static let returnPage =
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Pembayaran selesai</title></head><body><h1>Pembayaran selesai · Payment finished</h1><p>Terima kasih. Silakan kembali ke kasir.</p></body></html>"

    /// The acknowledgement, encoded once: it is the same for every notification.
    static let processedBody = encoded(.processed)

    static func encoded(_ answer: NotificationAnswer) -> String {
        (try? JSONEncoder().encode(answer)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The request's headers as the audit log keeps them: secrets as placeholders.
    static func kept(_ fields: HTTPHeaders) -> [ExchangeHeader] {
        ExchangeHeader.redacted(fields.map { ($0.name, $0.value) })
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
