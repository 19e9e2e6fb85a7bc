/// `POST /orders/v1.0/debit/status` body (doku-snap.md §7).
public struct CheckStatusRequest: Sendable, Equatable, Codable {
    public var originalPartnerReferenceNo: String?
    public var originalReferenceNo: String?
    public var originalExternalId: String?
    public var serviceCode: String?
    public var transactionDate: String?
    public var amount: Amount?
    public var additionalInfo: ChannelInfo?

    public init(partnerReferenceNo: String, referenceNo: String? = nil, externalID: String? = nil, deviceID: String? = nil) {
        originalPartnerReferenceNo = partnerReferenceNo
        originalReferenceNo = referenceNo
        originalExternalId = externalID
        serviceCode = SNAPService.checkStatus.rawValue
        additionalInfo = ChannelInfo(channel: DokuPaths.danaChannel, deviceId: deviceID)
    }

    /// Field rules; `acceptedServiceCodes` is `["55"]` for our client and `["54", "55"]` in the simulator.
    public func validate(acceptedServiceCodes: [String] = ["55"]) throws(FieldError) {
        guard originalPartnerReferenceNo?.isEmpty == false || originalReferenceNo?.isEmpty == false else {
            throw .missing("originalPartnerReferenceNo")
        }
        try FieldRules.optional(originalPartnerReferenceNo, "originalPartnerReferenceNo", max: 64)
        try FieldRules.optional(originalReferenceNo, "originalReferenceNo", max: 64)
        try FieldRules.optional(originalExternalId, "originalExternalId", max: 40)
        guard let serviceCode, !serviceCode.isEmpty else { throw .missing("serviceCode") }
        try FieldRules.oneOf(serviceCode, "serviceCode", acceptedServiceCodes)
        try FieldRules.timestamp(transactionDate, "transactionDate")
        if amount != nil { try FieldRules.amount(amount, "amount", positive: false) }
        if let channel = additionalInfo?.channel, channel != DokuPaths.danaChannel {
            throw FieldError("additionalInfo.channel", .invalidFormat, "must be \(DokuPaths.danaChannel) for DANA")
        }
    }
}

/// `additionalInfo` carrying the channel (and optionally the device) in status and refund calls.
public struct ChannelInfo: Sendable, Equatable, Codable {
    public var channel: String?
    public var deviceId: String?

    public init(channel: String?, deviceId: String? = nil) {
        self.channel = channel
        self.deviceId = deviceId
    }
}

/// DOKU's answer to a status check. Accepts both `requestID` (SDKs) and `requestId` (standard),
/// and both `partnerReferenceNo` and `partnerRefundNo` in refund history.
public struct CheckStatusResponse: Sendable, Equatable, Codable {
    public var responseCode: String
    public var responseMessage: String
    public var serviceCode: String?
    public var latestTransactionStatus: String?
    public var transactionStatusDesc: String?
    public var originalPartnerReferenceNo: String?
    public var originalReferenceNo: String?
    public var originalExternalId: String?
    public var approvalCode: String?
    public var originalResponseCode: String?
    public var originalResponseMessage: String?
    public var sessionId: String?
    public var requestID: String?
    public var transAmount: Amount?
    public var feeAmount: Amount?
    public var paidTime: String?
    public var refundHistory: [RefundHistoryEntry]?
    public var additionalInfo: JSONValue?

    public init(responseCode: String, responseMessage: String) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
    }

    /// The parsed status, or `nil` if DOKU sent none or an unknown one.
    public var status: TransactionStatus? { latestTransactionStatus.flatMap(TransactionStatus.init(rawValue:)) }

    enum CodingKeys: String, CodingKey {
        case responseCode, responseMessage, serviceCode, latestTransactionStatus, transactionStatusDesc
        case originalPartnerReferenceNo, originalReferenceNo, originalExternalId, approvalCode
        case originalResponseCode, originalResponseMessage, sessionId, requestID, transAmount, feeAmount
        case paidTime, refundHistory, additionalInfo
        case requestId
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        responseCode = try c.decode(String.self, forKey: .responseCode)
        responseMessage = try c.decodeIfPresent(String.self, forKey: .responseMessage) ?? ""
        serviceCode = try c.decodeIfPresent(String.self, forKey: .serviceCode)
        latestTransactionStatus = try c.decodeIfPresent(String.self, forKey: .latestTransactionStatus)
        transactionStatusDesc = try c.decodeIfPresent(String.self, forKey: .transactionStatusDesc)
        originalPartnerReferenceNo = try c.decodeIfPresent(String.self, forKey: .originalPartnerReferenceNo)
        originalReferenceNo = try c.decodeIfPresent(String.self, forKey: .originalReferenceNo)
        originalExternalId = try c.decodeIfPresent(String.self, forKey: .originalExternalId)
        approvalCode = try c.decodeIfPresent(String.self, forKey: .approvalCode)
        originalResponseCode = try c.decodeIfPresent(String.self, forKey: .originalResponseCode)
        originalResponseMessage = try c.decodeIfPresent(String.self, forKey: .originalResponseMessage)
        sessionId = try c.decodeIfPresent(String.self, forKey: .sessionId)
        requestID = try c.decodeIfPresent(String.self, forKey: .requestID) ?? c.decodeIfPresent(String.self, forKey: .requestId)
        transAmount = try c.decodeIfPresent(Amount.self, forKey: .transAmount)
        feeAmount = try c.decodeIfPresent(Amount.self, forKey: .feeAmount)
        paidTime = try c.decodeIfPresent(String.self, forKey: .paidTime)
        refundHistory = try c.decodeIfPresent([RefundHistoryEntry].self, forKey: .refundHistory)
        additionalInfo = try c.decodeIfPresent(JSONValue.self, forKey: .additionalInfo)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(responseCode, forKey: .responseCode)
        try c.encode(responseMessage, forKey: .responseMessage)
        try c.encodeIfPresent(serviceCode, forKey: .serviceCode)
        try c.encodeIfPresent(latestTransactionStatus, forKey: .latestTransactionStatus)
        try c.encodeIfPresent(transactionStatusDesc, forKey: .transactionStatusDesc)
        try c.encodeIfPresent(originalPartnerReferenceNo, forKey: .originalPartnerReferenceNo)
        try c.encodeIfPresent(originalReferenceNo, forKey: .originalReferenceNo)
        try c.encodeIfPresent(originalExternalId, forKey: .originalExternalId)
        try c.encodeIfPresent(approvalCode, forKey: .approvalCode)
        try c.encodeIfPresent(originalResponseCode, forKey: .originalResponseCode)
        try c.encodeIfPresent(originalResponseMessage, forKey: .originalResponseMessage)
        try c.encodeIfPresent(sessionId, forKey: .sessionId)
        try c.encodeIfPresent(requestID, forKey: .requestID)
        try c.encodeIfPresent(transAmount, forKey: .transAmount)
        try c.encodeIfPresent(feeAmount, forKey: .feeAmount)
        try c.encodeIfPresent(paidTime, forKey: .paidTime)
        try c.encodeIfPresent(refundHistory, forKey: .refundHistory)
        try c.encodeIfPresent(additionalInfo, forKey: .additionalInfo)
    }
}

/// One refund in a status answer's `refundHistory`.
public struct RefundHistoryEntry: Sendable, Equatable, Codable {
    public var refundNo: String?
    /// The merchant's refund number; the SDKs call it `partnerReferenceNo`, the standard `partnerRefundNo`.
    public var partnerReferenceNo: String?
    public var refundAmount: Amount?
    public var refundStatus: String?
    public var refundDate: String?
    public var reason: String?

    public init(refundNo: String?, partnerReferenceNo: String?, refundAmount: Amount?, refundStatus: String?, refundDate: String?, reason: String?) {
        self.refundNo = refundNo
        self.partnerReferenceNo = partnerReferenceNo
        self.refundAmount = refundAmount
        self.refundStatus = refundStatus
        self.refundDate = refundDate
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case refundNo, partnerReferenceNo, partnerRefundNo, refundAmount, refundStatus, refundDate, reason }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        refundNo = try c.decodeIfPresent(String.self, forKey: .refundNo)
        partnerReferenceNo = try c.decodeIfPresent(String.self, forKey: .partnerReferenceNo) ?? c.decodeIfPresent(String.self, forKey: .partnerRefundNo)
        refundAmount = try c.decodeIfPresent(Amount.self, forKey: .refundAmount)
        refundStatus = try c.decodeIfPresent(String.self, forKey: .refundStatus)
        refundDate = try c.decodeIfPresent(String.self, forKey: .refundDate)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(refundNo, forKey: .refundNo)
        try c.encodeIfPresent(partnerReferenceNo, forKey: .partnerReferenceNo)
        try c.encodeIfPresent(refundAmount, forKey: .refundAmount)
        try c.encodeIfPresent(refundStatus, forKey: .refundStatus)
        try c.encodeIfPresent(refundDate, forKey: .refundDate)
        try c.encodeIfPresent(reason, forKey: .reason)
    }
}
