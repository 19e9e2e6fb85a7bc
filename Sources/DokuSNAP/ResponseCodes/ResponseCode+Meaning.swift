extension ResponseCode {
    /// The code in plain words, e.g. "Insufficient Funds: the customer's DANA balance is too low".
    public var meaning: String {
        let base = Self.meanings[httpStatus * 100 + (Int(caseCode) ?? -1)] ?? Self.fallback(httpStatus)
        guard let service else { return base }
        return base + " (" + service.name + ")"
    }

    /// A short title for badges and log lines, e.g. "Insufficient Funds".
    public var title: String {
        let full = Self.meanings[httpStatus * 100 + (Int(caseCode) ?? -1)] ?? Self.fallback(httpStatus)
        return String(full.prefix(while: { $0 != ":" }))
    }

    private static func fallback(_ http: Int) -> String {
        switch http {
        case 200..<300: "Successful"
        case 400: "Bad Request: DOKU could not accept the request as sent"
        case 401: "Unauthorized: DOKU did not accept the credentials"
        case 403: "Forbidden: DOKU refused the transaction"
        case 404: "Not Found or not allowed for this transaction"
        case 409: "Conflict: this request or reference was already used; check status"
        case 429: "Too Many Requests: slow down and try again later"
        case 500..<504: "DOKU server error: the outcome is unknown; check status before trying again"
        case 504: "Timeout: the result is unknown; check status before trying again"
        default: "Unrecognised response code"
        }
    }

    /// SNAP's table (doku-snap.md §10), keyed by HTTP status × 100 + case code.
    static let meanings: [Int: String] = [
        20000: "Successful",
        20200: "Request In Progress: DOKU is still working on it; check status later",
        40000: "Bad Request: the request could not be parsed",
        40001: "Invalid Field Format: a field does not have the format DOKU expects",
        40002: "Invalid Mandatory Field: a required field is missing",
        40100: "Unauthorized: the signature or client id was not accepted",
        40101: "Invalid Token (B2B): the access token is expired or unknown",
        40102: "Invalid Customer Token: the customer token is expired or unknown",
        40103: "Token Not Found (B2B): no access token was sent",
        40104: "Customer Token Not Found: no customer token was sent",
        40300: "Transaction Expired: the payment link is no longer valid",
        40301: "Feature Not Allowed: this merchant is not enabled for the channel",
        40302: "Exceeds Transaction Amount Limit: the amount is above the allowed limit",
        40303: "Suspected Fraud: the transaction was blocked",
        40304: "Activity Count Limit Exceeded: too many transactions",
        40305: "Do Not Honor: the account status is abnormal",
        40306: "Feature Not Allowed At This Time: outside the allowed hours (cut-off)",
        40311: "OTP Blocked: too many wrong OTP attempts",
        40312: "OTP Lifetime Expired: the OTP expired",
        40313: "OTP Sent To Cardholder: waiting for the customer's OTP",
        40314: "Insufficient Funds: the customer's balance is too low",
        40315: "Transaction Not Permitted: the transaction is not allowed",
        40316: "Suspend Transaction: the transaction is suspended",
        40317: "Token Limit Exceeded: the token limit was reached",
        40318: "Inactive Card/Account/Customer: the account is not active",
        40319: "Merchant Blacklisted: the merchant is blocked",
        40320: "Merchant Limit Exceed: the merchant's limit was reached",
        40321: "Set Limit Not Allowed: the limit cannot be set",
        40322: "Token Limit Invalid: the token limit is invalid",
        40323: "Account Limit Exceed: the account's limit was reached",
        40400: "Invalid Transaction Status: not allowed in the transaction's current state (e.g. refund of an unpaid payment)",
        40401: "Transaction Not Found: DOKU has no such transaction",
        40402: "Invalid Routing: DOKU could not route the request",
        40404: "Transaction Cancelled: the transaction was cancelled",
        40408: "Invalid Merchant: the merchant is unknown or inactive",
        40413: "Invalid Amount: the amount is not allowed (e.g. a refund above what can still be refunded)",
        40416: "Partner Not Found: the X-PARTNER-ID is unknown",
        40418: "Inconsistent Request: the same reference was used with different details",
        40500: "Requested Function Is Not Supported",
        40501: "Requested Operation Is Not Allowed: not allowed now (e.g. refund or cancel)",
        40900: "Conflict: the X-EXTERNAL-ID was already used today; DOKU may have processed it, check status",
        40901: "Duplicate partnerReferenceNo: this reference was already processed; check status",
        42900: "Too Many Requests: slow down and try again later",
        50000: "General Error: DOKU failed and did not say whether it was done; check status before trying again",
        50001: "Internal Server Error: DOKU failed and did not say whether it was done; check status before trying again",
        50002: "External Server Error: the issuer or a backend failed; the outcome is unknown, check status before trying again",
        50400: "Timeout: the result is unknown, the payment may still succeed; check status",
    ]
}
