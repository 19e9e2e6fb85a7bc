import DokuSNAP

/// Why a desk operation did not do what was asked, in words for the cashier.
public enum DeskError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A field the user typed is wrong; nothing was stored or sent.
    case invalid(field: EntryField, problem: FieldProblem)
    /// DOKU refused; the invoice or refund is marked failed.
    case rejected(number: String, code: String, message: String)
    /// DOKU may or may not have done it; the record is marked unknown and a status check will settle it.
    case outcomeUnknown(number: String, reason: String)
    /// DOKU may or may not have made the refund; its amount stays reserved until DOKU answers the
    /// same refund number again (`kasir refund --retry`, `s` in the console, or reconcile).
    case refundOutcomeUnknown(number: String, reason: String)
    /// The request never reached DOKU; the record is marked failed and nothing happened at DOKU.
    case notSent(number: String, reason: String)
    case notFound(String)
    /// DOKU reports another amount than the invoice's: nothing was applied.
    case amountMismatch(number: String, message: String)
    case notRefundable(number: String, reason: NotRefundableReason)
    case exceedsRefundable(number: String, available: Money)
    case duplicate(String)
    case store(String)
    /// The terminal already has an open shift.
    case shiftAlreadyOpen(terminal: String)
    /// The terminal has no open shift to report on or close.
    case noOpenShift(terminal: String)

    /// In English; the console and the CLI say it in the user's language with `Words.deskError`.
    public var description: String { Words.english.deskError(self) }
}

/// Why an invoice cannot be refunded.
public enum NotRefundableReason: Sendable, Equatable {
    /// Not paid, or already refunded in full.
    case status(InvoiceStatus)
    /// Paid, but every rupiah is refunded or reserved by a refund under way.
    case nothingLeft
}
