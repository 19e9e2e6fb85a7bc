import DokuSNAP
import Foundation

/// Counts and totals of one period's sales: an X report (any time in a shift), a Z report (at
/// its close), or the day's report for the whole shop. A pure function of what the store holds,
/// so the same invoices always give the same report.
public struct SalesReport: Sendable, Equatable {
    /// What the report covers.
    public enum Kind: String, Sendable, Equatable { case x, z, day }

    /// A count and the sum of its amounts.
    public struct Tally: Sendable, Equatable {
        public var count = 0
        public var total: Money = .zero()

        public init(count: Int = 0, total: Money = .zero()) {
            self.count = count
            self.total = total
        }

        mutating func add(_ money: Money) {
            count += 1
            // Sums of DOKU amounts (at most 16 digits each) stay far inside Int64.
            total = (try? total.adding(money)) ?? total
        }
    }

    public var kind: Kind
    public var from: Date
    public var to: Date
    /// The terminal, or nil for every terminal of the shop.
    public var terminal: String?
    public var cashier: String?
    /// Payments asked of DOKU in the period, whatever became of them.
    public var created = Tally()
    /// Paid (including those refunded since): the money DOKU took for the merchant.
    public var paid = Tally()
    public var failed = Tally()
    public var expired = Tally()
    /// Still waiting for the customer.
    public var awaiting = Tally()
    /// Refunds DOKU confirmed in the period (of any day's sales).
    public var refunded = Tally()
    /// Paid minus refunded, in minor units: below zero when the period refunded more of
    /// earlier days' sales than it took.
    public var netMinorUnits: Int64 = 0

    /// The net as people read it: `Rp 150.000`, or `-Rp 20.000`.
    public var netText: String { (netMinorUnits < 0 ? "-" : "") + netMagnitude.displayText }

    /// The net as DOKU writes amounts: `150000.00`, or `-20000.00`.
    public var netWire: String { (netMinorUnits < 0 ? "-" : "") + netMagnitude.wireValue }

    var netMagnitude: Money {
        // Both totals are valid amounts, so their difference's size is one too.
        (try? Money(minorUnits: Int64(clamping: netMinorUnits.magnitude))) ?? .zero()
    }
    /// Invoices whose outcome DOKU has not settled: listed so nobody charges them again.
    public var unknownInvoices: [Invoice] = []
    /// Refunds whose outcome DOKU has not settled (their amount stays reserved).
    public var unsettledRefunds: [Refund] = []

    /// The report over `invoices` created in `from..<to` and `refunds` made in it (already
    /// limited to the terminal by the caller).
    public static func make(
        _ kind: Kind, from: Date, to: Date, terminal: String?, cashier: String?, invoices: [Invoice], refunds: [Refund]
    ) -> SalesReport {
        var report = SalesReport(kind: kind, from: from, to: to, terminal: terminal, cashier: cashier)
        for invoice in invoices where invoice.createdAt >= from && invoice.createdAt < to && (terminal == nil || invoice.deviceID == terminal) {
            report.created.add(invoice.amount)
            switch invoice.status {
            case .paid, .partiallyRefunded, .refunded: report.paid.add(invoice.amount)
            case .failed: report.failed.add(invoice.amount)
            case .expired: report.expired.add(invoice.amount)
            case .awaitingPayment: report.awaiting.add(invoice.amount)
            case .unknown, .created: report.unknownInvoices.append(invoice)
            }
        }
        for refund in refunds where refund.createdAt >= from && refund.createdAt < to {
            switch refund.status {
            case .succeeded: report.refunded.add(refund.amount)
            case .requested, .unknown: report.unsettledRefunds.append(refund)
            case .failed: break
            }
        }
        report.netMinorUnits = report.paid.total.minorUnits - report.refunded.total.minorUnits
        return report
    }

    public init(kind: Kind, from: Date, to: Date, terminal: String?, cashier: String?) {
        self.kind = kind
        self.from = from
        self.to = to
        self.terminal = terminal
        self.cashier = cashier
    }
}
