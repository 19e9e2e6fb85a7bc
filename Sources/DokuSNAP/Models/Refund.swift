/// `POST /direct-debit/core/v1/debit/refund` body (doku-snap.md §9).
public struct RefundRequest: Sendable, Equatable, Codable {
    public var originalPartnerReferenceNo: String?
    public var originalReferenceNo: String?
    public var originalExternalId: String?
    public var partnerRefundNo: String?
    public var refundAmount: Amount?
    public var reason: String?
    public var additionalInfo: ChannelInfo?

    /// `externalID` is the payment's `X-EXTERNAL-ID`, which DOKU's DANA page lists as `originalExternalId`.
    public init(partnerReferenceNo: String, referenceNo: String? = nil, externalID: String? = nil, partnerRefundNo: String, amount: Money, reason: String? = nil) {
        originalPartnerReferenceNo = partnerReferenceNo
        originalReferenceNo = referenceNo
        originalExternalId = externalID
        self.partnerRefundNo = partnerRefundNo
        refundAmount = Amount(amount)
        self.reason = reason
        additionalInfo = ChannelInfo(channel: DokuPaths.danaChannel)
    }

    public func validate() throws(FieldError) {
        try FieldRules.required(originalPartnerReferenceNo, "originalPartnerReferenceNo", max: 64)
        try FieldRules.optional(originalReferenceNo, "originalReferenceNo", max: 64)
        try FieldRules.optional(originalExternalId, "originalExternalId", max: 40)
        try FieldRules.required(partnerRefundNo, "partnerRefundNo", max: 64)
        try FieldRules.amount(refundAmount, "refundAmount")
        try FieldRules.optional(reason, "reason", max: 255)
        guard let additionalInfo else { throw .missing("additionalInfo") }
        let channel = try FieldRules.required(additionalInfo.channel, "additionalInfo.channel", max: 64)
        guard channel == DokuPaths.danaChannel else {
            throw FieldError("additionalInfo.channel", .invalidFormat, "must be \(DokuPaths.danaChannel) for DANA")
        }
    }
}

/// DOKU's answer to a refund. Only the keys DOKU's Python SDK knows (doku-snap.md §13).
public struct RefundResponse: Sendable, Equatable, Codable {
    public var responseCode: String
    public var responseMessage: String
    public var originalPartnerReferenceNo: String?
    public var originalReferenceNo: String?
    public var refundNo: String?
    public var partnerRefundNo: String?
    public var refundAmount: Amount?
    public var refundTime: String?

    public init(responseCode: String, responseMessage: String) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
    }
}
