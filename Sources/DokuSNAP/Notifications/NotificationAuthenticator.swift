import Foundation
import JWTKit
import Synchronization

/// The merchant's side of DOKU's notification handshake (doku-snap.md §6 and "Decisions"):
/// DOKU asks for a token (RSA-signed with DOKU's key), the merchant issues an RS256 JWT, and the
/// notification must carry that JWT and an HMAC `X-SIGNATURE` over the notify path.
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
        /// Check the HMAC `X-SIGNATURE` of notifications (switch off only for DOKU set-ups that differ).
        public var requireSignature: Bool

        public init(
            clientID: String, clientSecret: Secret, merchantKey: RSASigningKey, dokuPublicKey: RSAVerifyingKey,
            notifyPath: String = DokuPaths.notify, tokenLifetime: Duration = .seconds(900), allowedSkew: Duration = .seconds(300),
            requireSignature: Bool = true
        ) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.merchantKey = merchantKey
            self.dokuPublicKey = dokuPublicKey
            self.notifyPath = notifyPath
            self.tokenLifetime = tokenLifetime
            self.allowedSkew = allowedSkew
            self.requireSignature = requireSignature
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
    public func answerTokenRequest(header: (String) -> String?, body: [UInt8]) async -> (status: Int, answer: AccessTokenResponse) {
        do {
            let token = try await issueToken(header: header, body: body)
            let answer = AccessTokenResponse(
                responseCode: "2007300", responseMessage: "Successful", accessToken: token.reveal(), tokenType: "Bearer",
                expiresIn: Int(configuration.tokenLifetime.components.seconds))
            return (200, answer)
        } catch {
            return (error.code.httpStatus, AccessTokenResponse(responseCode: error.code.rawValue, responseMessage: error.message))
        }
    }

    /// Verifies the token request and returns the JWT to hand to DOKU.
    public func issueToken(header: (String) -> String?, body: [UInt8]) async throws(NotificationRejection) -> Secret {
        guard let clientKey = nonEmpty(header(SNAPHeaders.clientKey)) else { throw NotificationRejection("4007302", "Invalid Mandatory Field X-CLIENT-KEY") }
        guard let timestamp = nonEmpty(header(SNAPHeaders.timestamp)) else { throw NotificationRejection("4007302", "Invalid Mandatory Field X-TIMESTAMP") }
        guard let signature = nonEmpty(header(SNAPHeaders.signature)) else { throw NotificationRejection("4007302", "Invalid Mandatory Field X-SIGNATURE") }
        guard clientKey == configuration.clientID else { throw NotificationRejection("4017300", "Unauthorized. Unknown client") }
        try checkSkew(timestamp, service: .accessToken)
        // The string is built from our own client id, as DOKU's SDKs do.
        guard AsymmetricSignature.isValid(signature, clientID: configuration.clientID, timestamp: timestamp, key: configuration.dokuPublicKey) else {
            throw NotificationRejection("4017300", "Unauthorized.Invalid Signature")
        }
        let request: AccessTokenRequest
        do {
            request = try JSONDecoder().decode(AccessTokenRequest.self, from: Data(body))
        } catch {
            throw NotificationRejection("4007301", "Invalid Field Format body: must be JSON such as {\"grantType\":\"client_credentials\"}")
        }
        do { try request.validate() } catch { throw .field(error, service: .accessToken) }
        let expiry = clock.now().addingTimeInterval(TimeInterval(configuration.tokenLifetime.components.seconds))
        let claims = TokenClaims(exp: ExpirationClaim(value: expiry), iss: IssuerClaim(value: "kasir"), clientId: configuration.clientID)
        do {
            return Secret(try await keys.sign(claims))
        } catch {
            throw NotificationRejection("5007300", "General Error: could not sign the token")
        }
    }

    /// Verifies a payment notification: the JWT we issued, the timestamp window, the HMAC
    /// signature over the notify path, then the body's field rules. Returns the parsed notification.
    public func verifyNotification(header: (String) -> String?, body: [UInt8], path: String? = nil) async throws(NotificationRejection) -> PaymentNotification {
        guard let token = SNAPHeaders.bearerToken(header(SNAPHeaders.authorization)) else {
            throw NotificationRejection("4015601", "Invalid Token (B2B): no bearer token")
        }
        let claims = try await verifiedClaims(token)
        guard claims.exp.value > clock.now() else { throw NotificationRejection("4015601", "Invalid Token (B2B): expired") }
        guard claims.clientId == configuration.clientID else { throw NotificationRejection("4015601", "Invalid Token (B2B): wrong client") }
        guard let timestamp = nonEmpty(header(SNAPHeaders.timestamp)) else { throw NotificationRejection("4005602", "Invalid Mandatory Field X-TIMESTAMP") }
        try checkSkew(timestamp, service: .notification)
        if configuration.requireSignature {
            guard let signature = nonEmpty(header(SNAPHeaders.signature)) else {
                throw NotificationRejection("4005602", "Invalid Mandatory Field X-SIGNATURE")
            }
            guard signer.isValid(signature, method: "POST", path: path ?? configuration.notifyPath, accessToken: Secret(token), body: body, timestamp: timestamp) else {
                throw NotificationRejection("4015600", "Unauthorized. Signature Not Match")
            }
        }
        let notification: PaymentNotification
        do {
            notification = try JSONDecoder().decode(PaymentNotification.self, from: Data(body))
        } catch {
            throw NotificationRejection("4005601", "Invalid Field Format body: not a payment notification JSON object")
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
            throw NotificationRejection("4015601", "Invalid Token (B2B)")
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
            throw NotificationRejection("400\(service.rawValue)01", "Invalid Field Format X-TIMESTAMP: \(error)")
        }
        let skew = abs(sent.timeIntervalSince(clock.now()))
        guard skew <= TimeInterval(configuration.allowedSkew.components.seconds) else {
            throw NotificationRejection("401\(service.rawValue)00", "Unauthorized. X-TIMESTAMP is \(Int(skew)) s away from now; check the clock")
        }
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
