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
        let trimmed = Array(value.trimmingSpaces().utf8)
        let scheme = Array("bearer ".utf8)
        // Compare the scheme case-insensitively by ASCII bytes; tokens can be long, so no String work.
        guard trimmed.count > scheme.count, zip(trimmed, scheme).allSatisfy({ ($0 >= 65 && $0 <= 90 ? $0 + 32 : $0) == $1 }) else { return nil }
        let token = String(decoding: trimmed[scheme.count...], as: UTF8.self).trimmingSpaces()
        return token.isEmpty ? nil : token
    }
}
