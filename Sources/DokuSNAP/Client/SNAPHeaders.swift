/// Header names of SNAP requests (doku-snap.md §5.1).
public enum SNAPHeaders {
    public static let timestamp = "X-TIMESTAMP"
    public static let signature = "X-SIGNATURE"
    public static let clientKey = "X-CLIENT-KEY"
    public static let partnerID = "X-PARTNER-ID"
    public static let externalID = "X-EXTERNAL-ID"
    public static let deviceID = "X-DEVICE-ID"
    public static let ipAddress = "X-IP-ADDRESS"
    public static let authorization = "Authorization"
    public static let contentType = "Content-Type"
    public static let channelID = "CHANNEL-ID"

    /// The token in an `Authorization: Bearer …` value; the scheme is case-insensitive.
    public static func bearerToken(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingSpaces()
        guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " else { return nil }
        let token = trimmed.dropFirst(7).trimmingSpaces()
        return token.isEmpty ? nil : token
    }
}
