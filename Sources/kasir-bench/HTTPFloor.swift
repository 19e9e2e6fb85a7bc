import DokuSNAP
import Foundation
import KasirCore
import KasirRuntime
import KasirStore
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// What an HTTP server alone costs per notification-shaped request under wrk, 32 connections:
/// Hummingbird (the receiver's server) answering at once, raw SwiftNIO answering on the event
/// loop, and SwiftNIO hopping to a Task and back (the least an async commit needs). The gap
/// between the first and the last is what leaving Hummingbird could save.
func httpFloor() async throws {
    print("HTTP floor: one fixed answer per request, no verification, no store")
    let secret = Secret("SK")
    let key = try RSASigningKey.generate()
    for kind in ["hummingbird", "nio", "nio+task"] {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let port: Int
        var stop: () async -> Void = {}
        switch kind {
        case "hummingbird":
            let router = Router()
            router.post(RouterPath(DokuPaths.notify)) { request, _ -> Response in
                _ = try await request.body.collect(upTo: 65536)
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"responseCode":"2005600"}"#)))
            }
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, eventLoopGroupProvider: .shared(group),
                logger: Logger(label: "floor", factory: { _ in SwiftLogNoOpLogHandler() }))
            let task = Task { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            port = await iterator.next() ?? 0
            stop = { task.cancel(); _ = await task.result }
        default:
            let viaTask = kind == "nio+task"
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(ChannelOptions.backlog, value: 256)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.pipeline.configureHTTPServerPipeline().flatMap { channel.pipeline.addHandler(FloorHandler(viaTask: viaTask)) }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            port = channel.localAddress?.port ?? 0
            stop = { try? await channel.close() }
        }
        let base = "http://127.0.0.1:\(port)"
        let requests = await WrkIngest.signedRequests(baseURL: base, first: 0, count: 64_000, scheme: .symmetric, token: "t", secret: secret, dokuKey: key)
        let before = processCPUSeconds()
        let outcome = try await WrkIngest(baseURL: base, requests: requests).run(seconds: 4, connections: 32)
        let cpu = (processCPUSeconds() - before) / Double(max(outcome.requests, 1)) * 1e6
        print(String(format: "  %-12@ %.0f/s (%.0f µs CPU each), p99 %.1f ms, refused %d", kind as NSString, Double(outcome.requests) / outcome.seconds, cpu, outcome.p99, outcome.refused))
        await stop()
        try await group.shutdownGracefully()
    }
}

final class FloorHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let viaTask: Bool
    var body = ByteBuffer()
    init(viaTask: Bool) { self.viaTask = viaTask }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: body.clear()
        case .body(var part): body.writeBuffer(&part)
        case .end:
            let loop = context.eventLoop
            let bound = NIOLoopBound(context, eventLoop: loop)
            if viaTask {
                let promise = loop.makePromise(of: Void.self)
                promise.completeWithTask { await Task.yield() }
                promise.futureResult.whenComplete { _ in self.respond(bound.value) }
            } else {
                respond(context)
            }
        }
    }

    func respond(_ context: ChannelHandlerContext) {
        let text = #"{"responseCode":"2005600"}"#
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(text.utf8.count))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// An experiment, not the receiver kasir runs: the notification path (verify, apply through the
/// desk's group commit, acknowledge after the commit) on raw SwiftNIO instead of Hummingbird,
/// to measure what leaving Hummingbird would buy under the same wrk load.
final class NIONotifyHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let authenticator: NotificationAuthenticator
    let desk: PaymentDesk
    var head: HTTPRequestHead?
    var body = ByteBuffer()

    init(authenticator: NotificationAuthenticator, desk: PaymentDesk) {
        self.authenticator = authenticator
        self.desk = desk
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            head = request
            body.clear()
        case .body(var part): body.writeBuffer(&part)
        case .end:
            guard let head else { return }
            let bytes = Array(body.readableBytesView)
            let headers = head.headers
            let loop = context.eventLoop
            let bound = NIOLoopBound(context, eventLoop: loop)
            let authenticator = self.authenticator
            let desk = self.desk
            let promise = loop.makePromise(of: Bool.self)
            promise.completeWithTask {
                let header: @Sendable (String) -> String? = { headers.first(name: $0) }
                guard let notification = try? await authenticator.verifyNotification(header: header, body: bytes, path: DokuPaths.notify) else { return false }
                let kept = ExchangeHeader.redacted(headers.map { ($0.name, $0.value) })
                _ = try await desk.apply(notification, externalID: header(SNAPHeaders.externalID), body: bytes, path: DokuPaths.notify, headers: kept)
                return true
            }
            promise.futureResult.whenComplete { result in
                let ok = (try? result.get()) ?? false
                Self.respond(bound.value, ok: ok)
            }
        }
    }

    static func respond(_ context: ChannelHandlerContext, ok: Bool) {
        let text = ok ? #"{"responseCode":"2005600","responseMessage":"Request has been processed successfully"}"# : #"{"responseCode":"5005601"}"#
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(text.utf8.count))
        context.write(NIOAny(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: ok ? .ok : .internalServerError, headers: headers))), promise: nil)
        context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
    }
}

/// `kasir-bench nioreceiver`: the experiment above against a durable SQLite store, symmetric scheme.
func nioReceiverExperiment() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let merchantKey = try RSASigningKey.generate()
    let dokuKey = try RSASigningKey.generate()
    let secret = Secret("SK-bench")
    let clientID = "BRN-BENCH"
    let count = 64_000
    let store = try SQLiteMerchantStore(path: directory.appendingPathComponent("kasir.sqlite").path, synchronous: .full)
    try await store.bulkInsert(try benchInvoices(0..<count))
    let stack = try await MerchantStack.wire(
        store: store, environment: .custom("http://127.0.0.1:9"), credentials: DokuCredentials(clientID: clientID, clientSecret: secret, privateKey: merchantKey),
        dokuPublicKey: dokuKey.publicKey, desk: DeskConfiguration(deviceID: "POS01"))
    let stamp = SNAPTimestamp.format(Date())
    let token = try await stack.authenticator.issueToken(
        header: { name in
            switch name {
            case SNAPHeaders.clientKey: clientID
            case SNAPHeaders.timestamp: stamp
            case SNAPHeaders.signature: try? AsymmetricSignature.sign(clientID: clientID, timestamp: stamp, with: dokuKey)
            default: nil
            }
        }, body: Array(#"{"grantType":"client_credentials"}"#.utf8)
    ).reveal()
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    let authenticator = stack.authenticator
    let desk = stack.desk
    let channel = try await ServerBootstrap(group: group)
        .serverChannelOption(ChannelOptions.backlog, value: 256)
        .childChannelInitializer { channel in
            channel.pipeline.configureHTTPServerPipeline().flatMap { channel.pipeline.addHandler(NIONotifyHandler(authenticator: authenticator, desk: desk)) }
        }
        .bind(host: "127.0.0.1", port: 0).get()
    let base = "http://127.0.0.1:\(channel.localAddress?.port ?? 0)"
    let requests = await WrkIngest.signedRequests(baseURL: base, first: 0, count: count, scheme: .symmetric, token: token, secret: secret, dokuKey: dokuKey)
    let before = processCPUSeconds()
    let outcome = try await WrkIngest(baseURL: base, requests: requests).run(seconds: 4, connections: 32)
    let cpu = (processCPUSeconds() - before) / Double(max(outcome.requests, 1)) * 1e6
    let stored = try await store.notificationCount()
    print(String(format: "  NIO receiver, symmetric, SQLite FULL: %.0f/s (%.0f µs CPU each), p99 %.1f ms; refused %d, stored %d of %d answered", Double(outcome.requests) / outcome.seconds, cpu, outcome.p99, outcome.refused, stored, outcome.requests))
    try await channel.close()
    try await group.shutdownGracefully()
    await stack.shutdown()
}
