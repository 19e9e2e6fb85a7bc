/// A SNAP `responseCode`: 3-digit HTTP status + 2-digit service code + 2-digit case code,
/// e.g. `2005400` = HTTP 200, service 54 (payment), case 00.
public struct ResponseCode: Sendable, Hashable, CustomStringConvertible, Codable {
    public let rawValue: String

    /// Parses a 7-digit code; `nil` for anything else.
    public init?(_ text: String) {
        guard text.utf8.count == 7, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        rawValue = text
    }

    /// Builds a code from its parts, e.g. `ResponseCode(http: 404, service: .refund, case: 13)`.
    public init(http: Int, service: SNAPService, case caseCode: Int) {
        precondition((100...599).contains(http) && (0...99).contains(caseCode))
        rawValue = String(http) + service.rawValue + (caseCode < 10 ? "0" : "") + String(caseCode)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = ResponseCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "responseCode must be 7 digits"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var httpStatus: Int { Int(rawValue.prefix(3))! }
    public var serviceCode: String { String(rawValue.dropFirst(3).prefix(2)) }
    public var caseCode: String { String(rawValue.suffix(2)) }
    public var service: SNAPService? { SNAPService(rawValue: serviceCode) }

    public var description: String { rawValue }

    /// What a caller should do with an answer carrying this code.
    public var category: Category {
        switch (httpStatus, caseCode) {
        case (200..<202, _), (203..<300, _): .success
        case (202, _): .outcomeUnknown
        case (409, _): .outcomeUnknown
        case (429, _): .retryable
        // SNAP's 5xx codes (e.g. 5005800 General Error) do not say whether the work was done.
        case (500..<600, _): .outcomeUnknown
        default: .rejected
        }
    }

    public var isSuccess: Bool { category == .success }

    /// The token was refused as expired or unknown: fetch a new one and send again.
    public var isInvalidToken: Bool { httpStatus == 401 && (caseCode == "01" || caseCode == "03") }

    /// How to act on a response code.
    public enum Category: String, Sendable, Equatable {
        /// DOKU did it.
        case success
        /// DOKU refused it and nothing happened; sending the same again will be refused again.
        case rejected
        /// DOKU could not do it now and nothing happened; it may work if sent again later.
        case retryable
        /// It may or may not have happened (timeout, any 5xx, in progress, conflict on a replay): check status.
        case outcomeUnknown = "outcome unknown"
    }
}

/// The SNAP service codes kasir deals with.
public enum SNAPService: String, Sendable, CaseIterable {
    case payment = "54"
    case checkStatus = "55"
    case notification = "56"
    case refund = "58"
    case accessToken = "73"

    public var name: String {
        switch self {
        case .payment: "payment"
        case .checkStatus: "check status"
        case .notification: "notification"
        case .refund: "refund"
        case .accessToken: "access token"
        }
    }
}
