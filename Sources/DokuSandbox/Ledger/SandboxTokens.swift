import DokuSNAP
import Foundation
import JWTKit

/// B2B access tokens as DOKU issues them: RS256 JWTs `{"exp", "iss": "DOKU", "clientId"}` signed
/// with the sandbox's DOKU key. Clients must treat them as opaque; the sandbox still keeps the
/// list of tokens it issued, so a forged or expired one is refused whatever it claims.
actor SandboxTokens {
    struct Claims: JWTPayload {
        var exp: ExpirationClaim
        var iss: IssuerClaim
        var clientId: String

        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    let keys: JWTKeyCollection

    init(dokuKey: RSASigningKey) async throws {
        keys = await JWTKeyCollection().add(rsa: try Insecure.RSA.PrivateKey(backing: dokuKey.key), digestAlgorithm: .sha256)
    }

    func issue(clientID: String, expiry: Date) async throws -> String {
        try await keys.sign(Claims(exp: ExpirationClaim(value: expiry), iss: IssuerClaim(value: "DOKU"), clientId: clientID))
    }
}
