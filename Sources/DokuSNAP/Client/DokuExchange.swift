import Foundation

/// One request to DOKU and what came of it, for the log pane and the audit log.
/// Bodies are redacted: no access token, signature or secret is ever in here.
public struct DokuExchange: Sendable, Equatable {
    /// `outcome` when the answer carried no readable response code.
    public static let unreadableAnswer = "unreadable answer"
    /// `outcome`'s start when the request never left, or no answer came; the reason follows.
    public static let notSentPrefix = "not sent: "
    public static let noAnswerPrefix = "no answer: "

    public var operation: DokuOperation
    public var path: String
    public var externalID: String?
    public var startedAt: Date
    public var latency: Duration
    /// HTTP status, or `nil` if no answer came back.
    public var httpStatus: Int?
    public var responseCode: ResponseCode?
    /// A short account of the result: the answer's `ResponseCode.Category`, or `unreadableAnswer`,
    /// or `notSentPrefix` / `noAnswerPrefix` and the `FailureReason`.
    public var outcome: String
    public var requestBody: String
    public var responseBody: String
    /// The headers sent and received, secrets as placeholders (`ExchangeHeader.redacted`).
    public var requestHeaders: [ExchangeHeader] = []
    public var responseHeaders: [ExchangeHeader] = []

    public var latencyMilliseconds: Int {
        Int(latency.components.seconds * 1000 + latency.components.attoseconds / 1_000_000_000_000_000)
    }
}

/// Removes secrets from JSON bodies before they are logged or stored, and cleans their text.
public enum Redactor {
    /// Keys whose values are never kept.
    public static let secretKeys: Set<String> = ["accessToken", "clientSecret", "privateKey", "signature", "token", "refreshToken"]

    /// `body` with the values of `secretKeys` replaced by `"<redacted>"`, cut to `limit` bytes.
    /// Text that is not JSON is kept only as its length, since it cannot be checked for secrets.
    public static func redact(_ body: [UInt8], limit: Int = 16_384) -> String {
        if body.isEmpty { return "" }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else {
            return "<\(body.count) bytes, not JSON>"
        }
        let cleaned = scrub(value)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(cleaned) else { return "<unprintable>" }
        let text = String(decoding: data, as: UTF8.self)
        return text.utf8.count <= limit ? text : String(decoding: Array(text.utf8.prefix(limit)), as: UTF8.self) + "…"
    }

    static func scrub(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var out: [String: JSONValue] = [:]
            for (key, inner) in object {
                out[key.cleanedForDisplay(limit: 128)] = secretKeys.contains(key) && inner != .null ? .string("<redacted>") : scrub(inner)
            }
            return .object(out)
        case .array(let items):
            return .array(items.map(scrub))
        case .string(let text):
            // Bodies are shown on screens and in logs: no control, bidi or zero-width character survives.
            return .string(text.cleanedForDisplay(limit: 4096))
        default:
            return value
        }
    }
}
