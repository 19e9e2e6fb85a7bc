/// Why the merchant refused a request from DOKU (token request or notification), with the
/// SNAP code to answer (doku-snap.md "Decisions": 4017300, 4015601, 4015600, 4005601, 4005602).
/// Which of the receiver's checks refused a request, in the order they run.
public enum NotificationCheck: String, Sendable, Equatable, Codable, CaseIterable {
    /// `X-CLIENT-KEY` (token requests).
    case clientKey = "client key"
    /// The bearer token: missing where needed, not ours, expired.
    case token
    /// `X-TIMESTAMP`: missing, unreadable, or too far from now.
    case timestamp
    /// `X-SIGNATURE`: missing or not DOKU's.
    case signature
    /// The body: too large, not JSON, or a field breaks its rule.
    case body
    /// The amount differs from the invoice's (kept for review, never applied).
    case amount
    /// kasir itself failed (could not sign a token or store the notification); DOKU tries again.
    case store
}

public struct NotificationRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: ResponseCode
    public let message: String
    /// The check that refused it.
    public let check: NotificationCheck
    /// True when the request was authenticated (token and signature verified) and only its body
    /// was refused: DOKU itself sent it. Refusals of unauthenticated requests can come from
    /// anyone who reaches the port, so they are counted rather than stored one by one.
    public let authenticated: Bool

    public init(_ code: String, _ message: String, check: NotificationCheck, authenticated: Bool = false) {
        self.code = ResponseCode(code)!
        self.message = message
        self.check = check
        self.authenticated = authenticated
    }

    public var description: String { "\(code.rawValue) \(message)" }

    static func field(_ error: FieldError, service: SNAPService) -> NotificationRejection {
        let caseCode = error.kind == .missing ? "02" : "01"
        return NotificationRejection(
            "400" + service.rawValue + caseCode, "\(error.kind == .missing ? "Invalid Mandatory Field" : "Invalid Field Format") \(error.field): \(error.rule)",
            check: .body, authenticated: service == .notification)
    }
}
