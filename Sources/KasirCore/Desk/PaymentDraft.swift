import DokuSNAP
import Foundation

/// What the cashier asks for when creating a payment. Everything but the amount has a default.
public struct PaymentDraft: Sendable, Equatable {
    public var amount: Money
    /// The invoice number; allocated as `INV-YYYYMMDD-NNNN` when nil.
    public var invoiceNumber: String?
    public var title: String?
    /// How long the payment link stays valid; the desk's default when nil.
    public var validFor: TimeInterval?
    public var pointOfInitiation: PointOfInitiation?
    public var deviceID: String?
    public var ipAddress: String?
    public var returnURL: String?

    public init(
        amount: Money, invoiceNumber: String? = nil, title: String? = nil, validFor: TimeInterval? = nil, pointOfInitiation: PointOfInitiation? = nil,
        deviceID: String? = nil, ipAddress: String? = nil, returnURL: String? = nil
    ) {
        self.amount = amount
        self.invoiceNumber = invoiceNumber
        self.title = title
        self.validFor = validFor
        self.pointOfInitiation = pointOfInitiation
        self.deviceID = deviceID
        self.ipAddress = ipAddress
        self.returnURL = returnURL
    }
}

/// The desk's defaults and limits.
public struct DeskConfiguration: Sendable {
    public var deviceID: String
    public var ipAddress: String?
    public var returnURL: String?
    public var validFor: TimeInterval
    public var invoicePrefix: String
    /// DOKU advises not to poll status earlier than this after creation.
    public var firstCheckAfter: TimeInterval
    /// Longest wait between two status checks of an open invoice.
    public var maximumCheckInterval: TimeInterval
    /// An open invoice past `validUpTo` by this much, still open at DOKU, is expired locally.
    public var expiryGrace: TimeInterval
    /// Payments above this ask the cashier to confirm once more (a zero too many costs a sale).
    public var confirmAbove: Money

    public init(
        deviceID: String = "KASIR01", ipAddress: String? = nil, returnURL: String? = nil, validFor: TimeInterval = 15 * 60, invoicePrefix: String = "INV",
        firstCheckAfter: TimeInterval = 60, maximumCheckInterval: TimeInterval = 15 * 60, expiryGrace: TimeInterval = 5 * 60,
        confirmAbove: Money = DeskConfiguration.defaultConfirmAbove
    ) {
        self.confirmAbove = confirmAbove
        self.deviceID = deviceID
        self.ipAddress = ipAddress
        self.returnURL = returnURL
        self.validFor = validFor
        self.invoicePrefix = invoicePrefix
        self.firstCheckAfter = firstCheckAfter
        self.maximumCheckInterval = maximumCheckInterval
        self.expiryGrace = expiryGrace
    }
}

extension DeskConfiguration {
    /// Rp 1.000.000: above what most counter sales are, below what an extra zero makes of them.
    public static let defaultConfirmAbove: Money = {
        // swift-format-ignore: NeverUseForceTry
        try! Money(units: 1_000_000)
    }()
}
