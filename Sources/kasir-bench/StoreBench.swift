import DokuSNAP
import Foundation
import KasirCore
import KasirStore

/// The store at scale: list a page, page deep, filter by status and search by invoice number
/// among `invoices` invoices. Target: under 10 ms each.
func storeBench(invoices total: Int) async throws {
    print("Store at scale: \(total) invoices (target: <10 ms to list a page, filter by status, search by number)")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try SQLiteMerchantStore(path: directory.appendingPathComponent("kasir.sqlite").path)
    let statuses: [InvoiceStatus] = [.paid, .paid, .paid, .awaitingPayment, .expired, .failed, .refunded, .partiallyRefunded]
    let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
    let loading = ContinuousClock.now
    var batch: [Invoice] = []
    batch.reserveCapacity(50_000)
    for index in 0..<total {
        let created = start.addingTimeInterval(Double(index) * 17)
        let day = SNAPTimestamp.jakartaDay(created)
        var invoice = Invoice(
            number: "INV-\(day)-\(String(format: "%06d", index))", amount: try Money(units: Int64(10_000 + index % 500_000)), title: "Order \(index)",
            validUpTo: created.addingTimeInterval(900), pointOfInitiation: .app, deviceID: "POS01", ipAddress: nil, returnURL: nil, createdAt: created)
        invoice.status = statuses[index % statuses.count]
        invoice.referenceNo = String(9_000_000_000 + index)
        batch.append(invoice)
        if batch.count == 50_000 {
            try await store.bulkInsert(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }
    if !batch.isEmpty { try await store.bulkInsert(batch) }
    print(String(format: "  loaded in %.1f s", milliseconds(ContinuousClock.now - loading) / 1000))

    func time(_ name: String, runs: Int = 200, _ body: () async throws -> Int) async rethrows {
        _ = try await body()
        var samples: [Double] = []
        var rows = 0
        for _ in 0..<runs {
            let begin = ContinuousClock.now
            rows = try await body()
            samples.append(milliseconds(ContinuousClock.now - begin))
        }
        let spread = percentiles(samples)
        print(String(format: "  %-38@ p50 %6.2f ms  p99 %6.2f ms  (%d rows, %d runs)", name as NSString, spread.p50, spread.p99, rows, runs))
    }
    let newest = try await store.invoices(InvoiceQuery(limit: 1)).first!
    let deep = try await store.invoices(InvoiceQuery(before: (newest.createdAt.addingTimeInterval(-Double(total / 2) * 17), "~"), limit: 1)).first!
    try await time("first page (50 newest)") { try await store.invoices(InvoiceQuery(limit: 50)).count }
    try await time("a page half a million rows deep") { try await store.invoices(InvoiceQuery(before: (deep.createdAt, deep.number), limit: 50)).count }
    try await time("filter: status expired, first page") { try await store.invoices(InvoiceQuery(statuses: [.expired], limit: 50)).count }
    try await time("filter: paid or refunded, first page") { try await store.invoices(InvoiceQuery(statuses: [.paid, .refunded], limit: 50)).count }
    let target = "INV-\(SNAPTimestamp.jakartaDay(deep.createdAt))-"
    try await time("search: invoice number prefix") { try await store.invoices(InvoiceQuery(text: target, limit: 50)).count }
    try await time("search: one exact invoice number") { try await store.invoices(InvoiceQuery(text: deep.number, limit: 50)).count }
    try await time("search: DOKU reference") { try await store.invoices(InvoiceQuery(text: deep.referenceNo, limit: 50)).count }
    // `/` finds text anywhere, case-insensitively: a few matches, many matches, and two characters.
    try await time("search: middle of a DOKU reference") { try await store.invoices(InvoiceQuery(text: String(deep.referenceNo!.dropFirst(3).prefix(6)), limit: 50)).count }
    try await time("search: middle of a number, few matches") { try await store.invoices(InvoiceQuery(text: String(deep.number.suffix(7)), limit: 50)).count }
    try await time("search: title word, many matches") { try await store.invoices(InvoiceQuery(text: "rder 12", limit: 50)).count }
    try await time("search: two characters (number start)") { try await store.invoices(InvoiceQuery(text: "IN", limit: 50)).count }
    try await time("search: no match, three characters", runs: 50) { try await store.invoices(InvoiceQuery(text: "zzq", limit: 50)).count }
    try await time("search: no match, two characters", runs: 10) { try await store.invoices(InvoiceQuery(text: "zq", limit: 50)).count }
    try await time("count: title word, capped at 100,000", runs: 20) { try await store.count(InvoiceQuery(text: "rder 12"), upTo: 100_000) }
    try await time("count: status paid", runs: 20) { try await store.count(InvoiceQuery(statuses: [.paid])) }
    print("")
}
