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

    func paidInvoice(_ number: String, units: Int64 = 100_000) async throws {
        try await store.insert(makeInvoice(number, units: units), cause: "test")
        _ = try await store.apply(.paymentCreated(referenceNo: "R-\(number)", webRedirectUrl: "https://x"), to: number, at: Date(), cause: "t", update: { _ in })
        _ = try await store.apply(.dokuReported(.success, paidAt: nil), to: number, at: Date(), cause: "t", update: { _ in })
    }

    @Test func migrationsAreNamedAndApplied() throws {
        #expect(try store.appliedMigrations() == ["2026-11-25 invoices, refunds, notifications, audit", "2026-12-02 invoice external id", "2026-12-02 invoice search", "2026-12-02 receiver heartbeat", "2026-12-03 shifts", "2026-12-03 exchanges", "2026-12-04 audit retention"])
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

    @Test func theTriggersRefusalNamesWhatIsStillRefundable() {
        let error = SQLiteMerchantStore.translate(StoreError.exceedsRefundable(available: rupiah(4_000)))
        #expect(error == .exceedsRefundable(available: rupiah(4_000)))
    }
}
