/// The DANA payment request, `POST /direct-debit/core/v1/debit/payment-host-to-host` (doku-snap.md §5).
public struct PaymentRequest: Sendable, Equatable, Codable {
    public var partnerReferenceNo: String?
    public var amount: Amount?
    public var additionalInfo: PaymentAdditionalInfo?
    public var validUpTo: String?
    public var pointOfInitiation: String?
    public var urlParam: [URLParam]?

    public init(
        partnerReferenceNo: String, amount: Money, orderTitle: String? = nil, validUpTo: String? = nil,
        pointOfInitiation: PointOfInitiation? = .app, returnURL: String? = nil, deepLinkCheckout: Bool = false
    ) {
        self.partnerReferenceNo = partnerReferenceNo
        self.amount = Amount(amount)
        self.additionalInfo = PaymentAdditionalInfo(channel: DokuPaths.danaChannel, orderTitle: orderTitle, supportDeepLinkCheckoutUrl: deepLinkCheckout)
        self.validUpTo = validUpTo
        self.pointOfInitiation = pointOfInitiation?.rawValue
        self.urlParam = returnURL.map { [URLParam(url: $0, type: "PAY_RETURN", isDeepLink: "N")] }
    }
}

/// Where the customer starts the payment.
public enum PointOfInitiation: String, Sendable, CaseIterable, Codable {
    case app, pc, mweb
}

/// `additionalInfo` of a DANA payment.
public struct PaymentAdditionalInfo: Sendable, Equatable, Codable {
    public var channel: String?
    public var orderTitle: String?
    public var supportDeepLinkCheckoutUrl: Bool?

    public init(channel: String?, orderTitle: String? = nil, supportDeepLinkCheckoutUrl: Bool? = nil) {
        self.channel = channel
        self.orderTitle = orderTitle
        self.supportDeepLinkCheckoutUrl = supportDeepLinkCheckoutUrl
    }

    enum CodingKeys: String, CodingKey { case channel, orderTitle, supportDeepLinkCheckoutUrl }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        channel = try c.decodeIfPresent(String.self, forKey: .channel)
        orderTitle = try c.decodeIfPresent(String.self, forKey: .orderTitle)
        // The SDK READMEs call it a string 'true'/'false'; the SDKs send a boolean. Take both.
        if let flag = try? c.decodeIfPresent(Bool.self, forKey: .supportDeepLinkCheckoutUrl) {
            supportDeepLinkCheckoutUrl = flag
        } else if let text = try? c.decodeIfPresent(String.self, forKey: .supportDeepLinkCheckoutUrl) {
            switch text.lowercased() {
            case "true": supportDeepLinkCheckoutUrl = true
            case "false": supportDeepLinkCheckoutUrl = false
            default:
                throw DecodingError.dataCorruptedError(forKey: .supportDeepLinkCheckoutUrl, in: c, debugDescription: "must be true or false")
            }
        }
    }
}

/// One `urlParam` entry: where DANA sends the customer after paying.
public struct URLParam: Sendable, Equatable, Codable {
    public var url: String?
    public var type: String?
    public var isDeepLink: String?

    public init(url: String, type: String, isDeepLink: String) {
        self.url = url
        self.type = type
        self.isDeepLink = isDeepLink
    }
}

/// DOKU's answer to a payment request.
public struct PaymentResponse: Sendable, Equatable, Codable {
    public var responseCode: String
    public var responseMessage: String
    public var webRedirectUrl: String?
    public var partnerReferenceNo: String?
    public var referenceNo: String?
    public var additionalInfo: JSONValue?

    /// Where the customer pays: `webRedirectUrl`, or `additionalInfo.webRedirectUrl` where DOKU puts
    /// it for `supportDeepLinkCheckoutUrl` (DOKU's Python, Java and Go response models).
    public var paymentLink: String? {
        if let url = webRedirectUrl, !url.isEmpty { return url }
        return additionalInfo?["webRedirectUrl"]?.stringValue
    }

    public init(responseCode: String, responseMessage: String, webRedirectUrl: String? = nil, partnerReferenceNo: String? = nil, referenceNo: String? = nil, additionalInfo: JSONValue? = nil) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
        self.webRedirectUrl = webRedirectUrl
        self.partnerReferenceNo = partnerReferenceNo
        self.referenceNo = referenceNo
        self.additionalInfo = additionalInfo
    }
}
