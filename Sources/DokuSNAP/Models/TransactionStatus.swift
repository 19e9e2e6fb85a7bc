/// `latestTransactionStatus` (doku-snap.md §8).
public enum TransactionStatus: String, Sendable, Codable, CaseIterable {
    case success = "00"
    case initiated = "01"
    case paying = "02"
    case pending = "03"
    case refunded = "04"
    case cancelled = "05"
    case failed = "06"
    case notFound = "07"

    /// No later status will follow.
    public var isFinal: Bool {
        switch self {
        case .success, .refunded, .cancelled, .failed, .notFound: true
        case .initiated, .paying, .pending: false
        }
    }

    public var meaning: String {
        switch self {
        case .success: "paid"
        case .initiated: "initiated, waiting for the customer"
        case .paying: "the customer is paying"
        case .pending: "pending"
        case .refunded: "refunded"
        case .cancelled: "cancelled or expired"
        case .failed: "failed"
        case .notFound: "not found"
        }
    }
}
