/// The payment notification DOKU posts to the merchant (doku-snap.md §6.2 and DOKU's direct-debit
/// samples). Read leniently (`decode(_:)`): every field is optional, unknown keys are ignored,
/// `additionalInfo` may have any shape, amounts may lack decimals and times their offset.
public struct PaymentNotification: Sendable, Equatable, Codable {
    public var originalPartnerReferenceNo: String?
    public var originalReferenceNo: String?
    public var originalExternalId: String?
    public var latestTransactionStatus: String?
    public var transactionStatusDesc: String?
    public var amount: Amount?
    public var createdTime: String?
    public var finishedTime: String?
    /// Any shape: DOKU's samples carry `channel`, `channelId`, or `custIdMerchant` and `accountType`.
    public var additionalInfo: JSONValue?

    public init(
        partnerReferenceNo: String, referenceNo: String, externalID: String? = nil, status: TransactionStatus,
        statusDescription: String? = nil, amount: Money? = nil, createdTime: String? = nil, finishedTime: String? = nil
    ) {
        originalPartnerReferenceNo = partnerReferenceNo
        originalReferenceNo = referenceNo
        originalExternalId = externalID
        latestTransactionStatus = status.rawValue
        transactionStatusDesc = statusDescription
        self.amount = amount.map(Amount.init)
        self.createdTime = createdTime
        self.finishedTime = finishedTime
        additionalInfo = .object(["channel": .string(DokuPaths.danaChannel)])
    }

    /// Parses a notification body the way DOKU asks merchants to: in non strict format.
    /// A JSON number where a string belongs is read as its exact text; `null` is absent.
    public static func decode(_ body: [UInt8]) throws -> PaymentNotification {
        guard case .object(let fields) = try JSONReader.parse(body) else { throw NotificationShapeError(field: "body") }
        func text(_ key: String, in object: [String: JSONReader.Value]) throws -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let value)?, .number(let value)?: return value
            default: throw NotificationShapeError(field: key)
            }
        }
        var notification = PaymentNotification()
        notification.originalPartnerReferenceNo = try text("originalPartnerReferenceNo", in: fields)
        notification.originalReferenceNo = try text("originalReferenceNo", in: fields)
        notification.originalExternalId = try text("originalExternalId", in: fields)
        notification.latestTransactionStatus = try text("latestTransactionStatus", in: fields)
        notification.transactionStatusDesc = try text("transactionStatusDesc", in: fields)
        notification.createdTime = try text("createdTime", in: fields)
        notification.finishedTime = try text("finishedTime", in: fields)
        switch fields["amount"] {
        case nil, .null?: break
        case .object(let amount)?:
            guard let value = try text("value", in: amount), let currency = try text("currency", in: amount) else {
                throw NotificationShapeError(field: "amount")
            }
            notification.amount = Amount(value: value, currency: currency)
        default: throw NotificationShapeError(field: "amount")
        }
        notification.additionalInfo = fields["additionalInfo"].flatMap(JSONValue.init(lenient:))
        return notification
    }

    private init() {}

    /// The channel, under Java's `channel` or Python's and PHP's `channelId`, if `additionalInfo` names one.
    public var channel: String? { additionalInfo?["channel"]?.stringValue ?? additionalInfo?["channelId"]?.stringValue }

    public var status: TransactionStatus? { latestTransactionStatus.flatMap(TransactionStatus.init(rawValue:)) }

    /// Field rules: the references, a known status, a valid amount if present.
    public func validate() throws(FieldError) {
        try FieldRules.required(originalReferenceNo, "originalReferenceNo", max: 64)
        try FieldRules.required(originalPartnerReferenceNo, "originalPartnerReferenceNo", max: 64)
        try FieldRules.optional(originalExternalId, "originalExternalId", max: 40)
        guard let latestTransactionStatus, !latestTransactionStatus.isEmpty else { throw .missing("latestTransactionStatus") }
        try FieldRules.oneOf(latestTransactionStatus, "latestTransactionStatus", TransactionStatus.allCases.map(\.rawValue))
        try FieldRules.optional(transactionStatusDesc, "transactionStatusDesc", max: 256)
        if amount != nil { try FieldRules.amount(amount, "amount", positive: false, lenient: true) }
        try FieldRules.timestamp(createdTime, "createdTime", assumingJakarta: true)
        try FieldRules.timestamp(finishedTime, "finishedTime", assumingJakarta: true)
    }
}

/// A notification field of the wrong JSON type (an object where a string belongs).
public struct NotificationShapeError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public var description: String { "\(field) has the wrong JSON type" }
}

/// The merchant's answer to a notification (doku-snap.md §6.4).
public struct NotificationAnswer: Sendable, Equatable, Codable {
    public var responseCode: String
    public var responseMessage: String
    public var approvalCode: String?

    public init(responseCode: String, responseMessage: String, approvalCode: String? = nil) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
        self.approvalCode = approvalCode
    }

    /// `2005600`: sent only once the notification is committed.
    public static let processed = NotificationAnswer(responseCode: "2005600", responseMessage: "Request has been processed successfully")
}
