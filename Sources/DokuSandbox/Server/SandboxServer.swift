import DokuSNAP
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The HTTP face of `DokuSimulator`: DOKU's SNAP paths, the customer pages and the `/_sandbox/`
/// control API, served by Hummingbird.
public struct SandboxServer: Sendable {
    public let simulator: DokuSimulator
    public let host: String
    public let port: Int
    let logger: Logger

    public init(simulator: DokuSimulator, host: String = "127.0.0.1", port: Int = 9000, logger: Logger? = nil) {
        self.simulator = simulator
        self.host = host
        self.port = port
        self.logger = logger ?? Logger(label: "kasir.sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// Runs until the task is cancelled, or, with `handleSignals`, until SIGINT/SIGTERM.
    /// `onRunning` gets the bound port (useful with port 0).
    public func run(handleSignals: Bool = false, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let simulator = self.simulator
        let host = self.host
        let app = Application(
            router: makeRouter(), configuration: .init(address: .hostname(host, port: port), serverName: "kasir-sandbox"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                if await simulator.configuration.publicBaseURL == nil {
                    await simulator.setPublicBaseURL("http://\(host.contains(":") ? "[\(host)]" : host):\(bound)")
                }
                await onRunning(bound)
            }, logger: logger)
        // Links expire on their own, as at DOKU: sweep once a second so the merchant is notified
        // even when nobody looks at the payment.
        let sweeper = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                await simulator.expireDue()
            }
        }
        defer { sweeper.cancel() }
        if handleSignals {
            try await app.runService()
        } else {
            try await app.run()
        }
        await simulator.shutdown()
    }

    /// Starts in the background and returns once the port is bound.
    public func start() async throws -> RunningSandbox {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            do {
                try await run(onRunning: { continuation.yield($0) })
            } catch {}
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw SandboxStartError(host: host, port: self.port) }
        return RunningSandbox(simulator: simulator, port: port, host: host, task: task)
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let simulator = self.simulator
        for (endpoint, path) in [(SandboxEndpoint.token, DokuPaths.accessToken), (.payment, DokuPaths.payment), (.status, DokuPaths.checkStatus), (.refund, DokuPaths.refund)] {
            router.post(RouterPath(path)) { request, _ -> Response in
                guard let body = try? await Self.body(request) else {
                    return Self.response(.snap("400\(endpoint.service)00", "Bad Request: the body is larger than 1 MiB", now: Date()))
                }
                let fields = request.headers
                let answer = await simulator.handle(endpoint, header: { name in HTTPField.Name(name).flatMap { fields[$0] } }, body: body)
                return Self.response(answer)
            }
        }
        CustomerRoutes.add(to: router, simulator: simulator)
        ControlRoutes.add(to: router, simulator: simulator, token: simulator.controlToken)
        return router
    }

    static func body(_ request: Request) async throws -> [UInt8] {
        Array(try await request.body.collect(upTo: 1 << 20).readableBytesView)
    }

    static func response(_ answer: SandboxAnswer) -> Response {
        var headers: HTTPFields = [.contentType: answer.contentType]
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// A sandbox running in the background.
public struct RunningSandbox: Sendable {
    public let simulator: DokuSimulator
    public let port: Int
    public let host: String
    let task: Task<Void, Never>

    public var baseURL: String { "http://\(host):\(port)" }

    /// Stops the server and waits for it to finish.
    public func stop() async {
        task.cancel()
        await task.value
    }
}

/// The sandbox could not bind its address.
public struct SandboxStartError: Error, CustomStringConvertible {
    public let host: String
    public let port: Int
    public var description: String { "the sandbox could not listen on \(host):\(port); is the port in use? Choose another with --port" }
}
