import DokuSNAP
import Foundation

/// A DANA payment as the simulated DOKU holds it.
public struct SandboxTransaction: Sendable, Equatable {
    public var partnerReferenceNo: String
    public var referenceNo: String
    public var linkID: String
    public var amount: Money
    public var orderTitle: String?
    public var validUpTo: Date
    public var status: TransactionStatus
    public var createdAt: Date
    public var paidAt: Date?
    public var finishedAt: Date?
    public var externalID: String
    public var webRedirectUrl: String
    public var refunds: [SandboxRefund] = []
    /// What makes a repeated request "the same": amount, expiry and title.
    var fingerprint: String

    /// Sum of the refunds that succeeded.
    public var refunded: Money {
        refunds.reduce(Money.zero(amount.currency)) { total, refund in (try? total.adding(refund.amount)) ?? total }
    }

    /// What may still be refunded: the paid amount minus refunds so far.
    public var refundable: Money {
        guard status == .success || status == .refunded else { return .zero(amount.currency) }
        return (try? amount.subtracting(refunded)) ?? .zero(amount.currency)
    }
}

/// One refund on a sandbox transaction.
public struct SandboxRefund: Sendable, Equatable {
    public var partnerRefundNo: String
    public var refundNo: String
    public var amount: Money
    public var reason: String?
    public var at: Date
    var fingerprint: String
}

/// A SNAP rejection the sandbox answers with.
public struct SandboxRejection: Error, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
}
