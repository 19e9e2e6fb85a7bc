import DokuSNAP
import DokuSandbox
import Foundation
import KasirCore

/// The demo's morning: real sales through the desk and the embedded sandbox, so every screen
/// has something to show and the sandbox's ledger agrees with the list: paid ones, one failed,
/// one expired, one partly refunded.
enum DemoSeed {
    struct Sale {
        var title: String
        var units: Int64
        var outcome: Outcome
    }

    enum Outcome { case paid, failed, expired, partlyRefunded(Int64) }

    static let morning = [
        Sale(title: "Kopi susu gula aren", units: 25_000, outcome: .paid),
        Sale(title: "Nasi goreng kampung", units: 45_000, outcome: .paid),
        Sale(title: "Teh manis dingin", units: 8_000, outcome: .failed),
        Sale(title: "Roti bakar cokelat", units: 18_000, outcome: .expired),
        Sale(title: "Paket makan siang (4)", units: 150_000, outcome: .partlyRefunded(50_000)),
    ]

    /// Makes the sales and waits until DOKU's notifications have settled them.
    static func run(desk: PaymentDesk, simulator: DokuSimulator) async throws {
        var refunds: [(String, Int64)] = []
        for sale in morning {
            let invoice = try await desk.createPayment(PaymentDraft(amount: try Money(units: sale.units), title: sale.title))
            switch sale.outcome {
            case .paid: _ = await simulator.settle(partnerReferenceNo: invoice.number, to: .success)
            case .failed: _ = await simulator.settle(partnerReferenceNo: invoice.number, to: .failed)
            case .expired: _ = await simulator.expire(partnerReferenceNo: invoice.number)
            case .partlyRefunded(let units):
                _ = await simulator.settle(partnerReferenceNo: invoice.number, to: .success)
                refunds.append((invoice.number, units))
            }
        }
        await simulator.waitForDeliveries()
        for (number, units) in refunds {
            // Wait for PAID to be applied before refunding, as a cashier would.
            for _ in 0..<100 where (try? await desk.store.invoice(number))?.status != .paid { try await Task.sleep(for: .milliseconds(20)) }
            _ = try await desk.refund(number, amount: try Money(units: units), reason: "Satu porsi salah pesan")
        }
    }
}
