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
    public static func decode(_ body: [UInt8]) throws -> PaymentNotification {
        try LenientJSON.decode(PaymentNotification.self, from: body)
    }

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
