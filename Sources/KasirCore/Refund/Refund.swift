import DokuSNAP
import Foundation

/// Money given back on a paid invoice. Its number is DOKU's `partnerRefundNo`, the idempotency key.
public struct Refund: Sendable, Equatable {
    public var number: String
    public var invoiceNumber: String
    public var amount: Money
    public var reason: String?
    public var status: RefundStatus
    /// DOKU's `refundNo`, once confirmed.
    public var dokuRefundNo: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var lastResponseCode: String?
    public var lastMessage: String?

    public init(number: String, invoiceNumber: String, amount: Money, reason: String?, createdAt: Date) {
        self.number = number
        self.invoiceNumber = invoiceNumber
        self.amount = amount
        self.reason = reason
        self.status = .requested
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

/// Where a refund stands.
public enum RefundStatus: String, Sendable, Codable, CaseIterable {
    /// Intent stored; DOKU asked or about to be. Counts against the refundable amount.
    case requested
    case succeeded
    case failed
    /// The refund call may or may not have reached DOKU. Counts against the refundable amount
    /// until a status check settles it.
    case unknown

    /// Still holds part of the refundable amount.
    public var reservesAmount: Bool { self != .failed }
}

/// Something that happened to a refund.
public enum RefundEvent: Sendable, Equatable {
    case confirmed(dokuRefundNo: String?)
    case rejected(code: String, message: String)
    case outcomeUnknown(reason: String)
}

/// The refund lifecycle: requested → succeeded / failed / unknown; unknown → succeeded / failed.
public enum RefundLifecycle {
    public static func next(_ status: RefundStatus, on event: RefundEvent) -> RefundStatus? {
        switch (status, event) {
        case (.requested, .confirmed), (.unknown, .confirmed): .succeeded
        case (.requested, .rejected), (.unknown, .rejected): .failed
        case (.requested, .outcomeUnknown): .unknown
        default: nil
        }
    }
}
