import DokuSNAP
import Foundation

/// How the simulated DOKU behaves. Every place where DOKU's real behaviour is uncertain
/// (doku-snap.md "Decisions" and §15) is a setting here.
public struct SandboxConfiguration: Sendable {
    /// The merchant this sandbox serves.
    public var clientID: String
    public var clientSecret: Secret
    /// Checks the merchant's token-request signature.
    public var merchantPublicKey: RSAVerifyingKey
    /// Signs the sandbox's own token requests to the merchant before notifications.
    public var dokuKey: RSASigningKey
    /// Where the customer page is reachable, e.g. `http://127.0.0.1:9000`; set when the server binds if nil.
    public var publicBaseURL: String?
    /// The merchant's notification URL; no notifications are sent when nil.
    public var notifyURL: String?
    /// The merchant's token URL; defaults to the notify URL's origin + `/authorization/v1/access-token/b2b`.
    public var tokenURL: String?
    /// DOKU's retry schedule (+30 min, +6 h, +12 h) is divided by this; 3600 turns hours into seconds.
    public var timeFactor: Double
    public var tokenLifetime: Int
    public var paymentSuccessCode: String
    public var refundSuccessCode: String
    /// Same `partnerReferenceNo` with the same details: replay the first answer (default) or `4095401`.
    public var duplicatePaymentsConflict: Bool
    /// Status reported for a payment whose `validUpTo` passed (doku-snap.md §14.3: 05 or 06).
    public var expiredStatus: TransactionStatus
    /// Answer only with the keys DOKU's Python SDK knows (default), or with the SNAP standard's as well.
    public var strictStandard: Bool
    /// Refuse `X-EXTERNAL-ID`s that are not all digits.
    public var externalIDDigitsOnly: Bool
    /// Token requests whose X-TIMESTAMP is further than this from now are refused.
    public var allowedSkew: TimeInterval
    /// Payment link lifetime when the request has no `validUpTo`.
    public var defaultValidity: TimeInterval
    public var merchantName: String
    /// How notifications are signed: `asymmetric` (DOKU's key, the default, as DOKU documents it) or `symmetric` (HMAC over a merchant token).
    public var notificationSignature: NotificationSignatureScheme
    /// The per-run token every `/_sandbox/` control request must carry as `X-Sandbox-Token`, so a
    /// web page the developer happens to visit cannot mark invoices paid with a cross-site request.
    public var controlToken: String

    public init(
        clientID: String, clientSecret: Secret, merchantPublicKey: RSAVerifyingKey, dokuKey: RSASigningKey, publicBaseURL: String? = nil,
        notifyURL: String? = nil, tokenURL: String? = nil, timeFactor: Double = 1, tokenLifetime: Int = 900,
        paymentSuccessCode: String = "2005400", refundSuccessCode: String = "2005800", duplicatePaymentsConflict: Bool = false,
        expiredStatus: TransactionStatus = .cancelled, strictStandard: Bool = false, externalIDDigitsOnly: Bool = true,
        allowedSkew: TimeInterval = 300, defaultValidity: TimeInterval = 3600, merchantName: String = "Toko Kasir Demo",
        notificationSignature: NotificationSignatureScheme = .asymmetric, controlToken: String = SandboxConfiguration.newControlToken()
    ) {
        self.controlToken = controlToken
        self.notificationSignature = notificationSignature
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.merchantPublicKey = merchantPublicKey
        self.dokuKey = dokuKey
        self.publicBaseURL = publicBaseURL
        self.notifyURL = notifyURL
        self.tokenURL = tokenURL
        self.timeFactor = timeFactor
        self.tokenLifetime = tokenLifetime
        self.paymentSuccessCode = paymentSuccessCode
        self.refundSuccessCode = refundSuccessCode
        self.duplicatePaymentsConflict = duplicatePaymentsConflict
        self.expiredStatus = expiredStatus
        self.strictStandard = strictStandard
        self.externalIDDigitsOnly = externalIDDigitsOnly
        self.allowedSkew = allowedSkew
        self.defaultValidity = defaultValidity
        self.merchantName = merchantName
    }

    /// 256 random bits as 64 hex digits.
    public static func newControlToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// The token URL to call before notifying, derived from the notify URL when not set.
    public var effectiveTokenURL: String? {
        if let tokenURL { return tokenURL }
        guard let notifyURL, let url = URL(string: notifyURL), let scheme = url.scheme, let host = url.host else { return nil }
        return "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")\(DokuPaths.accessToken)"
    }
}
