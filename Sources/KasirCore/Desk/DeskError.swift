import DokuSNAP

/// Why a desk operation did not do what was asked, in words for the cashier.
public enum DeskError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A field the user typed is wrong; nothing was stored or sent.
    case invalid(field: String, message: String)
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
    case notRefundable(number: String, reason: String)
    case exceedsRefundable(number: String, available: Money)
    case duplicate(String)
    case store(String)

    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message)"
        case .rejected(let number, let code, let message): "DOKU rejected \(number): \(code) \(message)"
        case .outcomeUnknown(let number, let reason):
            "the outcome for \(number) is unknown (\(reason)); kasir will check its status — do not create it again"
        case .refundOutcomeUnknown(let number, let reason):
            "DOKU did not say whether refund \(number) was made (\(reason)); its amount stays reserved and nothing is refunded twice. "
                + "Do not refund again under another number: run `kasir refund --retry \(number)` or press s on the invoice, and kasir asks DOKU again with the same refund number"
        case .notSent(let number, let reason): "\(number) was not sent to DOKU (\(reason)); nothing happened at DOKU, try again"
        case .notFound(let number): "no invoice or refund \(number)"
        case .amountMismatch(let number, let message): "\(number): \(message)"
        case .notRefundable(let number, let reason): "\(number) cannot be refunded: \(reason)"
        case .exceedsRefundable(let number, let available): "at most \(available.displayText) of \(number) can still be refunded"
        case .duplicate(let number): "\(number) already exists; choose another number"
        case .store(let message): "database problem: \(message)"
        }
    }
}
