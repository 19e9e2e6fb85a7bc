import AsyncHTTPClient
import DokuSNAP
import Foundation
import KasirConsole
import KasirCore
import KasirPostgres
import KasirRuntime
import KasirStore
import KasirTestSupport
import Logging
import NIOCore
import Synchronization
import TerminalUI

/// Several terminals, one shop, on each store side by side: refund reservations per second with
/// 8 terminals at once (each its own store connection, as 8 counters are), and the time from a
/// notification's acknowledgement to PAID on the screen of a console in another process.
func shopBench(store onlyStore: String?, seconds: Int = 4, samples: Int = 30) async throws {
    print("Several terminals, one shop (target on PostgreSQL: acknowledgement → PAID in another process's console, p99 < 100 ms)")
    var kinds: [BenchStore] = []
    if onlyStore != "postgres" { kinds.append(.sqlite(.full)) }
    if onlyStore != "sqlite" { kinds.append(.postgres) }
    print("  refund reservations, 8 terminals at once for \(seconds) s (1,000 of each 10,000 paid; every reservation is its own durable transaction):")
    for kind in kinds {
        try await refundReservations(kind, terminals: 8, invoices: 2_000, seconds: seconds, label: "spread over 2,000 invoices")
        try await refundReservations(kind, terminals: 8, invoices: 1, seconds: seconds, label: "all on one invoice        ")
    }
    print("  acknowledgement → PAID in another process's console (\(samples) notifications, one at a time; the console's own change feed):")
    for kind in kinds { try await paidOnScreen(kind, samples: samples) }
    print("")
}

/// A fresh shop on `kind`: its location, and a way to open one more connection to it.
struct BenchShop {
    let location: String
    /// The shop's own folder (the SQLite file lives there).
    let directory: URL
    let open: @Sendable () async throws -> any MerchantStore

    static func make(_ kind: BenchStore) throws -> BenchShop {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch kind {
        case .sqlite(let synchronous):
            let path = directory.appendingPathComponent("kasir.sqlite").path
            return BenchShop(location: path, directory: directory, open: { try SQLiteMerchantStore(path: path, synchronous: synchronous) })
        case .postgres:
            let url = try TestPostgres.server().createDatabase("kasir_shop")
            return BenchShop(
                location: url, directory: directory, open: { try await PostgresMerchantStore(location: try PostgresLocation(url: url), password: nil) })
        }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

extension MerchantStore {
    /// Inserts `invoices` through whichever store this is (the bench's loader).
    func load(_ invoices: [Invoice]) async throws {
        if let sqlite = self as? SQLiteMerchantStore {
            try await sqlite.bulkInsert(invoices)
        } else if let postgres = self as? PostgresMerchantStore {
            try await postgres.bulkInsert(invoices)
        } else {
            for invoice in invoices { try await insert(invoice, cause: "bench") }
        }
    }
}

/// What one terminal did in a reservation run.
struct TerminalOutcome: Sendable {
    var reserved, refused, failed: Int
    var latencies: [Double]
}

func refundReservations(_ kind: BenchStore, terminals: Int, invoices: Int, seconds: Int, label: String) async throws {
    let shop = try BenchShop.make(kind)
    defer { shop.remove() }
    let loader = try await shop.open()
    try await loader.load(try benchInvoices(0..<invoices, status: .paid))
    var stores: [any MerchantStore] = []
    for _ in 0..<terminals { stores.append(try await shop.open()) }

    let deadline = ContinuousClock.now + .seconds(seconds)
    let started = ContinuousClock.now
    let outcomes = try await withThrowingTaskGroup(of: TerminalOutcome.self) { group in
        for (terminal, store) in stores.enumerated() {
            group.addTask {
                var reserved = 0
                var refused = 0
                var failed = 0
                var latencies: [Double] = []
                var attempt = 0
                while ContinuousClock.now < deadline {
                    // Terminals walk the invoices from different places, so they meet on the same rows.
                    let invoice = (terminal * 97 + attempt) % invoices
                    let refund = Refund(
                        number: "INV-B-\(invoice)-R\(terminal)-\(attempt)", invoiceNumber: "INV-B-\(invoice)", amount: try Money(units: 1_000), reason: nil,
                        createdAt: Date())
                    attempt += 1
                    let start = ContinuousClock.now
                    do throws(StoreError) {
                        try await store.reserve(refund)
                        reserved += 1
                    } catch .exceedsRefundable {
                        refused += 1
                    } catch {
                        failed += 1
                    }
                    latencies.append(milliseconds(ContinuousClock.now - start))
                }
                return TerminalOutcome(reserved: reserved, refused: refused, failed: failed, latencies: latencies)
            }
        }
        var all: [TerminalOutcome] = []
        for try await outcome in group { all.append(outcome) }
        return all
    }
    let elapsed = milliseconds(ContinuousClock.now - started) / 1000
    let reserved = outcomes.map(\.reserved).reduce(0, +)
    let refused = outcomes.map(\.refused).reduce(0, +)
    let failed = outcomes.map(\.failed).reduce(0, +)
    let spread = percentiles(outcomes.flatMap(\.latencies))

    // The witness: no invoice holds more refunds than it was paid.
    var overRefunded = 0
    var held = 0
    for index in 0..<invoices {
        let refunds = try await loader.refunds(of: "INV-B-\(index)")
        let total = refunds.reduce(0) { $0 + $1.amount.minorUnits }
        held += refunds.count
        if total > 1_000_000 { overRefunded += 1 }
    }
    print(
        String(
            format: "    %@ %@: %.0f reservations/s; p50 %.1f ms, p99 %.1f ms; reserved %d, refused (nothing left) %d, errors %d; stored %d, invoices over-refunded %d",
            kind.label as NSString, label as NSString, Double(reserved + refused) / elapsed, spread.p50, spread.p99, reserved, refused, failed, held, overRefunded))
    for store in stores + [loader] { await StoreOpener.close(store) }
}

/// A receiver in this process acknowledges notifications one at a time; a console in a child
/// process (`kasir-bench console-watch`) on its own connection reports when each invoice's row
/// reads PAID in a drawn frame. Both read CLOCK_MONOTONIC, which is one clock for the machine.
func paidOnScreen(_ kind: BenchStore, samples: Int) async throws {
    let shop = try BenchShop.make(kind)
    defer { shop.remove() }
    let store = try await shop.open()
    try await store.load(try benchInvoices(0..<samples, status: .awaitingPayment))

    let merchantKey = try RSASigningKey.generate()
    let dokuKey = try RSASigningKey.generate()
    let (stack, receiver) = try await benchReceiver(store: store, merchantKey: merchantKey, dokuKey: dokuKey, secret: Secret("SK-bench"), clientID: "BRN-BENCH")

    fflush(nil)
    let watcher = Process()
    watcher.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    watcher.arguments = ["console-watch", shop.location, String(samples)]
    let output = Pipe()
    watcher.standardOutput = output
    let lines = WatchedLines(output.fileHandleForReading)
    try watcher.run()
    guard await lines.wait(for: "READY", timeout: .seconds(30)) != nil else {
        print("    \(kind.label): the console did not show its list within 30 s")
        watcher.terminate()
        return
    }

    let http = HTTPClient(eventLoopGroupProvider: .singleton)
    var latencies: [Double] = []
    var missed = 0
    for index in 0..<samples {
        // Signed as DOKU documents (asymmetric, no token), as the wrk runs are.
        let body = Array(
            #"{"originalPartnerReferenceNo":"INV-B-\#(index)","originalReferenceNo":"REF-\#(index)","latestTransactionStatus":"00","amount":{"value":"10000.00","currency":"IDR"}}"#
                .utf8)
        let timestamp = SNAPTimestamp.format(Date())
        var outgoing = HTTPClientRequest(url: receiver.baseURL + DokuPaths.notify)
        outgoing.method = .POST
        outgoing.headers.add(name: "Content-Type", value: "application/json")
        outgoing.headers.add(name: "X-TIMESTAMP", value: timestamp)
        outgoing.headers.add(
            name: "X-SIGNATURE", value: try AsymmetricSignature.signTransactional(method: "POST", path: DokuPaths.notify, body: body, timestamp: timestamp, with: dokuKey))
        outgoing.headers.add(name: "X-EXTERNAL-ID", value: "W\(index)")
        outgoing.body = .bytes(ByteBuffer(bytes: body))
        try? await Task.sleep(for: .milliseconds(20))
        let response = try await http.execute(outgoing, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 16)
        let acknowledged = monotonicNanoseconds()
        guard response.status.code == 200, let line = await lines.wait(for: "PAID INV-B-\(index) ", timeout: .seconds(5)),
            let shown = UInt64(line.split(separator: " ").last ?? "")
        else {
            missed += 1
            continue
        }
        // A console can draw PAID before the answer reaches DOKU (the commit comes first): that counts as 0.
        latencies.append(shown > acknowledged ? Double(shown - acknowledged) / 1e6 : 0)
    }
    watcher.terminate()
    watcher.waitUntilExit()
    try await http.shutdown()
    await receiver.stop()
    await stack.shutdown()
    let spread = percentiles(latencies)
    print(
        String(
            format: "    %@: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; shown %d of %d", kind.label as NSString, spread.p50, spread.p90, spread.p99,
            spread.max, latencies.count, latencies.count + missed))
}

func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// The lines a child writes, read on a thread of its own.
final class WatchedLines: Sendable {
    let lines = Mutex<[String]>([])

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            var pending = ""
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                pending += String(decoding: data, as: UTF8.self)
                while let end = pending.firstIndex(of: "\n") {
                    let line = String(pending[..<end])
                    pending = String(pending[pending.index(after: end)...])
                    self.lines.withLock { $0.append(line) }
                }
            }
        }
    }

    /// The first line starting with `prefix`, waiting up to `timeout`.
    func wait(for prefix: String, timeout: Duration) async -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = lines.withLock({ $0.first { $0.hasPrefix(prefix) } }) { return line }
            try? await Task.sleep(for: .microseconds(200))
        }
        return nil
    }
}

/// A terminal that reads each frame as a person would: when a watched invoice's row says PAID,
/// it prints `PAID <invoice> <CLOCK_MONOTONIC ns>` once.
@MainActor
final class WatchingTerminal: ConsoleTerminal {
    let width = 200
    let height = 60
    let unicode = true
    let watched: [String]
    var shown: Set<String> = []
    var listed = false

    init(watched: [String]) { self.watched = watched }

    func readKey() -> Key? { nil }
    func ring(flash: Bool) {}

    func draw(_ buffer: Buffer, cursor: (x: Int, y: Int)?) {
        let at = monotonicNanoseconds()
        let lines = buffer.lines
        if !listed, watched.allSatisfy({ number in lines.contains { $0.contains(number + " ") } }) {
            listed = true
            print("READY")
        }
        for line in lines where line.contains("PAID") {
            for number in watched where !shown.contains(number) && line.contains(number + " ") {
                shown.insert(number)
                print("PAID \(number) \(at)")
            }
        }
        fflush(nil)
    }
}

/// `kasir-bench console-watch <sqlite path | postgresql url> <count>`: a console on that store
/// until killed, reporting to stdout.
@MainActor
func consoleWatch(location: String, count: Int) async throws {
    let store: any MerchantStore =
        location.hasPrefix("postgresql:")
        ? try await PostgresMerchantStore(location: try PostgresLocation(url: location), password: nil) : try SQLiteMerchantStore(path: location)
    let key = try RSASigningKey.generate()
    let stack = try await MerchantStack.wire(
        store: store, environment: .custom("http://127.0.0.1:9"), credentials: DokuCredentials(clientID: "BRN-BENCH", clientSecret: Secret("S"), privateKey: key),
        dokuPublicKey: key.publicKey, desk: DeskConfiguration(deviceID: "POS01"))
    let terminal = WatchingTerminal(watched: (0..<count).map { "INV-B-\($0)" })
    let state = AppState(environment: .sandbox, clientID: "BRN-BENCH", receiver: .notRunning("bench"), now: Date(), width: 200, height: 60, theme: .builtIn)
    let services = ConsoleServices(desk: stack.desk, store: store, loadTheme: { _ in (.builtIn, nil) }, exportDirectory: NSTemporaryDirectory())
    await ConsoleRuntime(state: state, services: services, terminal: terminal).run()
}
