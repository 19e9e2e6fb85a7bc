import DokuSNAP
import Foundation
import KasirPostgres
import KasirTestSupport
import Testing

@testable import KasirCore
@testable import KasirStore

/// Every store kasir ships, for the contract every one of them must keep.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory, sqlite, postgres

    var testDescription: String { rawValue }

    /// A new, empty store, and a way to open it again as another process would.
    func open() async throws -> StoreUnderTest {
        switch self {
        case .memory:
            let store = InMemoryMerchantStore()
            return StoreUnderTest(store: store, another: { store }, close: {})
        case .sqlite:
            let path = temporaryDatabase()
            return StoreUnderTest(store: try SQLiteMerchantStore(path: path), another: { try SQLiteMerchantStore(path: path) }, close: {})
        case .postgres:
            let url = try await TestPostgres.ready().createDatabase()
            let location = try PostgresLocation(url: url)
            let store = try await PostgresMerchantStore(location: location, password: nil)
            let opened = OpenedStores()
            return StoreUnderTest(
                store: store,
                another: {
                    let other = try await PostgresMerchantStore(location: location, password: nil)
                    await opened.add(other)
                    return other
                },
                close: {
                    await store.shutdown()
                    await opened.shutdown()
                })
        }
    }
}

actor OpenedStores {
    var stores: [PostgresMerchantStore] = []
    func add(_ store: PostgresMerchantStore) { stores.append(store) }
    func shutdown() async { for store in stores { await store.shutdown() } }
}

struct StoreUnderTest: Sendable {
    let store: any MerchantStore
    /// The same database through a second handle (its own connections), as another process has it.
    let another: @Sendable () async throws -> any MerchantStore
    let close: @Sendable () async -> Void
}

/// The contract every `MerchantStore` keeps: lifecycles, duplicates, refund reservations under
/// concurrency, notification dedupe, change feeds, paging and search. Run on every store.
@Suite struct StoreContractTests {
    func withStore(_ kind: StoreKind, _ body: (any MerchantStore, StoreUnderTest) async throws -> Void) async throws {
        let sut = try await kind.open()
        do {
            try await body(sut.store, sut)
        } catch {
            await sut.close()
            throw error
        }
        await sut.close()
    }

    func paidInvoice(_ store: any MerchantStore, _ number: String, units: Int64 = 100_000) async throws {
        try await store.insert(makeInvoice(number, units: units), cause: "test")
        _ = try await store.apply(.paymentCreated(referenceNo: "R-\(number)", webRedirectUrl: "https://x"), to: number, at: Date(), cause: "t", update: { _ in })
        _ = try await store.apply(.dokuReported(.success, paidAt: nil), to: number, at: Date(), cause: "t", update: { _ in })
    }

    @Test(arguments: StoreKind.allCases) func aTerminalHasOneOpenShiftWhicheverProcessOpensIt(kind: StoreKind) async throws {
        try await withStore(kind) { store, sut in
            let at = Date(timeIntervalSince1970: 1_795_000_000)
            let other = try await sut.another()
            try await store.openShift(Shift(id: "POS01-1", terminal: "POS01", cashier: "Sari", openedAt: at))
            await #expect(throws: StoreError.self) { try await other.openShift(Shift(id: "POS01-2", terminal: "POS01", cashier: "Budi", openedAt: at)) }
            try await other.openShift(Shift(id: "POS02-1", terminal: "POS02", cashier: "Budi", openedAt: at))
            #expect(try await other.openShift(terminal: "POS01")?.cashier == "Sari")
            let closed = try await other.closeShift(terminal: "POS01", at: at.addingTimeInterval(3600))
            #expect(closed.closedAt == at.addingTimeInterval(3600) && closed.id == "POS01-1")
            #expect(try await store.openShift(terminal: "POS01") == nil)
            await #expect(throws: StoreError.notFound("open shift on POS01")) { try await store.closeShift(terminal: "POS01", at: at) }
            try await store.openShift(Shift(id: "POS01-2", terminal: "POS01", cashier: "Budi", openedAt: at.addingTimeInterval(3700)))
            let day = try await store.shifts(from: at.addingTimeInterval(-60), to: at.addingTimeInterval(86_400))
            #expect(day.map(\.id).sorted() == ["POS01-1", "POS01-2", "POS02-1"])
            #expect(try await store.shifts(from: at.addingTimeInterval(3650), to: at.addingTimeInterval(3690)).map(\.id).sorted() == ["POS02-1"])

            // Refunds by when they were made, for the reports.
            try await paidInvoice(store, "INV-S1")
            var refund = Refund(number: "INV-S1-R1", invoiceNumber: "INV-S1", amount: try Money(units: 10_000), reason: nil, createdAt: at.addingTimeInterval(10))
            refund.updatedAt = refund.createdAt
            try await store.reserve(refund)
            #expect(try await other.refunds(createdFrom: at, to: at.addingTimeInterval(20)).map(\.number) == ["INV-S1-R1"])
            #expect(try await other.refunds(createdFrom: at.addingTimeInterval(11), to: at.addingTimeInterval(20)).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases) func theLiveLogIsReadFromTheStoreInOrderAndOnlyOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let at = Date(timeIntervalSince1970: 1_795_000_000)
            try await store.insert(makeInvoice("INV-A", at: at), cause: "t")
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
            #expect(next.cursor.audit > first.cursor.audit)
            #expect(next.cursor.notification == first.cursor.notification)
            #expect(try await store.activity(after: ActivityCursor(), limit: 2).more, "a full page says there is more")
            #expect(try await store.audit(limit: 1).map(\.operation) == ["status check"])
        }
    }

    /// An exchange comes back whole (method, path, redacted headers, the refusing check), and the
    /// refusals that named an invoice are found for its history.
    @Test(arguments: StoreKind.allCases) func exchangesComeBackWholeAndRefusalsAreFoundByInvoice(kind: StoreKind) async throws {
        try await withStore(kind) { store, sut in
            let at = Date(timeIntervalSince1970: 1_795_000_000)
            let headers = [ExchangeHeader(name: "X-SIGNATURE", value: ExchangeHeader.placeholder(length: 344)), ExchangeHeader(name: "X-TIMESTAMP", value: "2026-12-03T10:00:00+07:00")]
            let refused = AuditEntry(
                at: at, direction: .incoming, operation: "notification", invoiceNumber: "INV-R", httpStatus: 401, responseCode: "4015600",
                outcome: "refused: Unauthorized. Signature Not Match", requestBody: "{}", responseBody: #"{"responseCode":"4015600"}"#, method: "POST",
                path: "/v1.0/debit/notify", requestHeaders: headers, responseHeaders: [ExchangeHeader(name: "Content-Type", value: "application/json")],
                refusedBy: .signature)
            try await store.append(refused)
            try await store.append(AuditEntry(at: at.addingTimeInterval(1), direction: .outgoing, operation: "payment", invoiceNumber: "INV-R", outcome: "ok"))
            try await store.append(AuditEntry(at: at.addingTimeInterval(2), direction: .incoming, operation: "notification", invoiceNumber: "INV-OTHER", outcome: "refused: x"))
            let other = try await sut.another()
            #expect(try await other.refusals(of: "INV-R", limit: 10) == [refused])
            #expect(try await other.audit(limit: 10).last == refused)
        }
    }

    /// Retention prunes only old audit entries, a batch at a time; the shop's records stay.
    @Test(arguments: StoreKind.allCases) func pruningDeletesOnlyOldAuditEntries(kind: StoreKind) async throws {
        try await withStore(kind) { store, sut in
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            let invoice = makeInvoice("INV-OLD", at: now.addingTimeInterval(-400 * 86_400))
            try await store.insert(invoice, cause: "created")
            for day in 0..<12 {
                try await store.append(AuditEntry(at: now.addingTimeInterval(-Double(day) * 60 * 86_400), direction: .outgoing, operation: "payment", invoiceNumber: "INV-OLD", outcome: "ok \(day)"))
            }
            let cutoff = now.addingTimeInterval(-365 * 86_400)
            // Days 0…6 are within the year (0, 60, … 360 days ago); 7…11 are older.
            #expect(try await store.auditCount(before: cutoff) == 5)
            #expect(try await store.pruneAudit(before: cutoff, limit: 2) == 2, "a batch is at most the limit")
            #expect(try await store.pruneAudit(before: cutoff, limit: 2) == 2)
            #expect(try await store.pruneAudit(before: cutoff, limit: 2) == 1)
            #expect(try await store.pruneAudit(before: cutoff, limit: 2) == 0)
            let other = try await sut.another()
            let left = try await other.audit(limit: 100).map(\.outcome)
            #expect(left == (0..<7).reversed().map { "ok \($0)" })
            #expect(try await other.invoice("INV-OLD") != nil, "invoices are never pruned")
            #expect(try await other.transitions(of: "INV-OLD").count == 1)
            // New entries after a prune are still read newest first.
            try await store.append(AuditEntry(at: now, direction: .outgoing, operation: "status", invoiceNumber: "INV-OLD", outcome: "new"))
            #expect(try await other.audit(limit: 1).first?.outcome == "new")
            #expect(try await AuditRetention.prune(store, before: now.addingTimeInterval(1)) == 8)
        }
    }

    @Test(arguments: StoreKind.allCases) func everyInvoiceFieldComesBackAsStored(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let at = Date(timeIntervalSince1970: 1_795_000_000.123)
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
            invoice.externalID = "918273645"
            try await store.insert(invoice, cause: "t")
            #expect(try await store.invoice("INV-FULL") == invoice)
            #expect(try await store.invoices(InvoiceQuery(limit: 5)) == [invoice])
            #expect(try await store.invoicesToReconcile(now: at.addingTimeInterval(121), limit: 5) == [])  // not an open status
            var open = invoice
            open.number = "INV-OPEN"
            open.status = .awaitingPayment
            open.refunded = rupiah(0)
            try await store.insert(open, cause: "t")
            #expect(try await store.invoicesToReconcile(now: at.addingTimeInterval(121), limit: 5) == [open])
            #expect(try await store.invoicesToReconcile(now: at.addingTimeInterval(119), limit: 5) == [])
        }
    }

    @Test(arguments: StoreKind.allCases) func invoiceNumbersAreUniqueAndTransitionsAreRecorded(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
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
            try await store.insert(makeInvoice("INV-20261202-0009"), cause: "t")
            try await store.insert(makeInvoice("INV-20261202-0010"), cause: "t")
            #expect(try await store.lastSequence(prefix: "INV-20261202-") == 10)
            #expect(try await store.lastSequence(prefix: "INV-20261203-") == 0)
        }
    }

    @Test(arguments: StoreKind.allCases) func refundsAreReservedInsideTheTransactionAndNeverExceedThePaidAmount(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            try await store.insert(makeInvoice("INV-U"), cause: "t")
            await #expect(throws: StoreError.notRefundable(.created)) {
                try await store.reserve(Refund(number: "R0", invoiceNumber: "INV-U", amount: rupiah(1), reason: nil, createdAt: Date()))
            }
            await #expect(throws: StoreError.notFound("invoice INV-NONE")) {
                try await store.reserve(Refund(number: "R0", invoiceNumber: "INV-NONE", amount: rupiah(1), reason: nil, createdAt: Date()))
            }
            try await paidInvoice(store, "INV-P")
            try await store.reserve(Refund(number: "R1", invoiceNumber: "INV-P", amount: rupiah(60_000), reason: "rusak", createdAt: Date()))
            await #expect(throws: StoreError.exceedsRefundable(available: rupiah(40_000))) {
                try await store.reserve(Refund(number: "R2", invoiceNumber: "INV-P", amount: rupiah(40_001), reason: nil, createdAt: Date()))
            }
            await #expect(throws: StoreError.duplicate("refund R1")) {
                try await store.reserve(Refund(number: "R1", invoiceNumber: "INV-P", amount: rupiah(1), reason: nil, createdAt: Date()))
            }
            try await paidInvoice(store, "INV-Q")
            await #expect(throws: StoreError.duplicate("refund R1"), "a refund number is unique across invoices: it is DOKU's partnerRefundNo") {
                try await store.reserve(Refund(number: "R1", invoiceNumber: "INV-Q", amount: rupiah(1), reason: nil, createdAt: Date()))
            }
            #expect(try await store.unsettledRefunds(limit: 10).map(\.number) == ["R1"])
            // An unknown outcome keeps holding its amount; a failed refund frees it; a confirmed one moves the invoice.
            let (unknown, _) = try await store.settle(refund: "R1", on: .outcomeUnknown(reason: "timed out"), at: Date())
            #expect(unknown.status == .unknown)
            #expect(try await store.unsettledRefunds(limit: 10).map(\.number) == ["R1"])
            await #expect(throws: StoreError.exceedsRefundable(available: rupiah(40_000))) {
                try await store.reserve(Refund(number: "R2", invoiceNumber: "INV-P", amount: rupiah(50_000), reason: nil, createdAt: Date()))
            }
            let (failed, none) = try await store.settle(refund: "R1", on: .rejected(code: "4045813", message: "x"), at: Date())
            #expect(failed.status == .failed && failed.lastResponseCode == "4045813" && none == nil)
            #expect(try await store.settle(refund: "R1", on: .confirmed(dokuRefundNo: "late"), at: Date()).1 == nil, "a settled refund does not move again")
            try await store.reserve(Refund(number: "R3", invoiceNumber: "INV-P", amount: rupiah(30_000), reason: nil, createdAt: Date()))
            let (partial, partialChange) = try await store.settle(refund: "R3", on: .confirmed(dokuRefundNo: "D3"), at: Date())
            #expect(partial.dokuRefundNo == "D3")
            #expect(partialChange?.invoice.status == .partiallyRefunded)
            try await store.reserve(Refund(number: "R4", invoiceNumber: "INV-P", amount: rupiah(70_000), reason: nil, createdAt: Date()))
            let (refund, change) = try await store.settle(refund: "R4", on: .confirmed(dokuRefundNo: "D4"), at: Date())
            #expect(refund.status == .succeeded)
            #expect(change?.invoice.status == .refunded)
            #expect(try await store.invoice("INV-P")?.refunded == rupiah(100_000))
            #expect(try await store.refunds(of: "INV-P").map(\.number) == ["R1", "R3", "R4"])
            #expect(try await store.refund("R1")?.reason == "rusak")
            #expect(try await store.transitions(of: "INV-P").map(\.to).suffix(2) == [.partiallyRefunded, .refunded])
            await #expect(throws: StoreError.notFound("refund R9")) { try await store.settle(refund: "R9", on: .confirmed(dokuRefundNo: nil), at: Date()) }
        }
    }

    @Test(arguments: StoreKind.allCases) func concurrentReservationsFromTwoHandlesNeverOverbook(kind: StoreKind) async throws {
        try await withStore(kind) { store, sut in
            try await paidInvoice(store, "INV-C", units: 100_000)
            let other = try await sut.another()
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
            #expect(held == rupiah(98_000).minorUnits)
        }
    }

    @Test(arguments: StoreKind.allCases) func aNotificationIsAppliedOnceAndUnknownOnesAreKept(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            try await store.insert(makeInvoice("INV-N"), cause: "t")
            _ = try await store.apply(.paymentCreated(referenceNo: "REF-N", webRedirectUrl: "https://x"), to: "INV-N", at: Date(), cause: "t", update: { _ in })
            let paid = ReceivedNotification(partnerReferenceNo: "INV-N", referenceNo: "REF-N", status: .success, amount: rupiah(100_000), externalID: "1", receivedAt: Date(), body: "{}")
            guard case .applied(let change) = try await store.record(paid) else {
                Issue.record("not applied")
                return
            }
            #expect(change?.invoice.status == .paid)
            #expect(change?.actions == [.announcePaid])
            #expect(try await store.invoice("INV-N")?.paidAt != nil)
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
            let otherReference = ReceivedNotification(partnerReferenceNo: "INV-N", referenceNo: "REF-OTHER", status: .failed, amount: nil, externalID: nil, receivedAt: Date(), body: "{}")
            #expect(try await store.record(otherReference) == .referenceMismatch)
            let outcomes = try await store.activity(after: nil, limit: 20).entries.filter { $0.operation == "notification" }.map(\.outcome)
            #expect(outcomes == ["applied", "applied", "kept for review: unknown invoice", "kept for review: amount mismatch", "kept for review: reference mismatch"])
        }
    }

    @Test(arguments: StoreKind.allCases) func theSameNotificationsFromManyReceiversAtOnceAreStoredOnce(kind: StoreKind) async throws {
        try await withStore(kind) { store, sut in
            let other = try await sut.another()
            for index in 0..<40 {
                try await store.insert(makeInvoice(String(format: "INV-B%03d", index)), cause: "t")
            }
            // DOKU's retries of the same forty notifications land on two receivers, several times each.
            let records = await withTaskGroup(of: NotificationRecord?.self) { group in
                for round in 0..<6 {
                    for index in 0..<40 {
                        let target = (round + index).isMultiple(of: 2) ? store : other
                        let notification = ReceivedNotification(
                            partnerReferenceNo: String(format: "INV-B%03d", index), referenceNo: "REF-B\(index)", status: .success, amount: rupiah(100_000),
                            externalID: "\(round)", receivedAt: Date(), body: "{}")
                        group.addTask { try? await target.record(notification) }
                    }
                }
                return await group.reduce(into: [NotificationRecord?]()) { $0.append($1) }
            }
            #expect(records.allSatisfy { $0 != nil }, "every notification was answered")
            #expect(records.filter { if case .applied = $0 { true } else { false } }.count == 40)
            #expect(records.filter { $0 == .duplicate }.count == 200)
            #expect(try await store.count(InvoiceQuery(statuses: [.paid])) == 40)
            for index in [0, 17, 39] {
                #expect(try await store.transitions(of: String(format: "INV-B%03d", index)).map(\.to) == [.created, .paid])
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func listsPageFilterAndSearch(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
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
            #expect(try await store.invoices(InvoiceQuery(oldest: true, limit: 3)).map(\.number) == ["INV-0002", "INV-0001", "INV-0000"])
            #expect(try await store.count(InvoiceQuery(statuses: [.paid])) == 40)
            #expect(try await store.count(InvoiceQuery(statuses: [.paid]), upTo: 10) == 10)
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
    }

    @Test(arguments: StoreKind.allCases) func eachTerminalSeesItsOwnSalesAndAllOnRequest(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            for index in 0..<9 {
                var invoice = makeInvoice(String(format: "INV-T%02d", index), at: start.addingTimeInterval(Double(index)))
                invoice.deviceID = "POS0\(index % 3 + 1)"
                try await store.insert(invoice, cause: "t")
            }
            #expect(try await store.invoices(InvoiceQuery(terminal: "POS02")).map(\.number) == ["INV-T07", "INV-T04", "INV-T01"])
            #expect(try await store.count(InvoiceQuery(terminal: "POS02")) == 3)
            #expect(try await store.count(InvoiceQuery(text: "INV-T0", terminal: "POS03"), upTo: 10) == 3)
            #expect(try await store.invoices(InvoiceQuery(text: "T0", terminal: "POS01")).map(\.number) == [])
            #expect(try await store.invoices(InvoiceQuery(limit: 100)).count == 9)
        }
    }

    @Test(arguments: StoreKind.allCases) func anotherHandlesCommitsAreSeen(kind: StoreKind) async throws {
        try await withStore(kind) { store, sut in
            let other = try await sut.another()
            let changes = store.changes()
            let seen = Task {
                for await _ in changes { return true }
                return false
            }
            // The feed may need a moment to start listening; writes keep coming until it hears one.
            let writer = Task {
                for index in 0..<200 where !Task.isCancelled {
                    try? await other.insert(makeInvoice("INV-OTHER-\(index)"), cause: "from another process")
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
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
            writer.cancel()
            #expect(result)
        }
    }

    @Test(arguments: StoreKind.allCases) func heartbeatsTellWhoReceives(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            #expect(try await store.latestHeartbeat() == nil)
            let at = Date(timeIntervalSince1970: 1_800_000_000)
            try await store.beat(ReceiverHeartbeat(address: "127.0.0.1:8787", owner: "kasir listen", processID: 41, startedAt: at, beatAt: at))
            try await store.beat(ReceiverHeartbeat(address: "127.0.0.1:8787", owner: "kasir listen", processID: 41, startedAt: at, beatAt: at.addingTimeInterval(5)))
            let latest = try #require(try await store.latestHeartbeat())
            #expect(latest.processID == 41 && latest.beatAt == at.addingTimeInterval(5) && latest.isAlive(at: at.addingTimeInterval(6)))
            try await store.beat(
                ReceiverHeartbeat(address: "127.0.0.1:8787", owner: "kasir listen", processID: 41, startedAt: at, beatAt: at.addingTimeInterval(9), stoppedAt: at.addingTimeInterval(9)))
            #expect(try await store.latestHeartbeat()?.isAlive(at: at.addingTimeInterval(10)) == false)
        }
    }
}
