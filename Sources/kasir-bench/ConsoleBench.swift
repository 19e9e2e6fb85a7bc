import DokuSNAP
import Foundation
import KasirConsole
import KasirCore
import KasirRuntime
import KasirStore
import Logging
import TerminalUI

/// The console over a store of 1,000,000 invoices, driven through its real runtime loop with a
/// terminal that records frames instead of writing them: time from start to first frame,
/// keystroke-to-frame latency for scrolling, paging and filtering, and peak memory.
/// Targets: first frame under 300 ms, p99 keystroke under 16 ms, peak RSS under 80 MB.
///
/// The store is built by this process, then measured in a fresh child process so the peak RSS
/// is the console's, not the loader's.
func consoleBench(invoices: Int) async throws {
    print("Console with \(invoices) invoices (targets: first frame <300 ms, p99 keystroke <16 ms, peak RSS <80 MB)")
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-bench-console-\(invoices).sqlite").path
    if !FileManager.default.fileExists(atPath: path) {
        let store = try SQLiteMerchantStore(path: path)
        try await fill(store, count: invoices)
    }
    fflush(nil)
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    child.arguments = ["console-measure", path]
    try child.run()
    child.waitUntilExit()
    print("")
}

func fill(_ store: SQLiteMerchantStore, count: Int) async throws {
    let statuses: [InvoiceStatus] = [.paid, .paid, .awaitingPayment, .expired, .failed, .refunded, .partiallyRefunded]
    let start = Date().addingTimeInterval(-Double(count) * 7)
    var batch: [Invoice] = []
    for index in 0..<count {
        let created = start.addingTimeInterval(Double(index) * 7)
        var invoice = Invoice(
            number: "INV-\(SNAPTimestamp.jakartaDay(created))-\(String(format: "%06d", index))", amount: try Money(units: Int64(10_000 + index % 500_000)),
            title: "Order \(index)", validUpTo: created.addingTimeInterval(900), pointOfInitiation: .app, deviceID: "POS01", ipAddress: nil, returnURL: nil,
            createdAt: created)
        invoice.status = statuses[index % statuses.count]
        invoice.referenceNo = String(9_000_000_000 + index)
        invoice.webRedirectUrl = "https://app-uat.doku.com/link/\(283_702_597_342_040 + index)"
        batch.append(invoice)
        if batch.count == 50_000 {
            try await store.bulkInsert(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }
    if !batch.isEmpty { try await store.bulkInsert(batch) }
}

/// A terminal that takes keys from a queue and counts frames.
@MainActor
final class RecordingTerminal: ConsoleTerminal {
    let width = 120
    let height = 40
    let unicode = true
    var keys: [Key] = []
    var frames = 0

    func readKey() -> Key? { keys.isEmpty ? nil : keys.removeFirst() }
    func draw(_ buffer: Buffer, cursor: (x: Int, y: Int)?) { frames += 1 }
    func ring(flash: Bool) {}
}

@MainActor
func consoleMeasure(path: String) async throws {
    let started = ContinuousClock.now
    let store = try SQLiteMerchantStore(path: path)
    let key = try RSASigningKey.generate()
    let stack = try await MerchantStack.wire(
        store: store, environment: .custom("http://127.0.0.1:9"), credentials: DokuCredentials(clientID: "BRN-BENCH", clientSecret: Secret("S"), privateKey: key),
        dokuPublicKey: key.publicKey, desk: DeskConfiguration(deviceID: "POS01"))
    let keyTime = ContinuousClock.now - started
    let state = AppState(environment: .sandbox, clientID: "BRN-BENCH", receiver: .notRunning("bench"), now: Date(), width: 120, height: 40, theme: .builtIn)
    let terminal = RecordingTerminal()
    let services = ConsoleServices(desk: stack.desk, store: store, loadTheme: { _ in (.builtIn, nil) }, exportDirectory: NSTemporaryDirectory())
    let runtime = ConsoleRuntime(state: state, services: services, terminal: terminal)
    let loop = Task { await runtime.run() }

    func waitUntil(_ condition: () -> Bool) async {
        while !condition() { try? await Task.sleep(for: .microseconds(200)) }
    }
    await waitUntil { runtime.state.list.rows.count > 0 && runtime.state.detail != nil && terminal.frames > 0 }
    let firstFrame = milliseconds(ContinuousClock.now - started) - milliseconds(keyTime)
    print(String(format: "  start to first frame (open store, count, first page, detail, render): %.1f ms (+ %.0f ms generating a throwaway RSA key)", firstFrame, milliseconds(keyTime)))

    func position() -> Int { runtime.state.list.pageStart + runtime.state.list.selected }
    func measure(_ name: String, runs: Int, key: Key, settled: (Int) -> Bool) async {
        var samples: [Double] = []
        for _ in 0..<runs {
            let before = position()
            let framesBefore = terminal.frames
            let start = ContinuousClock.now
            terminal.keys.append(key)
            await waitUntil { settled(before) && terminal.frames > framesBefore && !runtime.state.list.loading && runtime.state.list.rows.indices.contains(runtime.state.list.selected) }
            samples.append(milliseconds(ContinuousClock.now - start))
        }
        let spread = percentiles(samples)
        print(String(format: "  %-34@ median %5.2f ms  p99 %5.2f ms  (%d keys)", name as NSString, spread.p50, spread.p99, runs))
    }
    await measure("scroll (j), crossing pages", runs: 300, key: .character("j")) { position() == $0 + 1 }
    await measure("page down (PgDn)", runs: 100, key: .pageDown) { position() > $0 }
    await measure("page up (PgUp)", runs: 50, key: .pageUp) { position() < $0 }

    // Filtering: type a prefix and Enter; the frame counts once the filtered page is on screen.
    var samples: [Double] = []
    for round in 0..<20 {
        let start = ContinuousClock.now
        let text = round.isMultiple(of: 2) ? "INV-2026" : "9000012"
        terminal.keys.append(contentsOf: [.character("/"), .ctrl("u")] + text.map(Key.character) + [.enter])
        await waitUntil { runtime.state.list.text == text && !runtime.state.list.loading && runtime.state.modal == nil }
        samples.append(milliseconds(ContinuousClock.now - start))
    }
    let filter = percentiles(samples)
    print(String(format: "  %-34@ median %5.2f ms  p99 %5.2f ms  (20 searches, ~12 keys each, total per search)", "filter (/ text Enter)" as NSString, filter.p50, filter.p99))
    terminal.keys.append(.character("q"))
    await loop.value
    await stack.shutdown()
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map { String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces) } ?? "?"
    print("  peak RSS of the console process: \(peak)")
}
