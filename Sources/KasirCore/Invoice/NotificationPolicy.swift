import DokuSNAP
import Foundation

/// What a verified notification does to the stored invoice, as a pure decision: a store reads
/// the invoice, asks here, and writes what it is told, so every store applies notifications alike.
///
/// Strict where money is: a notification for no invoice here, for another amount, or with another
/// DOKU reference than the one DOKU gave is kept and flagged, never applied.
public enum NotificationPolicy {
    /// Why a notification is kept for a person instead of applied (the stored flag).
    public enum Flag: String, Sendable, Equatable {
        case unknownInvoice = "unknown_invoice"
        case amountMismatch = "amount_mismatch"
        case referenceMismatch = "reference_mismatch"

        public var record: NotificationRecord {
            switch self {
            case .unknownInvoice: .unknownInvoice
            case .amountMismatch: .amountMismatch
            case .referenceMismatch: .referenceMismatch
            }
        }
    }

    /// The flag for `notification` against `stored`, or nil when it may be applied.
    public static func flag(_ notification: ReceivedNotification, stored: Invoice?) -> Flag? {
        guard let stored else { return .unknownInvoice }
        if let amount = notification.amount, amount != stored.amount { return .amountMismatch }
        if let reference = stored.referenceNo, reference != notification.referenceNo { return .referenceMismatch }
        return nil
    }

    /// `invoice` after `notification`: the lifecycle's new status (nil outcome when it does not
    /// move, e.g. out of date), DOKU's reference if none was known, the paid time, and no further
    /// status checks once settled.
    public static func applied(_ notification: ReceivedNotification, to invoice: Invoice) -> (Invoice, InvoiceLifecycle.Outcome?) {
        var updated = invoice
        let outcome = InvoiceLifecycle.next(invoice.status, on: .dokuReported(notification.status, paidAt: notification.receivedAt), amount: invoice.amount)
        if let outcome { updated.status = outcome.status }
        if updated.referenceNo == nil { updated.referenceNo = notification.referenceNo }
        if updated.status.isPaid && updated.paidAt == nil { updated.paidAt = notification.receivedAt }
        if updated.status.isSettled { updated.nextCheckAt = nil }
        if updated != invoice { updated.updatedAt = notification.receivedAt }
        return (updated, outcome)
    }

    /// What recording a notification writes, decided before anything is written: the flag stored
    /// with it, and, when it is new news, the invoice as it must be stored and its transition.
    public struct Recording: Sendable, Equatable {
        public var flag: Flag?
        /// The invoice to store, when applying the notification changes it.
        public var invoice: Invoice?
        public var transition: InvoiceTransition?
        /// What the store answers once the notification's row was written (a row that already
        /// existed answers `.duplicate` instead, and nothing else is written).
        public var record: NotificationRecord
    }

    /// The decision for `notification` against `stored` (the invoice it names, as stored).
    public static func recording(_ notification: ReceivedNotification, stored: Invoice?) -> Recording {
        if let flag = flag(notification, stored: stored) { return Recording(flag: flag, record: flag.record) }
        guard let stored else { return Recording(flag: .unknownInvoice, record: .unknownInvoice) }
        let (updated, outcome) = applied(notification, to: stored)
        guard let outcome else { return Recording(invoice: updated == stored ? nil : updated, record: .applied(nil)) }
        let transition = InvoiceTransition(invoiceNumber: stored.number, from: stored.status, to: outcome.status, at: notification.receivedAt, cause: cause(notification))
        return Recording(
            invoice: updated == stored ? nil : updated, transition: transition,
            record: .applied(InvoiceChange(invoice: updated, transition: transition, actions: outcome.actions)))
    }

    /// The cause written with the transition.
    public static func cause(_ notification: ReceivedNotification) -> String {
        TransitionCause.notification(notification.status).text
    }
}
