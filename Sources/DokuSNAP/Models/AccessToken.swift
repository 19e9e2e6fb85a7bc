/// `POST /authorization/v1/access-token/b2b` body (doku-snap.md §4).
public struct AccessTokenRequest: Sendable, Equatable, Codable {
    public var grantType: String?
    /// The SDKs send `""`, `[]`, an object or nothing; all are accepted and ignored.
    public var additionalInfo: JSONValue?

    public init(grantType: String = "client_credentials") {
        self.grantType = grantType
    }

    public func validate() throws(FieldError) {
        guard let grantType, !grantType.isEmpty else { throw .missing("grantType") }
        guard grantType == "client_credentials" else {
            throw FieldError("grantType", .invalidFormat, "must be client_credentials")
        }
    }
}

/// The B2B token answer. `accessToken` is a secret: it is kept as `Secret` once read.
public struct AccessTokenResponse: Sendable, Equatable, Codable {
    public var responseCode: String
    public var responseMessage: String
    public var accessToken: String?
    public var tokenType: String?
    public var expiresIn: Int?
    public var additionalInfo: JSONValue?

    public init(responseCode: String, responseMessage: String, accessToken: String? = nil, tokenType: String? = nil, expiresIn: Int? = nil, additionalInfo: JSONValue? = nil) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.additionalInfo = additionalInfo
    }

    enum CodingKeys: String, CodingKey {
        case responseCode, responseMessage, accessToken, tokenType, expiresIn, additionalInfo
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        responseCode = try c.decode(String.self, forKey: .responseCode)
        responseMessage = try c.decodeIfPresent(String.self, forKey: .responseMessage) ?? ""
        accessToken = try c.decodeIfPresent(String.self, forKey: .accessToken)
        tokenType = try c.decodeIfPresent(String.self, forKey: .tokenType)
        // Numeric per the SDKs, but a string would not be worth failing a payment over.
        if let number = try? c.decodeIfPresent(Int.self, forKey: .expiresIn) {
            expiresIn = number
        } else if let text = try? c.decodeIfPresent(String.self, forKey: .expiresIn) {
            expiresIn = Int(text)
        }
        additionalInfo = try c.decodeIfPresent(JSONValue.self, forKey: .additionalInfo)
    }
}
