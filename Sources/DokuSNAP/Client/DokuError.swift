/// Everything that can go wrong talking to DOKU, in the terms a caller must act on.
public enum DokuError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Our own request broke a field rule; it was never sent.
    case invalidRequest(field: String, reason: String)
    /// DOKU answered with a non-success code. Nothing happened at DOKU (unless the code's
    /// category says otherwise; see `ResponseCode.category`).
    case rejected(operation: DokuOperation, code: ResponseCode, message: String)
    /// The request may have reached DOKU but no usable answer came back: timeout, dropped
    /// connection, unreadable answer, or an "in progress / conflict" code. Check status before
    /// doing anything else; never send it blindly again.
    case outcomeUnknown(operation: DokuOperation, reason: String, code: ResponseCode?)
    /// The request never left: connection refused, DNS failure, TLS set-up failed. Safe to retry.
    case notSent(operation: DokuOperation, reason: String)
    /// DOKU's answer broke the protocol in a way that matters (e.g. a token answer without a token).
    case invalidResponse(operation: DokuOperation, reason: String)
    /// kasir's configuration or key material is unusable.
    case configuration(String)

    public init(_ fieldError: FieldError) {
        self = .invalidRequest(field: fieldError.field, reason: fieldError.rule)
    }

    /// The DOKU response code this error carries, if DOKU sent one.
    public var responseCode: ResponseCode? {
        switch self {
        case .rejected(_, let code, _): code
        case .outcomeUnknown(_, _, let code): code
        default: nil
        }
    }

    /// True when the caller must check status before anything else.
    public var isOutcomeUnknown: Bool {
        if case .outcomeUnknown = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .invalidRequest(let field, let reason):
            "invalid \(field): \(reason)"
        case .rejected(let operation, let code, let message):
            "DOKU rejected the \(operation.rawValue): \(code.rawValue) \(code.meaning)"
                + (message.isEmpty ? "" : " — DOKU said: \(message.cleanedForDisplay(limit: 150))")
        case .outcomeUnknown(let operation, let reason, let code):
            "the outcome of the \(operation.rawValue) is unknown (\(reason)"
                + (code.map { "; \($0.rawValue) \($0.title)" } ?? "") + "); check its status before trying again"
        case .notSent(let operation, let reason):
            "the \(operation.rawValue) was not sent to DOKU: \(reason); it is safe to try again"
        case .invalidResponse(let operation, let reason):
            "DOKU's answer to the \(operation.rawValue) could not be used: \(reason)"
        case .configuration(let message):
            "configuration problem: \(message)"
        }
    }
}

/// The calls kasir makes to DOKU.
public enum DokuOperation: String, Sendable, Equatable, Codable, CaseIterable {
    case accessToken = "access token request"
    case payment = "payment"
    case checkStatus = "status check"
    case refund = "refund"

    public var path: String {
        switch self {
        case .accessToken: DokuPaths.accessToken
        case .payment: DokuPaths.payment
        case .checkStatus: DokuPaths.checkStatus
        case .refund: DokuPaths.refund
        }
    }

    public var service: SNAPService {
        switch self {
        case .accessToken: .accessToken
        case .payment: .payment
        case .checkStatus: .checkStatus
        case .refund: .refund
        }
    }
}

/// DOKU's SNAP paths for DANA one-time payments (doku-snap.md §1).
public enum DokuPaths {
    public static let accessToken = "/authorization/v1/access-token/b2b"
    public static let payment = "/direct-debit/core/v1/debit/payment-host-to-host"
    public static let checkStatus = "/orders/v1.0/debit/status"
    public static let refund = "/direct-debit/core/v1/debit/refund"
    public static let notify = "/v1.0/debit/notify"
    /// The channel value for DANA in every `additionalInfo`.
    public static let danaChannel = "EMONEY_DANA_SNAP"
}
