import DokuSNAP
import Foundation

/// An HTTP answer of the sandbox, independent of the server library.
public struct SandboxAnswer: Sendable {
    public var status: Int
    public var contentType: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    init(status: Int, contentType: String = "application/json", headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    /// A SNAP JSON answer; the HTTP status is the code's first three digits (doku-snap.md §2.1).
    static func snap(_ code: String, _ message: String, fields: [String: JSONValue] = [:], now: Date, extraHeaders: [(String, String)] = []) -> SandboxAnswer {
        var object = fields
        object["responseCode"] = .string(code)
        object["responseMessage"] = .string(message)
        return SandboxAnswer(
            status: Int(code.prefix(3)) ?? 500, headers: [(SNAPHeaders.timestamp, SNAPTimestamp.format(now))] + extraHeaders,
            body: encodeJSON(.object(object)))
    }

    static func rejection(_ rejection: SandboxRejection, now: Date) -> SandboxAnswer {
        snap(rejection.code, rejection.message, now: now)
    }

    static func json(_ value: JSONValue, status: Int = 200) -> SandboxAnswer {
        SandboxAnswer(status: status, body: encodeJSON(value))
    }

    static func html(_ page: String, status: Int = 200) -> SandboxAnswer {
        SandboxAnswer(status: status, contentType: "text/html; charset=utf-8", body: Array(page.utf8))
    }
}

func encodeJSON(_ value: JSONValue) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? Array(encoder.encode(value))) ?? Array("{}".utf8)
}

extension JSONValue {
    static func amount(_ money: Money) -> JSONValue {
        .object(["value": .string(money.wireValue), "currency": .string(money.currency.rawValue)])
    }

    static func optional(_ text: String?) -> JSONValue? {
        text.map { .string($0) }
    }
}
