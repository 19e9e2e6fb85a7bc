/// One HTTP header of an exchange as kasir keeps it: secrets replaced by a placeholder that
/// says only how long they were, every value cleaned of control characters.
public struct ExchangeHeader: Sendable, Equatable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Headers whose values are secrets: tokens, signatures, keys.
    static let secretNames: Set<String> = ["authorization", "x-signature", "x-sandbox-token", "cookie", "set-cookie", "x-client-secret", "proxy-authorization"]

    /// `<redacted, 88 chars>`: what stands in for a secret, so its presence and size can be checked.
    public static func placeholder(length: Int) -> String { "<redacted, \(length) chars>" }

    /// The header as kept: a bearer token keeps its scheme (`Bearer <redacted, 43 chars>`).
    public static func redacted(name: String, value: String) -> ExchangeHeader {
        let cleanName = name.cleanedForDisplay(limit: 64)
        guard isSecret(name) else { return ExchangeHeader(name: cleanName, value: value.cleanedForDisplay(limit: 512)) }
        if let token = SNAPHeaders.bearerToken(value) {
            return ExchangeHeader(name: cleanName, value: "Bearer " + placeholder(length: token.count))
        }
        return ExchangeHeader(name: cleanName, value: placeholder(length: value.count))
    }

    /// Whether `name` is one of `secretNames`, in any case. Runs for every header of every
    /// notification, so it compares bytes rather than lowercasing a copy.
    static func isSecret(_ name: String) -> Bool {
        let length = name.utf8.count
        return secretNameBytes.contains { secret in
            secret.count == length && zip(secret, name.utf8).allSatisfy { $0 == ($1 >= 65 && $1 <= 90 ? $1 + 32 : $1) }
        }
    }

    private static let secretNameBytes = secretNames.map { Array($0.utf8) }

    public static func redacted(_ headers: [(String, String)]) -> [ExchangeHeader] {
        headers.map { redacted(name: $0.0, value: $0.1) }
    }

    /// One `Name: value` per line, as the store keeps them.
    public static func lines(_ headers: [ExchangeHeader]) -> String {
        headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    /// The headers `lines(_:)` wrote.
    public static func parse(_ text: String) -> [ExchangeHeader] {
        text.split(separator: "\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            return ExchangeHeader(name: String(line[..<colon]), value: String(value))
        }
    }
}
