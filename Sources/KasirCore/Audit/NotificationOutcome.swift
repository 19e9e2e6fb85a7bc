/// What a received notification did, as the audit log keeps it in English. The live log shows
/// it in the reader's language through `Words.notificationOutcome`, which reads these texts, so
/// each is written once, here.
public enum NotificationOutcome: String, Sendable, CaseIterable {
    case applied = "applied"
    case outOfDate = "no change (out of date)"
    case duplicate = "duplicate, nothing changed"
    case unknownInvoice = "unknown invoice, kept for review"
    case amountMismatch = "amount differs from the invoice, kept for review"
    case referenceMismatch = "DOKU reference differs from the invoice's, kept for review"

    /// `AWAITING → PAID`: a notification that changed the invoice.
    public static func transition(from: InvoiceStatus?, to: InvoiceStatus) -> String {
        "\(from?.label ?? "-") → \(to.label)"
    }

    /// The statuses of a `transition(from:to:)` text, if it is one.
    public static func parseTransition(_ text: String) -> (from: InvoiceStatus?, to: InvoiceStatus)? {
        let parts = text.components(separatedBy: " → ")
        guard parts.count == 2, let to = InvoiceStatus.allCases.first(where: { $0.label == parts[1] }) else { return nil }
        if parts[0] == "-" { return (nil, to) }
        guard let from = InvoiceStatus.allCases.first(where: { $0.label == parts[0] }) else { return nil }
        return (from, to)
    }

    /// `kept for review: unknown invoice`: a stored notification that was flagged.
    public static let keptForReviewPrefix = "kept for review: "
    /// `refused: Unauthorized. Signature Not Match…`: a request that was not taken.
    public static let refusedPrefix = "refused: "
}
