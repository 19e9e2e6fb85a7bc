import DokuSNAP
import Foundation
import NIOCore
import NIOHTTP1

/// One connection's HTTP/1.1: collects a request's body (up to the limit), asks `ReceiverRoutes`
/// off the event loop, and writes the answer back on it. `HTTPServerPipelineHandler` before it
/// keeps requests in order and closes the connection after the answer in flight when the
/// server stops.
final class ReceiverHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let routes: ReceiverRoutes
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false

    init(routes: ReceiverRoutes) { self.routes = routes }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            head = request
            body.clear()
            tooLarge = false
        case .body(var part):
            // Past the limit the rest is read and dropped, never kept.
            guard !tooLarge else { return }
            if body.readableBytes + part.readableBytes > NotificationReceiver.maximumBody {
                tooLarge = true
                body.clear()
            } else {
                body.writeBuffer(&part)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let bytes = tooLarge ? nil : Array(body.readableBytesView)
            body.clear()
            let routes = self.routes
            let keepAlive = head.isKeepAlive && !tooLarge
            let version = head.version
            let loop = context.eventLoop
            let bound = NIOLoopBound(context, eventLoop: loop)
            let promise = loop.makePromise(of: ReceiverAnswer.self)
            promise.completeWithTask { await routes.answer(method: head.method, path: head.uri, headers: head.headers, body: bytes) }
            promise.futureResult.whenSuccess { answer in
                Self.write(answer, version: version, keepAlive: keepAlive, context: bound.value)
            }
        }
    }

    static func write(_ answer: ReceiverAnswer, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: answer.contentType)
        headers.add(name: SNAPHeaders.timestamp, value: SNAPTimestamp.format(Date()))
        for (name, value) in answer.headers { headers.add(name: name, value: value) }
        headers.add(name: "Content-Length", value: String(answer.body.utf8.count))
        headers.add(name: "Server", value: "kasir")
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: answer.status)
        context.write(NIOAny(HTTPServerResponsePart.head(HTTPResponseHead(version: version, status: status, headers: headers))), promise: nil)
        context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(context.channel.allocator.buffer(string: answer.body)))), promise: nil)
        let written = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
        if !keepAlive {
            let channel = context.channel
            written.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}

/// Waits for the receiver to be told to stop: its task cancelled, or with `handleSignals`
/// SIGINT or SIGTERM (then ignored by the process, so the drain is not cut short).
enum StopSignal {
    static func wait(handleSignals: Bool) async {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        if handleSignals {
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield() }
                source.resume()
                sources.append(source)
            }
        }
        await withTaskCancellationHandler {
            var iterator = stream.makeAsyncIterator()
            _ = await iterator.next()
        } onCancel: {
            continuation.finish()
        }
        for source in sources { source.cancel() }
    }
}
