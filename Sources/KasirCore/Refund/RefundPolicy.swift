import DokuSNAP
import Foundation

/// The refund rules as pure decisions, written once: what is refundable, whether a refund may be
/// reserved, and what settling one writes. A store reads what it holds, asks here and executes the
/// answer inside one transaction; its constraints only defend the same rules a second time.
public enum RefundPolicy {
    /// Paid minus every refund that still holds its amount (succeeded, requested or unknown);
    /// zero for an invoice that is not paid.
    public static func refundable(_ invoice: Invoice, refunds: [Refund]) -> Money {
        refundable(invoice, held: held(refunds, of: invoice))
    }

    /// Paid minus `held`, the sum of the refunds that hold part of the invoice.
    public static func refundable(_ invoice: Invoice, held: Money) -> Money {
        guard invoice.status.isPaid else { return .zero(invoice.amount.currency) }
        return (try? invoice.amount.subtracting(held)) ?? .zero(invoice.amount.currency)
    }

    /// The sum of the refunds that still hold part of the invoice.
    public static func held(_ refunds: [Refund], of invoice: Invoice) -> Money {
        sum(refunds.filter { $0.invoiceNumber == invoice.number && $0.status.reservesAmount }, currency: invoice.amount.currency)
    }

    /// The sum of the refunds DOKU confirmed: the invoice's refunded total.
    public static func refundedTotal(_ refunds: [Refund], currency: Currency = .idr) -> Money {
        sum(refunds.filter { $0.status == .succeeded }, currency: currency)
    }

    /// Why `refund` may not be reserved against `invoice`, or nil when it may. `refunds` are the
    /// invoice's refunds already stored, read in the same transaction as the reservation.
    public static func refusal(_ refund: Refund, invoice: Invoice?, refunds: [Refund]) -> StoreError? {
        guard let invoice else { return .notFound("invoice \(refund.invoiceNumber)") }
        guard invoice.status == .paid || invoice.status == .partiallyRefunded else {
            return .notRefundable(invoice.status)
        }
        if refunds.contains(where: { $0.number == refund.number }) { return .duplicate("refund \(refund.number)") }
        let available = refundable(invoice, refunds: refunds)
        guard refund.amount.currency == invoice.amount.currency, refund.amount <= available else { return .exceedsRefundable(available: available) }
        return nil
    }

    /// What settling a refund writes: the refund moved on, and when DOKU confirmed it, the
    /// invoice with its new refunded total and the change of status.
    public struct Settlement: Sendable, Equatable {
        public var refund: Refund
        /// The invoice as it must be stored, when the settlement changes it.
        public var invoice: Invoice?
        public var change: InvoiceChange?
    }

    /// The settlement of `refund` on `event`, or nil when the event does not move it (already
    /// settled, or told the same twice). `siblings` are all refunds of the invoice, this one included.
    public static func settlement(
        _ refund: Refund, on event: RefundEvent, at: Date, invoice: Invoice, siblings: [Refund]
    ) -> Settlement? {
        guard let next = RefundLifecycle.next(refund.status, on: event) else { return nil }
        var settled = refund
        settled.status = next
        settled.updatedAt = at
        switch event {
        case .confirmed(let dokuRefundNo): settled.dokuRefundNo = dokuRefundNo
        case .rejected(let code, let message):
            settled.lastResponseCode = code
            settled.lastMessage = message
        case .outcomeUnknown(let reason): settled.lastMessage = reason
        }
        guard next == .succeeded else { return Settlement(refund: settled, invoice: nil, change: nil) }
        let all = siblings.filter { $0.number != refund.number } + [settled]
        let total = refundedTotal(all, currency: invoice.amount.currency)
        let (updated, change) = InvoiceLifecycle.applied(
            .refundConfirmed(totalRefunded: total), to: invoice, at: at, cause: TransitionCause.refundConfirmed(number: refund.number, amount: refund.amount.displayText).text,
            update: { $0.refunded = total })
        return Settlement(refund: settled, invoice: updated, change: change)
    }

    static func sum(_ refunds: [Refund], currency: Currency) -> Money {
        refunds.reduce(Money.zero(currency)) { total, refund in (try? total.adding(refund.amount)) ?? total }
    }
}
