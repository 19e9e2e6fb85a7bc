import DokuSNAP
import Foundation

/// A request for money from one customer: what the cashier asked for, what DOKU answered and
/// where the payment stands. The merchant's truth; DOKU is asked to confirm it.
public struct Invoice: Sendable, Equatable {
    /// The invoice number, sent to DOKU as `partnerReferenceNo`; unique.
    public var number: String
    public var amount: Money
    public var title: String?
    public var status: InvoiceStatus
    /// DOKU's `referenceNo`, once DOKU accepted the payment.
    public var referenceNo: String?
    /// Where the customer pays (shown as a link and a QR code).
    public var webRedirectUrl: String?
    public var validUpTo: Date
    public var pointOfInitiation: PointOfInitiation
    public var deviceID: String
    public var ipAddress: String?
    public var returnURL: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var paidAt: Date?
    /// Sum of the refunds DOKU confirmed.
    public var refunded: Money
    /// The last DOKU response code about this invoice, and its meaning.
    public var lastResponseCode: String?
    public var lastMessage: String?
    /// When reconciliation should next ask DOKU about it (nil: nothing to ask).
    public var nextCheckAt: Date?
    public var checkAttempts: Int
    /// The `X-EXTERNAL-ID` of the payment request, chosen before DOKU is called; the refund's `originalExternalId`.
    public var externalID: String?

    public init(
        number: String, amount: Money, title: String?, validUpTo: Date, pointOfInitiation: PointOfInitiation, deviceID: String,
        ipAddress: String?, returnURL: String?, createdAt: Date
    ) {
        self.number = number
        self.amount = amount
        self.title = title
        self.status = .created
        self.validUpTo = validUpTo
        self.pointOfInitiation = pointOfInitiation
        self.deviceID = deviceID
        self.ipAddress = ipAddress
        self.returnURL = returnURL
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.refunded = .zero(amount.currency)
        self.checkAttempts = 0
    }
}

/// Where an invoice stands, in the merchant's words.
public enum InvoiceStatus: String, Sendable, Codable, CaseIterable {
    /// Intent stored; DOKU not asked yet (or the answer was lost in a crash).
    case created
    /// DOKU gave a payment link; waiting for the customer.
    case awaitingPayment = "awaiting"
    case paid
    case partiallyRefunded = "partially_refunded"
    case refunded
    /// DOKU refused the payment, or the customer's payment failed.
    case failed
    /// The link passed `validUpTo` unpaid, or the customer cancelled.
    case expired
    /// DOKU may or may not have the payment: a status check will settle it.
    case unknown

    /// Money was received (some of it may have been refunded since).
    public var isPaid: Bool { self == .paid || self == .partiallyRefunded || self == .refunded }

    /// Nothing more will happen without a refund.
    public var isSettled: Bool { self == .paid || self == .partiallyRefunded || self == .refunded || self == .failed || self == .expired }

    /// Short label for lists and badges.
    public var label: String { Words.english.badge(self) }
}

/// One change of an invoice's status, with its time and cause (which DOKU answer or notification).
public struct InvoiceTransition: Sendable, Equatable {
    public var invoiceNumber: String
    public var from: InvoiceStatus?
    public var to: InvoiceStatus
    public var at: Date
    public var cause: String

    public init(invoiceNumber: String, from: InvoiceStatus?, to: InvoiceStatus, at: Date, cause: String) {
        self.invoiceNumber = invoiceNumber
        self.from = from
        self.to = to
        self.at = at
        self.cause = cause
    }
}
