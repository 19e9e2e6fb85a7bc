import DokuSNAP
import Foundation
import Testing

@testable import KasirCore
@testable import KasirStore

func temporaryDatabase() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("kasir-store-\(UUID().uuidString)/kasir.sqlite").path
}

func rupiah(_ units: Int64) -> Money {
    // swift-format-ignore: NeverUseForceTry
    try! Money(units: units)
}

func makeInvoice(_ number: String, units: Int64 = 100_000, at: Date = Date()) -> Invoice {
    Invoice(
        number: number, amount: rupiah(units), title: "Kopi", validUpTo: at.addingTimeInterval(900), pointOfInitiation: .app, deviceID: "POS01",
        ipAddress: nil, returnURL: nil, createdAt: at)
}

@Suite struct StoreTests {
    let store: SQLiteMerchantStore

    init() throws {
        store = try SQLiteMerchantStore(path: temporaryDatabase())
    }

    @Test func theLiveLogIsReadFromTheStoreInOrderAndOnlyOnce() async throws {
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        try await store.bulkInsert([makeInvoice("INV-A", at: at)])
        try await store.append(AuditEntry(at: at, direction: .outgoing, operation: "payment", invoiceNumber: "INV-A", responseCode: "2005400", outcome: "ok"))
        _ = try await store.record(
            ReceivedNotification(partnerReferenceNo: "INV-A", referenceNo: "REF-A", status: .success, amount: nil, externalID: "7", receivedAt: at.addingTimeInterval(2), body: "{}"))
        _ = try await store.record(
            ReceivedNotification(partnerReferenceNo: "INV-Z", referenceNo: "REF-Z", status: .success, amount: nil, externalID: "8", receivedAt: at.addingTimeInterval(3), body: "{}"))
        try await store.append(AuditEntry(at: at.addingTimeInterval(1), direction: .incoming, operation: "token request", responseCode: "4017300", outcome: "refused: bad signature"))

        // The newest first read: limited per table, merged by time.
        let first = try await store.activity(after: nil, limit: 10)
        #expect(first.entries.map(\.operation) == ["payment", "token request", "notification", "notification"])
        #expect(first.entries[2].outcome == "applied")
        #expect(first.entries[3].outcome == "kept for review: unknown invoice")
        #expect(first.entries[2].responseCode == "00")
        #expect(!first.more)
        let newest = try await store.activity(after: nil, limit: 1)
        #expect(newest.entries.map(\.operation) == ["token request", "notification"])
        #expect(newest.cursor == first.cursor)

        // Read on: nothing until something is written, then only that.
        #expect(try await store.activity(after: first.cursor, limit: 10).entries.isEmpty)
        try await store.append(AuditEntry(at: at.addingTimeInterval(5), direction: .outgoing, operation: "status check", outcome: "ok"))
        let next = try await store.activity(after: first.cursor, limit: 10)
        #expect(next.entries.map(\.operation) == ["status check"])
        #expect(next.cursor.audit == first.cursor.audit + 1)
        #expect(next.cursor.notification == first.cursor.notification)
        #expect(try await store.activity(after: ActivityCursor(), limit: 2).more, "a full page says there is more")
    }

    @Test func everyInvoiceFieldComesBackAsStored() async throws {
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        var invoice = Invoice(
            number: "INV-FULL", amount: rupiah(150_000), title: "Kopi susu", validUpTo: at.addingTimeInterval(900), pointOfInitiation: .mweb,
            deviceID: "POS07", ipAddress: "10.0.0.7", returnURL: "https://shop.example/thanks", createdAt: at)
        invoice.status = .partiallyRefunded
        invoice.referenceNo = "46223275197196050004"
        invoice.webRedirectUrl = "https://app-uat.doku.com/link/283702597342040"
        invoice.updatedAt = at.addingTimeInterval(60)
        invoice.paidAt = at.addingTimeInterval(30)
        invoice.refunded = rupiah(50_000)
        invoice.lastResponseCode = "2005800"
        invoice.lastMessage = "Successful"
        invoice.nextCheckAt = at.addingTimeInterval(120)
        invoice.checkAttempts = 3
        try await store.bulkInsert([invoice])
        #expect(try await store.invoice("INV-FULL") == invoice)
        #expect(try await store.invoices(InvoiceQuery(limit: 5)) == [invoice])
        #expect(try await store.invoicesToReconcile(now: at.addingTimeInterval(121), limit: 5) == [])  // not an open status
        var open = invoice
        open.number = "INV-OPEN"
        open.status = .awaitingPayment
        open.refunded = rupiah(0)
        try await store.bulkInsert([open])
        #expect(try await store.invoicesToReconcile(now: at.addingTimeInterval(121), limit: 5) == [open])
    }

    func paidInvoice(_ number: String, units: Int64 = 100_000) async throws {
        try await store.insert(makeInvoice(number, units: units), cause: "test")
        _ = try await store.apply(.paymentCreated(referenceNo: "R-\(number)", webRedirectUrl: "https://x"), to: number, at: Date(), cause: "t", update: { _ in })
        _ = try await store.apply(.dokuReported(.success, paidAt: nil), to: number, at: Date(), cause: "t", update: { _ in })
    }

    @Test func migrationsAreNamedAndApplied() throws {
        #expect(try store.appliedMigrations() == ["2026-11-25 invoices, refunds, notifications, audit", "2026-12-02 invoice external id", "2026-12-02 invoice search", "2026-12-02 receiver heartbeat"])
    }

    @Test func invoiceNumbersAreUniqueAndTransitionsAreRecorded() async throws {
        try await store.insert(makeInvoice("INV-1"), cause: "intent stored")
        await #expect(throws: StoreError.duplicate("invoice INV-1")) { try await store.insert(makeInvoice("INV-1"), cause: "again") }
        let change = try await store.apply(.paymentCreated(referenceNo: "R1", webRedirectUrl: "https://pay"), to: "INV-1", at: Date(), cause: "payment 2005400") {
            $0.webRedirectUrl = "https://pay"
        }
        #expect(change?.invoice.status == .awaitingPayment)
        #expect(try await store.apply(.paymentCreated(referenceNo: "R1", webRedirectUrl: "https://pay"), to: "INV-1", at: Date(), cause: "dup", update: { _ in }) == nil)
        let stored = try #require(try await store.invoice("INV-1"))
        #expect(stored.webRedirectUrl == "https://pay")
        #expect(stored.amount == rupiah(100_000))
        let transitions = try await store.transitions(of: "INV-1")
        #expect(transitions.map(\.to) == [.created, .awaitingPayment])
        #expect(transitions.map(\.cause) == ["intent stored", "payment 2005400"])
        await #expect(throws: StoreError.notFound("invoice NOPE")) { try await store.apply(nil, to: "NOPE", at: Date(), cause: "", update: { _ in }) }
        #expect(try await store.lastSequence(prefix: "INV-") == 1)
    }

    @Test func refundsAreReservedInsideTheTransactionAndNeverExceedThePaidAmount() async throws {
        try await store.insert(makeInvoice("INV-U"), cause: "t")
        await #expect(throws: StoreError.self) { try await store.reserve(Refund(number: "R0", invoiceNumber: "INV-U", amount: rupiah(1), reason: nil, createdAt: Date())) }
        try await paidInvoice("INV-P")
        try await store.reserve(Refund(number: "R1", invoiceNumber: "INV-P", amount: rupiah(60_000), reason: nil, createdAt: Date()))
        await #expect(throws: StoreError.exceedsRefundable(available: rupiah(40_000))) {
            try await store.reserve(Refund(number: "R2", invoiceNumber: "INV-P", amount: rupiah(40_001), reason: nil, createdAt: Date()))
        }
        await #expect(throws: StoreError.duplicate("refund R1")) {
            try await store.reserve(Refund(number: "R1", invoiceNumber: "INV-P", amount: rupiah(1), reason: nil, createdAt: Date()))
        }
        // A failed refund frees its amount; a confirmed one moves the invoice.
        _ = try await store.settle(refund: "R1", on: .rejected(code: "4045813", message: "x"), at: Date())
        try await store.reserve(Refund(number: "R3", invoiceNumber: "INV-P", amount: rupiah(100_000), reason: nil, createdAt: Date()))
        let (refund, change) = try await store.settle(refund: "R3", on: .confirmed(dokuRefundNo: "D3"), at: Date())
        #expect(refund.status == .succeeded)
        #expect(change?.invoice.status == .refunded)
        #expect(try await store.invoice("INV-P")?.refunded == rupiah(100_000))
    }

    @Test func theDatabaseItselfRefusesARefundAboveThePaidAmount() async throws {
        try await paidInvoice("INV-T", units: 10_000)
        try await store.reserve(Refund(number: "RA", invoiceNumber: "INV-T", amount: rupiah(10_000), reason: nil, createdAt: Date()))
        // Bypass the store's own check: the trigger still refuses.
        await #expect(throws: (any Error).self) {
            try await store.pool.write { db in
                try Rows.insert(Refund(number: "RB", invoiceNumber: "INV-T", amount: rupiah(1), reason: nil, createdAt: Date()), db)
            }
        }
    }

    @Test func concurrentReservationsNeverOverbook() async throws {
        try await paidInvoice("INV-C", units: 100_000)
        let other = try SQLiteMerchantStore(path: store.path)  // a second connection pool, as another process would have
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<30 {
                let target = index.isMultiple(of: 2) ? store : other
                group.addTask {
                    (try? await target.reserve(Refund(number: "R\(index)", invoiceNumber: "INV-C", amount: rupiah(7_000), reason: nil, createdAt: Date()))) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 14)
        let held = try await store.refunds(of: "INV-C").reduce(Int64(0)) { $0 + $1.amount.minorUnits }
        #expect(held <= rupiah(100_000).minorUnits)
    }

    @Test func aNotificationIsAppliedOnceAndUnknownOnesAreKept() async throws {
        try await store.insert(makeInvoice("INV-N"), cause: "t")
        _ = try await store.apply(.paymentCreated(referenceNo: "REF-N", webRedirectUrl: "https://x"), to: "INV-N", at: Date(), cause: "t", update: { _ in })
        let paid = ReceivedNotification(partnerReferenceNo: "INV-N", referenceNo: "REF-N", status: .success, amount: rupiah(100_000), externalID: "1", receivedAt: Date(), body: "{}")
        guard case .applied(let change) = try await store.record(paid) else { Issue.record("not applied"); return }
        #expect(change?.invoice.status == .paid)
        #expect(try await store.record(paid) == .duplicate)
        var again = paid
        again.externalID = "2"
        #expect(try await store.record(again) == .duplicate)
        let stale = ReceivedNotification(partnerReferenceNo: "INV-N", referenceNo: "REF-N", status: .initiated, amount: nil, externalID: "3", receivedAt: Date(), body: "{}")
        #expect(try await store.record(stale) == .applied(nil))
        #expect(try await store.invoice("INV-N")?.status == .paid)
        let stranger = ReceivedNotification(partnerReferenceNo: "INV-X", referenceNo: "REF-X", status: .success, amount: nil, externalID: nil, receivedAt: Date(), body: "{}")
        #expect(try await store.record(stranger) == .unknownInvoice)
        try await store.insert(makeInvoice("INV-M"), cause: "t")
        let wrong = ReceivedNotification(partnerReferenceNo: "INV-M", referenceNo: "REF-M", status: .success, amount: rupiah(1), externalID: nil, receivedAt: Date(), body: "{}")
        #expect(try await store.record(wrong) == .amountMismatch)
        #expect(try await store.invoice("INV-M")?.status == .created)
        #expect(try await store.flaggedNotifications().map(\.1) == ["unknown_invoice", "amount_mismatch"])
        #expect(try await store.notificationCount() == 4)
    }

    @Test func listsPageFilterAndSearch() async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for index in 0..<120 {
            var invoice = makeInvoice(String(format: "INV-%04d", index), at: start.addingTimeInterval(Double(index)))
            invoice.status = index.isMultiple(of: 3) ? .paid : .awaitingPayment
            invoice.referenceNo = "REF\(index)"
            invoice.title = index == 5 ? "Kopi Susu Gula Aren" : index == 6 ? "100% arabica_beans" : "Order \(index)"
            try await store.insert(invoice, cause: "t")
        }
        let first = try await store.invoices(InvoiceQuery(limit: 50))
        #expect(first.count == 50)
        #expect(first.first?.number == "INV-0119")
        let second = try await store.invoices(InvoiceQuery(before: (first.last!.createdAt, first.last!.number), limit: 50))
        #expect(second.first?.number == "INV-0069")
        let third = try await store.invoices(InvoiceQuery(before: (second.last!.createdAt, second.last!.number), limit: 50))
        #expect(third.count == 20)
        #expect(Set((first + second + third).map(\.number)).count == 120)
        #expect(try await store.count(InvoiceQuery(statuses: [.paid])) == 40)
        #expect(try await store.invoices(InvoiceQuery(statuses: [.paid], limit: 5)).allSatisfy { $0.status == .paid })
        #expect(try await store.invoices(InvoiceQuery(text: "INV-011")).map(\.number) == (110...119).reversed().map { String(format: "INV-%04d", $0) })
        // Anywhere in the number, the title or DOKU's reference, whatever the case.
        func found(_ text: String) async throws -> [String] { try await store.invoices(InvoiceQuery(text: text, limit: 200)).map(\.number).sorted() }
        #expect(try await found("REF7") == ["INV-0007"] + (70...79).map { String(format: "INV-%04d", $0) })
        #expect(try await found("011") == ["INV-0011"] + (110...119).map { String(format: "INV-%04d", $0) })
        #expect(try await found("susu gula") == ["INV-0005"])
        #expect(try await found("KOPI") == ["INV-0005"])
        #expect(try await found("ef11") == ["INV-0011", "INV-0110", "INV-0111", "INV-0112", "INV-0113", "INV-0114", "INV-0115", "INV-0116", "INV-0117", "INV-0118", "INV-0119"])
        // Characters LIKE or FTS would read as operators are taken literally.
        #expect(try await found("0% a") == ["INV-0006"])
        #expect(try await found("a_b") == ["INV-0006"])
        #expect(try await found("OR \"x") == [])
        // One or two characters match the start of a number or a whole DOKU reference.
        #expect(try await found("IN").count == 120)
        #expect(try await found("ar") == [])
        // Pages of a search follow one another without gaps or repeats.
        let page1 = try await store.invoices(InvoiceQuery(text: "Order", limit: 50))
        let page2 = try await store.invoices(InvoiceQuery(text: "Order", before: (page1.last!.createdAt, page1.last!.number), limit: 50))
        let page3 = try await store.invoices(InvoiceQuery(text: "Order", before: (page2.last!.createdAt, page2.last!.number), limit: 50))
        #expect(page1.first?.number == "INV-0119")
        #expect(Set((page1 + page2 + page3).map(\.number)).count == 118)
        let back = try await store.invoices(InvoiceQuery(text: "Order", after: (page2.first!.createdAt, page2.first!.number), limit: 50))
        #expect(back == page1)
        #expect(try await found("\"") == [])
        #expect(try await found("nothing like it") == [])
        #expect(try await store.count(InvoiceQuery(text: "REF7"), upTo: 100) == 11)
        #expect(try await store.count(InvoiceQuery(since: start.addingTimeInterval(100))) == 20)
    }

    @Test func anotherConnectionsCommitsAreSeen() async throws {
        let other = try SQLiteMerchantStore(path: store.path)
        let changes = store.changes(every: .milliseconds(50))
        let seen = Task {
            for await _ in changes { return true }
            return false
        }
        try await other.insert(makeInvoice("INV-OTHER"), cause: "from another process")
        let result = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await seen.value }
            group.addTask {
                // Generous: this checks that changes are seen at all; the latency is a benchmark's job.
                try? await Task.sleep(for: .seconds(20))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            seen.cancel()
            return first
        }
        #expect(result)
    }
}
