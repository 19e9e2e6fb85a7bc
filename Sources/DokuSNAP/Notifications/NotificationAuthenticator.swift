import Foundation
import JWTKit
import Synchronization

/// How DOKU signs the notifications it posts to the merchant.
public enum NotificationSignatureScheme: String, Sendable, CaseIterable {
    /// Accept a notification whose signature verifies under either scheme (the default).
    case auto
    /// SHA256withRSA with DOKU's key over `POST:path:sha256hex(minify(body)):X-TIMESTAMP`
    /// (DOKU's "Asymmetric Signature" page, Transactional, for HTTP notifications).
    case asymmetric
    /// HMAC-SHA512 with the client secret over `POST:path:token:sha256hex(minify(body)):X-TIMESTAMP`.
    case symmetric
}

/// The merchant's side of DOKU's notification handshake (doku-snap.md §6, "Decisions" and
/// "Corrections" 1): DOKU asks for a token (RSA-signed with DOKU's key), the merchant issues an
/// RS256 JWT, and each notification carries an `X-SIGNATURE` in either scheme.
///
/// Pure verification: no HTTP, no storage. The notification receiver wraps it.
public final class NotificationAuthenticator: Sendable {
    /// What the authenticator needs to know.
    public struct Configuration: Sendable {
        public var clientID: String
        public var clientSecret: Secret
        public var merchantKey: RSASigningKey
        public var dokuPublicKey: RSAVerifyingKey
        /// The path of the merchant's notification URL, part of the signed string.
        public var notifyPath: String
        public var tokenLifetime: Duration
        /// Token requests and notifications further than this from now are refused.
        public var allowedSkew: Duration
        /// Which signature schemes a notification may use.
        public var signatureScheme: NotificationSignatureScheme
        /// Refuse notifications without a valid kasir-issued token even when DOKU's key signed them.
        public var requireToken: Bool

        public init(
            clientID: String, clientSecret: Secret, merchantKey: RSASigningKey, dokuPublicKey: RSAVerifyingKey,
            notifyPath: String = DokuPaths.notify, tokenLifetime: Duration = .seconds(900), allowedSkew: Duration = .seconds(300),
            signatureScheme: NotificationSignatureScheme = .auto, requireToken: Bool = false
        ) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.merchantKey = merchantKey
            self.dokuPublicKey = dokuPublicKey
            self.notifyPath = notifyPath
            self.tokenLifetime = tokenLifetime
            self.allowedSkew = allowedSkew
            self.signatureScheme = signatureScheme
            self.requireToken = requireToken
        }
    }

    struct TokenClaims: JWTPayload {
        var exp: ExpirationClaim
        var iss: IssuerClaim
        var clientId: String

        // Expiry is checked against the injected clock in `verifyNotification`.
        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    public let configuration: Configuration
    let clock: any WallClock
    let keys: JWTKeyCollection
    let signer: SymmetricSignature
    /// Tokens whose RS256 signature already verified, with their claims. DOKU sends the same token
    /// with every notification for its 15 minutes, and the RSA check and JWT parsing were the
    /// largest part of verifying a notification. Expiry is still checked on every use; only
    /// tokens that verified are kept, so a forged one never gets in.
    private let verifiedTokens = Mutex<[String: TokenClaims]>([:])

    public init(_ configuration: Configuration, clock: any WallClock = SystemClock()) async throws {
        self.configuration = configuration
        self.clock = clock
        keys = await JWTKeyCollection().add(rsa: try Insecure.RSA.PrivateKey(backing: configuration.merchantKey.key), digestAlgorithm: .sha256)
        signer = SymmetricSignature(clientSecret: configuration.clientSecret)
    }

    /// Verifies DOKU's token request and answers it: `2007300` with a fresh JWT, or the SNAP error.
    /// `header` looks a header up by name, case-insensitively.
    /// The answer to a token request, and for a refusal the check that refused it.
    public func answerTokenRequest(header: (String) -> String?, body: [UInt8]) async -> (status: Int, answer: AccessTokenResponse, refusedBy: NotificationCheck?) {
        do {
            let token = try await issueToken(header: header, body: body)
            let answer = AccessTokenResponse(
                responseCode: "2007300", responseMessage: "Successful", accessToken: token.reveal(), tokenType: "Bearer",
                expiresIn: Int(configuration.tokenLifetime.components.seconds))
            return (200, answer, nil)
        } catch {
            return (error.code.httpStatus, AccessTokenResponse(responseCode: error.code.rawValue, responseMessage: error.message), error.check)
        }
    }

    /// Verifies the token request and returns the JWT to hand to DOKU.
    public func issueToken(header: (String) -> String?, body: [UInt8]) async throws(NotificationRejection) -> Secret {
        guard let clientKey = nonEmpty(header(SNAPHeaders.clientKey)) else { throw NotificationRejection("4007302", "Invalid Mandatory Field X-CLIENT-KEY", check: .clientKey) }
        guard let timestamp = nonEmpty(header(SNAPHeaders.timestamp)) else { throw NotificationRejection("4007302", "Invalid Mandatory Field X-TIMESTAMP", check: .timestamp) }
        guard let signature = nonEmpty(header(SNAPHeaders.signature)) else { throw NotificationRejection("4007302", "Invalid Mandatory Field X-SIGNATURE", check: .signature) }
        guard clientKey == configuration.clientID else { throw NotificationRejection("4017300", "Unauthorized. Unknown client", check: .clientKey) }
        try checkSkew(timestamp, service: .accessToken)
        // The string is built from our own client id, as DOKU's SDKs do.
        guard AsymmetricSignature.isValid(signature, clientID: configuration.clientID, timestamp: timestamp, key: configuration.dokuPublicKey) else {
            throw NotificationRejection("4017300", "Unauthorized.Invalid Signature", check: .signature)
        }
        let request: AccessTokenRequest
        do {
            request = try JSONDecoder().decode(AccessTokenRequest.self, from: Data(body))
        } catch {
            throw NotificationRejection("4007301", "Invalid Field Format body: must be JSON such as {\"grantType\":\"client_credentials\"}", check: .body)
        }
        do { try request.validate() } catch { throw .field(error, service: .accessToken) }
        let expiry = clock.now().addingTimeInterval(TimeInterval(configuration.tokenLifetime.components.seconds))
        let claims = TokenClaims(exp: ExpirationClaim(value: expiry), iss: IssuerClaim(value: "kasir"), clientId: configuration.clientID)
        do {
            return Secret(try await keys.sign(claims))
        } catch {
            throw NotificationRejection("5007300", "General Error: could not sign the token", check: .store)
        }
    }

    /// Verifies a payment notification, in this order, before its body is parsed: the bearer token
    /// (a symmetric signature needs one; when present it must be one we issued and still valid),
    /// the timestamp window, the signature (asymmetric with DOKU's key or symmetric with the client
    /// secret, as `signatureScheme` allows); then parses the body leniently and checks its rules.
    public func verifyNotification(header: (String) -> String?, body: [UInt8], path: String? = nil) async throws(NotificationRejection) -> PaymentNotification {
        let scheme = configuration.signatureScheme
        let token = SNAPHeaders.bearerToken(header(SNAPHeaders.authorization))
        if let token {
            let claims = try await verifiedClaims(token)
            guard claims.exp.value > clock.now() else { throw NotificationRejection("4015601", "Invalid Token (B2B): expired", check: .token) }
            guard claims.clientId == configuration.clientID else { throw NotificationRejection("4015601", "Invalid Token (B2B): wrong client", check: .token) }
        } else if configuration.requireToken || scheme == .symmetric {
            throw NotificationRejection("4015601", "Invalid Token (B2B): no bearer token", check: .token)
        }
        guard let timestamp = nonEmpty(header(SNAPHeaders.timestamp)) else { throw NotificationRejection("4005602", "Invalid Mandatory Field X-TIMESTAMP", check: .timestamp) }
        try checkSkew(timestamp, service: .notification)
        guard let signature = nonEmpty(header(SNAPHeaders.signature)) else {
            throw NotificationRejection("4005602", "Invalid Mandatory Field X-SIGNATURE", check: .signature)
        }
        let signedPath = path ?? configuration.notifyPath
        // An HMAC-SHA512 is 64 bytes (88 base64 characters), an RSA-2048 signature 256: try the one the length fits first.
        let looksSymmetric = signature.utf8.count == 88
        let symmetricOK = {
            guard scheme != .asymmetric, let token else { return false }
            return self.signer.isValid(signature, method: "POST", path: signedPath, accessToken: Secret(token), body: body, timestamp: timestamp)
        }
        let asymmetricOK = {
            guard scheme != .symmetric else { return false }
            return AsymmetricSignature.isValidTransactional(
                signature, method: "POST", path: signedPath, body: body, timestamp: timestamp, key: self.configuration.dokuPublicKey)
        }
        let verified = looksSymmetric ? (symmetricOK() || asymmetricOK()) : (asymmetricOK() || symmetricOK())
        guard verified else {
            let why: String
            switch scheme {
            case .auto: why = token == nil ? "not DOKU's RSA signature (and no token for an HMAC one)" : "neither DOKU's RSA signature nor the HMAC of the client secret"
            case .asymmetric: why = "not DOKU's RSA signature over the notification"
            case .symmetric: why = "not the HMAC of the client secret over the notification"
            }
            throw NotificationRejection("4015600", "Unauthorized. Signature Not Match: " + why, check: .signature)
        }
        let notification: PaymentNotification
        do {
            notification = try PaymentNotification.decode(body)
        } catch {
            throw NotificationRejection("4005601", "Invalid Field Format body: not a payment notification JSON object", check: .body, authenticated: true)
        }
        do { try notification.validate() } catch { throw .field(error, service: .notification) }
        return notification
    }

    private func verifiedClaims(_ token: String) async throws(NotificationRejection) -> TokenClaims {
        if let known = verifiedTokens.withLock({ $0[token] }) { return known }
        let claims: TokenClaims
        do {
            claims = try await keys.verify(token, as: TokenClaims.self)
        } catch {
            throw NotificationRejection("4015601", "Invalid Token (B2B)", check: .token)
        }
        let now = clock.now()
        verifiedTokens.withLock { cache in
            if cache.count >= 64 { cache = cache.filter { $0.value.exp.value > now } }
            if cache.count >= 64 { cache.removeAll() }
            cache[token] = claims
        }
        return claims
    }

    func checkSkew(_ timestamp: String, service: SNAPService) throws(NotificationRejection) {
        let sent: Date
        do {
            sent = try SNAPTimestamp.parse(timestamp)
        } catch {
            throw NotificationRejection("400\(service.rawValue)01", "Invalid Field Format X-TIMESTAMP: \(error)", check: .timestamp)
        }
        let skew = abs(sent.timeIntervalSince(clock.now()))
        guard skew <= TimeInterval(configuration.allowedSkew.components.seconds) else {
            throw NotificationRejection("401\(service.rawValue)00", "Unauthorized. X-TIMESTAMP is \(Int(skew)) s away from now; check the clock", check: .timestamp)
        }
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
