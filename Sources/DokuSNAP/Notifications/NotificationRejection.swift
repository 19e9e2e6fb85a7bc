/// Why the merchant refused a request from DOKU (token request or notification), with the
/// SNAP code to answer (doku-snap.md "Decisions": 4017300, 4015601, 4015600, 4005601, 4005602).
public struct NotificationRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: ResponseCode
    public let message: String
    /// True when the request was authenticated (token and signature verified) and only its body
    /// was refused: DOKU itself sent it. Refusals of unauthenticated requests can come from
    /// anyone who reaches the port, so they are counted rather than stored one by one.
    public let authenticated: Bool

    public init(_ code: String, _ message: String, authenticated: Bool = false) {
        self.code = ResponseCode(code)!
        self.message = message
        self.authenticated = authenticated
    }

    public var description: String { "\(code.rawValue) \(message)" }

    static func field(_ error: FieldError, service: SNAPService) -> NotificationRejection {
        let caseCode = error.kind == .missing ? "02" : "01"
        return NotificationRejection(
            "400" + service.rawValue + caseCode, "\(error.kind == .missing ? "Invalid Mandatory Field" : "Invalid Field Format") \(error.field): \(error.rule)",
            authenticated: service == .notification)
    }
}
