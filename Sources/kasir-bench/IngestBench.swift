import AsyncHTTPClient
import DokuSNAP
import Foundation
import KasirCore
import KasirPostgres
import KasirRuntime
import KasirStore
import KasirTestSupport
import Logging
import NIOCore
import NotificationServer

/// Notification ingest: verified (JWT + HMAC), committed (SQLite, synchronous=FULL) and
/// acknowledged notifications per second, sent by a load generator over loopback; then latency
/// percentiles at a fixed rate; then the receiver alone under wrk, both signature schemes, durable
/// and not, side by side.
func ingestBench(
    count: Int = 4_000, concurrency: Int = 32, wrkConnections: Int = 32, fixedRate: Int = 500, fixedSeconds: Int = 4, wrkSeconds: Int = 4,
    wrkOnly: Bool = false, scheme onlyScheme: String? = nil, synchronous onlySynchronous: String? = nil, store onlyStore: String? = nil
) async throws {
    print("Notification ingest (target: ≥2,000/s with nothing lost; under wrk, 32 connections, durable: ≥12,000/s, p99 < 10 ms)")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try SQLiteMerchantStore(path: directory.appendingPathComponent("kasir.sqlite").path)
    let merchantKey = try RSASigningKey.generate()
    let dokuKey = try RSASigningKey.generate()
    let secret = Secret("SK-bench")
    let clientID = "BRN-BENCH"
    let total = wrkOnly ? 0 : count + fixedRate * fixedSeconds
    try await store.bulkInsert(try benchInvoices(0..<total))
    let (stack, receiver) = try await benchReceiver(store: store, merchantKey: merchantKey, dokuKey: dokuKey, secret: secret, clientID: clientID)
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(5), read: .seconds(30))))

    // DOKU's token request, once.
    let stamp = SNAPTimestamp.format(Date())
    var tokenRequest = HTTPClientRequest(url: receiver.baseURL + DokuPaths.accessToken)
    tokenRequest.method = .POST
    tokenRequest.headers.add(name: "X-CLIENT-KEY", value: clientID)
    tokenRequest.headers.add(name: "X-TIMESTAMP", value: stamp)
    tokenRequest.headers.add(name: "X-SIGNATURE", value: try AsymmetricSignature.sign(clientID: clientID, timestamp: stamp, with: dokuKey))
    tokenRequest.body = .bytes(ByteBuffer(string: #"{"grantType":"client_credentials"}"#))
    let tokenAnswer = try await http.execute(tokenRequest, timeout: .seconds(10)).body.collect(upTo: 1 << 16)
    let token = try JSONDecoder().decode(AccessTokenResponse.self, from: Data(Array(tokenAnswer.readableBytesView))).accessToken ?? ""

    let signer = SymmetricSignature(clientSecret: secret)
    @Sendable func request(_ index: Int) -> HTTPClientRequest {
        let body = Array(#"{"originalPartnerReferenceNo":"INV-B-\#(index)","originalReferenceNo":"REF-\#(index)","latestTransactionStatus":"00","amount":{"value":"10000.00","currency":"IDR"}}"#.utf8)
        let timestamp = SNAPTimestamp.format(Date())
        var request = HTTPClientRequest(url: receiver.baseURL + DokuPaths.notify)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer " + token)
        request.headers.add(name: "X-TIMESTAMP", value: timestamp)
        request.headers.add(name: "X-SIGNATURE", value: signer.sign(method: "POST", path: DokuPaths.notify, accessToken: Secret(token), body: body, timestamp: timestamp))
        request.headers.add(name: "X-EXTERNAL-ID", value: String(index))
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }
    @Sendable func send(_ index: Int) async -> (Bool, Double) {
        let start = ContinuousClock.now
        guard let response = try? await http.execute(request(index), timeout: .seconds(30)), response.status.code == 200,
            let answer = try? await response.body.collect(upTo: 1 << 16), String(buffer: answer).contains("2005600")
        else { return (false, milliseconds(ContinuousClock.now - start)) }
        return (true, milliseconds(ContinuousClock.now - start))
    }

    if !wrkOnly {
    // 1. Throughput: `concurrency` requests in flight until `count` are acknowledged.
    let started = ContinuousClock.now
    let results = await withTaskGroup(of: (Bool, Double).self) { group in
        var next = 0
        var out: [(Bool, Double)] = []
        for _ in 0..<concurrency where next < count {
            let index = next
            group.addTask { await send(index) }
            next += 1
        }
        while let result = await group.next() {
            out.append(result)
            if next < count {
                let index = next
                group.addTask { await send(index) }
                next += 1
            }
        }
        return out
    }
    let elapsed = milliseconds(ContinuousClock.now - started) / 1000
    let acknowledged = results.filter(\.0).count
    let stored = try await store.notificationCount()
    let paid = try await store.count(InvoiceQuery(statuses: [.paid]))
    let spread = percentiles(results.map(\.1))
    print(String(format: "  throughput: %d notifications, %d in flight: %.0f/s (%.2f s); acknowledged %d, stored %d, invoices paid %d", count, concurrency, Double(acknowledged) / elapsed, elapsed, acknowledged, stored, paid))
    print(String(format: "  latency under that load: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", spread.p50, spread.p90, spread.p99, spread.max))

    // 2. Latency at a fixed rate.
    let fixed = await withTaskGroup(of: (Bool, Double).self) { group in
        let interval = Duration.nanoseconds(1_000_000_000 / fixedRate)
        let begin = ContinuousClock.now
        for offset in 0..<(fixedRate * fixedSeconds) {
            try? await Task.sleep(until: begin + interval * offset)
            let index = count + offset
            group.addTask { await send(index) }
        }
        var out: [(Bool, Double)] = []
        for await result in group { out.append(result) }
        return out
    }
    let fixedSpread = percentiles(fixed.map(\.1))
    let storedAfter = try await store.notificationCount()
    print(String(format: "  at a fixed %d/s for %d s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; acknowledged %d of %d, stored %d", fixedRate, fixedSeconds, fixedSpread.p50, fixedSpread.p90, fixedSpread.p99, fixedSpread.max, fixed.filter(\.0).count, fixed.count, storedAfter - stored))
    let lost = (acknowledged - stored) + (fixed.filter(\.0).count - (storedAfter - stored))
    print("  nothing lost: \(lost == 0 ? "yes" : "NO (\(lost) acknowledged but not stored)")")
    }

    print("")
    try await http.shutdown()
    await receiver.stop()
    await stack.shutdown()

    // 3. The receiver alone: wrk sends, so the load generator costs little of the two cores.
    guard WrkIngest.available else {
        print("  wrk is not installed (make bench installs it): the receiver-alone runs are skipped")
        print("")
        return
    }
    print("  the receiver alone, driven by wrk (\(wrkConnections) connections, \(wrkSeconds) s each, distinct notifications):")
    // Enough invoices for wrk to notify each once at up to 16,000/s.
    let wrkCount = 16_000 * wrkSeconds
    var stores: [BenchStore] = []
    if onlyStore != "postgres" {
        for synchronous in [SQLiteMerchantStore.Synchronous.full, .normal] where onlySynchronous == nil || onlySynchronous == synchronous.rawValue.lowercased() {
            stores.append(.sqlite(synchronous))
        }
    }
    if onlyStore != "sqlite" && onlySynchronous != "normal" { stores.append(.postgres) }
    for scheme in [NotificationSignatureScheme.symmetric, .asymmetric] where onlyScheme == nil || onlyScheme == scheme.rawValue {
        for store in stores {
            try await wrkIngest(
                scheme: scheme, store: store, count: wrkCount, seconds: wrkSeconds, connections: wrkConnections, merchantKey: merchantKey, dokuKey: dokuKey,
                secret: secret, clientID: clientID)
        }
    }
    print("")
}

/// The receiver on `store`, wired as `kasir listen` is, with a DOKU client that is never called
/// (notifications only).
func benchReceiver(store: any MerchantStore, merchantKey: RSASigningKey, dokuKey: RSASigningKey, secret: Secret, clientID: String) async throws -> (
    MerchantStack, RunningReceiver
) {
    let stack = try await MerchantStack.wire(
        store: store, environment: .custom("http://127.0.0.1:9"), credentials: DokuCredentials(clientID: clientID, clientSecret: secret, privateKey: merchantKey),
        dokuPublicKey: dokuKey.publicKey, desk: DeskConfiguration(deviceID: "POS01"))
    return (stack, try await stack.receiver().start())
}

func benchInvoices(_ range: Range<Int>, status: InvoiceStatus = .awaitingPayment) throws -> [Invoice] {
    let now = Date()
    return try range.map { index in
        var invoice = Invoice(
            number: "INV-B-\(index)", amount: try Money(units: 10_000), title: nil, validUpTo: now.addingTimeInterval(3600), pointOfInitiation: .app,
            deviceID: "POS01", ipAddress: nil, returnURL: nil, createdAt: now)
        invoice.status = status
        if status == .paid { invoice.paidAt = now }
        invoice.referenceNo = "REF-\(index)"
        return invoice
    }
}

/// One wrk run against a fresh store and receiver: `count` distinct notifications signed as `scheme`.
func wrkIngest(
    scheme: NotificationSignatureScheme, store kind: BenchStore, count: Int, seconds: Int, connections: Int,
    merchantKey: RSASigningKey, dokuKey: RSASigningKey, secret: Secret, clientID: String
) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store: any MerchantStore
    let stored: () async throws -> Int
    switch kind {
    case .sqlite(let synchronous):
        let sqlite = try SQLiteMerchantStore(path: directory.appendingPathComponent("kasir.sqlite").path, synchronous: synchronous)
        try await sqlite.bulkInsert(try benchInvoices(0..<count))
        (store, stored) = (sqlite, { try await sqlite.notificationCount() })
    case .postgres:
        let url = try TestPostgres.server().createDatabase("kasir_bench")
        let postgres = try await PostgresMerchantStore(location: try PostgresLocation(url: url), password: nil)
        try await postgres.bulkInsert(try benchInvoices(0..<count))
        (store, stored) = (postgres, { try await postgres.notificationCount() })
    }
    let (stack, receiver) = try await benchReceiver(store: store, merchantKey: merchantKey, dokuKey: dokuKey, secret: secret, clientID: clientID)
    // The symmetric scheme signs over a token the receiver issued, as DOKU's token request gets it.
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
    let requests = await WrkIngest.signedRequests(
        baseURL: receiver.baseURL, first: 0, count: count, scheme: scheme, token: token, secret: secret, dokuKey: dokuKey)
    let cpuBefore = processCPUSeconds()
    let outcome = try await WrkIngest(baseURL: receiver.baseURL, requests: requests).run(seconds: seconds, connections: connections)
    let cpu = (processCPUSeconds() - cpuBefore) / Double(max(outcome.requests, 1)) * 1e6
    let storedCount = try await stored()
    let acknowledged = outcome.requests - outcome.refused - outcome.repeated
    print(
        String(
            format: "    %@ %@: %.0f/s (%.0f µs CPU each); p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; acknowledged %d, refused %d, sent twice %d, stored %d, lost %@",
            scheme.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) as NSString,
            kind.label as NSString, Double(outcome.requests) / outcome.seconds, cpu, outcome.p50,
            outcome.p90, outcome.p99, outcome.max, acknowledged, outcome.refused, outcome.repeated, storedCount,
            (acknowledged <= storedCount ? "none" : "\(acknowledged - storedCount)") as NSString))
    await receiver.stop()
    await stack.shutdown()
}

/// Which store a wrk run writes to.
enum BenchStore {
    case sqlite(SQLiteMerchantStore.Synchronous)
    /// A server of the bench's own on this machine (fsync on, synchronous_commit on).
    case postgres

    var label: String {
        switch self {
        case .sqlite(.full): "SQLite synchronous=FULL    "
        case .sqlite(.normal): "SQLite synchronous=NORMAL  "
        case .postgres: "PostgreSQL synchronous_commit=on"
        }
    }
}
