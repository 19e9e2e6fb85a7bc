import DokuSNAP
import Foundation
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
