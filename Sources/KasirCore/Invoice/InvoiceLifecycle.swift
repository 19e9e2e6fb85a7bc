import DokuSNAP
import Foundation

/// Something that happened to an invoice.
public enum InvoiceEvent: Sendable, Equatable {
    /// DOKU accepted the payment and gave its link.
    case paymentCreated(referenceNo: String?, webRedirectUrl: String)
    /// DOKU refused to create the payment.
    case paymentRejected(code: String, message: String)
    /// The create call may or may not have reached DOKU.
    case paymentOutcomeUnknown(reason: String)
    /// DOKU said where the payment stands (status check or notification).
    case dokuReported(TransactionStatus, paidAt: Date?)
    /// The link's `validUpTo` passed and DOKU still reports it open.
    case expiredLocally
    /// DOKU confirmed a refund; `totalRefunded` includes it.
    case refundConfirmed(totalRefunded: Money)
}

/// What the caller should do after a transition.
public enum InvoiceAction: Sendable, Equatable {
    /// Ask DOKU for the status soon: the outcome is unknown.
    case checkStatus
    /// Tell the cashier the customer paid.
    case announcePaid
}

/// The invoice lifecycle as a pure function: event in, new status and actions out.
///
///     created ──accepted──▶ awaiting ──00──▶ paid ──refund──▶ partially refunded ──▶ refunded
///        │ └─unknown─▶ unknown ──status──▶ (any)     └─05/06─▶ expired / failed
///        └─rejected─▶ failed
///
/// DOKU is the truth about money: a late "paid" wins even over expired or failed, and a
/// status that would move an invoice backwards (e.g. "initiated" after "paid") changes nothing.
public enum InvoiceLifecycle {
    public struct Outcome: Sendable, Equatable {
        public var status: InvoiceStatus
        public var actions: [InvoiceAction]
    }

    /// The new status and actions, or `nil` when the event changes nothing.
    public static func next(_ status: InvoiceStatus, on event: InvoiceEvent, amount: Money) -> Outcome? {
        switch (status, event) {
        case (.created, .paymentCreated), (.unknown, .paymentCreated):
            return Outcome(status: .awaitingPayment, actions: [])
        case (.created, .paymentRejected):
            return Outcome(status: .failed, actions: [])
        case (.created, .paymentOutcomeUnknown):
            return Outcome(status: .unknown, actions: [.checkStatus])
        case (_, .dokuReported(let reported, _)):
            return reportedStatus(status, reported)
        case (.awaitingPayment, .expiredLocally), (.created, .expiredLocally):
            return Outcome(status: .expired, actions: [])
        case (.paid, .refundConfirmed(let total)), (.partiallyRefunded, .refundConfirmed(let total)):
            let next: InvoiceStatus = total >= amount ? .refunded : .partiallyRefunded
            return next == status ? nil : Outcome(status: next, actions: [])
        default:
            return nil
        }
    }

    static func reportedStatus(_ status: InvoiceStatus, _ reported: TransactionStatus) -> Outcome? {
        let open: Set<InvoiceStatus> = [.created, .awaitingPayment, .unknown]
        switch reported {
        case .success:
            guard !status.isPaid else { return nil }
            return Outcome(status: .paid, actions: [.announcePaid])
        case .initiated, .paying, .pending:
            return status == .created || status == .unknown ? Outcome(status: .awaitingPayment, actions: []) : nil
        case .cancelled:
            return open.contains(status) ? Outcome(status: .expired, actions: []) : nil
        case .failed:
            return open.contains(status) ? Outcome(status: .failed, actions: []) : nil
        case .notFound:
            // DOKU never got the create: nothing can be paid on it.
            return status == .created || status == .unknown ? Outcome(status: .failed, actions: []) : nil
        case .refunded:
            return status == .paid || status == .partiallyRefunded ? Outcome(status: .refunded, actions: []) : nil
        }
    }
}

extension InvoiceLifecycle {
    /// `invoice` after `event`: the lifecycle's status, then `update` (other fields, run whether or
    /// not the status moved), stamped `at`. The change is nil when the status did not move.
    public static func applied(
        _ event: InvoiceEvent?, to invoice: Invoice, at: Date, cause: String, update: (inout Invoice) -> Void
    ) -> (Invoice, InvoiceChange?) {
        var updated = invoice
        let outcome = event.flatMap { next(invoice.status, on: $0, amount: invoice.amount) }
        if let outcome { updated.status = outcome.status }
        update(&updated)
        updated.updatedAt = at
        guard let outcome else { return (updated, nil) }
        let transition = InvoiceTransition(invoiceNumber: invoice.number, from: invoice.status, to: outcome.status, at: at, cause: cause)
        return (updated, InvoiceChange(invoice: updated, transition: transition, actions: outcome.actions))
    }
}
