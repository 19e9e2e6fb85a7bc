import Foundation

/// Which exchanges `kasir logs` prints: an invoice's, since a time, refusals only. Pure, so the
/// shell and any other reader of the log choose alike.
public struct ExchangeFilter: Sendable, Equatable {
    public var invoiceNumber: String?
    public var since: Date?
    public var refusedOnly = false

    public init(invoiceNumber: String? = nil, since: Date? = nil, refusedOnly: Bool = false) {
        self.invoiceNumber = invoiceNumber
        self.since = since
        self.refusedOnly = refusedOnly
    }

    public func matches(_ entry: AuditEntry) -> Bool {
        if let invoiceNumber, entry.invoiceNumber != invoiceNumber { return false }
        if let since, entry.at < since { return false }
        if refusedOnly, !(entry.outcome.hasPrefix("refused") || entry.outcome.hasPrefix("kept for review")) { return false }
        return true
    }
}
