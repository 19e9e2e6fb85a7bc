import DokuSNAP
import Foundation

/// One line of the audit log: an exchange with DOKU or a notification, with secrets redacted.
public struct AuditEntry: Sendable, Equatable {
    public enum Direction: String, Sendable, Codable {
        /// kasir called DOKU.
        case outgoing = "out"
        /// DOKU called kasir.
        case incoming = "in"
    }

    public var at: Date
    public var direction: Direction
    /// "payment", "status check", "refund", "access token request", "notification", "token request".
    public var operation: String
    public var invoiceNumber: String?
    public var externalID: String?
    public var httpStatus: Int?
    public var responseCode: String?
    public var latencyMs: Int?
    /// A short account: "ok", "rejected", "timed out", "duplicate", "refused: 4015600 …".
    public var outcome: String
    public var requestBody: String
    public var responseBody: String
    /// `POST` and the path called (DOKU's for outgoing, kasir's for incoming).
    public var method: String?
    public var path: String?
    /// The headers, secrets as `<redacted, N chars>` placeholders.
    public var requestHeaders: [ExchangeHeader]
    public var responseHeaders: [ExchangeHeader]
    /// For a refused notification or token request: the check that refused it.
    public var refusedBy: NotificationCheck?

    public init(
        at: Date, direction: Direction, operation: String, invoiceNumber: String? = nil, externalID: String? = nil, httpStatus: Int? = nil,
        responseCode: String? = nil, latencyMs: Int? = nil, outcome: String, requestBody: String = "", responseBody: String = "",
        method: String? = nil, path: String? = nil, requestHeaders: [ExchangeHeader] = [], responseHeaders: [ExchangeHeader] = [],
        refusedBy: NotificationCheck? = nil
    ) {
        self.method = method
        self.path = path
        self.requestHeaders = requestHeaders
        self.responseHeaders = responseHeaders
        self.refusedBy = refusedBy
        self.at = at
        self.direction = direction
        self.operation = operation
        self.invoiceNumber = invoiceNumber
        self.externalID = externalID
        self.httpStatus = httpStatus
        self.responseCode = responseCode
        self.latencyMs = latencyMs
        self.outcome = outcome
        self.requestBody = requestBody
        self.responseBody = responseBody
    }
}

extension AuditEntry {
    /// A received notification as a live-log entry. A notification is stored only once, so a
    /// stored one was applied, or kept for review when flagged (`flag` is the stored flag).
    public static func received(_ notification: ReceivedNotification, flag: String?) -> AuditEntry {
        AuditEntry(
            at: notification.receivedAt, direction: .incoming, operation: "notification", invoiceNumber: notification.partnerReferenceNo,
            externalID: notification.externalID, httpStatus: 200, responseCode: notification.status.rawValue,
            outcome: flag.map { NotificationOutcome.keptForReviewPrefix + $0.replacingOccurrences(of: "_", with: " ") } ?? NotificationOutcome.applied.rawValue,
            requestBody: notification.body,
            responseBody: #"{"responseCode":"2005600","responseMessage":"Successful"}"#, method: "POST", path: notification.path,
            requestHeaders: ExchangeHeader.parse(notification.headers), refusedBy: flag == "amount_mismatch" ? .amount : nil)
    }
}
