extension PaymentRequest {
    /// Checks every field rule of doku-snap.md §5.2; the first broken rule is thrown.
    public func validate() throws(FieldError) {
        try FieldRules.required(partnerReferenceNo, "partnerReferenceNo", max: 64)
        try FieldRules.amount(amount, "amount")
        guard let additionalInfo else { throw .missing("additionalInfo") }
        let channel = try FieldRules.required(additionalInfo.channel, "additionalInfo.channel", max: 64)
        guard channel == DokuPaths.danaChannel else {
            throw FieldError("additionalInfo.channel", .invalidFormat, "must be \(DokuPaths.danaChannel) for DANA")
        }
        try FieldRules.optional(additionalInfo.orderTitle, "additionalInfo.orderTitle", max: 64)
        try FieldRules.timestamp(validUpTo, "validUpTo")
        try FieldRules.optional(pointOfInitiation, "pointOfInitiation", max: 20)
        try FieldRules.oneOf(pointOfInitiation, "pointOfInitiation", PointOfInitiation.allCases.map(\.rawValue), caseInsensitive: true)
        // DOKU's SDKs take urlParam as required (Python iterates url_param, Java streams the list).
        guard let urlParam, !urlParam.isEmpty else { throw .missing("urlParam") }
        for (index, param) in urlParam.enumerated() {
            let field = "urlParam[\(index)]"
            try FieldRules.httpURL(param.url, field + ".url", max: 255)
            guard let type = param.type, !type.isEmpty else { throw .missing(field + ".type") }
            try FieldRules.oneOf(type, field + ".type", ["PAY_RETURN"])
            guard let deepLink = param.isDeepLink, !deepLink.isEmpty else { throw .missing(field + ".isDeepLink") }
            try FieldRules.oneOf(deepLink, field + ".isDeepLink", ["Y", "N"])
        }
    }
}

/// The headers of a DANA payment or refund that are about the customer's device.
public struct CustomerDevice: Sendable, Equatable {
    /// `X-DEVICE-ID`: required for DANA; letters and digits.
    public var deviceID: String
    /// `X-IP-ADDRESS`: the customer's IPv4 address, when known.
    public var ipAddress: String?

    public init(deviceID: String, ipAddress: String? = nil) {
        self.deviceID = deviceID
        self.ipAddress = ipAddress
    }

    public func validate() throws(FieldError) {
        _ = try FieldRules.deviceID(deviceID)
        // DOKU's Python, Node and Java SDKs require X-IP-ADDRESS for DANA payments and refunds.
        guard let ipAddress, !ipAddress.isEmpty else { throw .missing("X-IP-ADDRESS") }
        try FieldRules.ipv4(ipAddress)
    }
}
