import DokuSNAP
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `/metrics` (Prometheus' text format) and `/healthz` for `kasir listen`, on an address of
/// their own (`[notifications] metrics_listen`), so DOKU's public side exposes nothing new.
public struct MetricsServer: Sendable {
    public let metrics: ReceiverMetrics
    public let host: String
    public let port: Int
    /// Writes to the store and says why it could not (nil: it could).
    public let probe: @Sendable () async -> String?
    let logger: Logger

    public init(metrics: ReceiverMetrics, host: String, port: Int, probe: @escaping @Sendable () async -> String?, logger: Logger? = nil) {
        self.metrics = metrics
        self.host = host
        self.port = port
        self.probe = probe
        self.logger = logger ?? Logger(label: "kasir.metrics", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// The health as `/healthz` answers it: 200 when the store takes a write, else 503.
    public static func health(storeProblem: String?, lastCommitAge: TimeInterval, committed: Bool) -> (status: Int, body: String) {
        var fields = [
            "\"status\":\"\(storeProblem == nil ? "ok" : "unhealthy")\"", "\"storeWritable\":\(storeProblem == nil)",
            "\"lastCommitAgeSeconds\":\(String(format: "%.1f", lastCommitAge))", "\"committedSinceStart\":\(committed)",
        ]
        if let storeProblem {
            let escaped = storeProblem.cleanedForDisplay(limit: 200).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            fields.append("\"problem\":\"\(escaped)\"")
        }
        return (storeProblem == nil ? 200 : 503, "{" + fields.joined(separator: ",") + "}")
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let metrics = self.metrics
        let probe = self.probe
        router.get("/metrics") { _, _ -> Response in
            var headers: HTTPFields = [.contentType: "text/plain; version=0.0.4; charset=utf-8"]
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        router.get("/healthz") { _, _ -> Response in
            let (status, body) = Self.health(storeProblem: await probe(), lastCommitAge: metrics.lastCommitAge(), committed: metrics.hasCommitted)
            var headers: HTTPFields = [.contentType: "application/json"]
            headers[.cacheControl] = "no-store"
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return router
    }

    /// Runs until cancelled; `onRunning` gets the bound port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: makeRouter(), configuration: .init(address: .hostname(host, port: port), serverName: "kasir-metrics"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) }, logger: logger)
        try await app.run()
    }
}
