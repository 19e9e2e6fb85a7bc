/// The payment notification DOKU posts to the merchant (doku-snap.md §6.2).
public struct PaymentNotification: Sendable, Equatable, Codable {
    public var originalPartnerReferenceNo: String?
    public var originalReferenceNo: String?
    public var originalExternalId: String?
    public var latestTransactionStatus: String?
    public var transactionStatusDesc: String?
    public var amount: Amount?
    public var createdTime: String?
    public var finishedTime: String?
    public var additionalInfo: NotificationAdditionalInfo?

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
        additionalInfo = NotificationAdditionalInfo(channel: DokuPaths.danaChannel)
    }

    public var status: TransactionStatus? { latestTransactionStatus.flatMap(TransactionStatus.init(rawValue:)) }

    /// Field rules: the references, a known status, a valid amount if present.
    public func validate() throws(FieldError) {
        try FieldRules.required(originalReferenceNo, "originalReferenceNo", max: 64)
        try FieldRules.required(originalPartnerReferenceNo, "originalPartnerReferenceNo", max: 64)
        try FieldRules.optional(originalExternalId, "originalExternalId", max: 40)
        guard let latestTransactionStatus, !latestTransactionStatus.isEmpty else { throw .missing("latestTransactionStatus") }
        try FieldRules.oneOf(latestTransactionStatus, "latestTransactionStatus", TransactionStatus.allCases.map(\.rawValue))
        try FieldRules.optional(transactionStatusDesc, "transactionStatusDesc", max: 50)
        if amount != nil { try FieldRules.amount(amount, "amount", positive: false) }
        try FieldRules.timestamp(createdTime, "createdTime")
        try FieldRules.timestamp(finishedTime, "finishedTime")
    }
}

/// The notification's `additionalInfo`: Java's SDK says `channel`, Python's and PHP's `channelId`.
public struct NotificationAdditionalInfo: Sendable, Equatable, Codable {
    public var channel: String?

    public init(channel: String?) { self.channel = channel }

    enum CodingKeys: String, CodingKey { case channel, channelId }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        channel = try c.decodeIfPresent(String.self, forKey: .channel) ?? c.decodeIfPresent(String.self, forKey: .channelId)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(channel, forKey: .channel)
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
