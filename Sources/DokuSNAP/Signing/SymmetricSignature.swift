import Crypto
import Foundation

/// SNAP's symmetric signature (doku-snap.md §3.2), used on every service call and notification:
///
///     stringToSign = METHOD:path:accessToken:sha256hex(minify(body)):X-TIMESTAMP
///     X-SIGNATURE  = base64(HMAC-SHA512(clientSecret, stringToSign))
public struct SymmetricSignature: Sendable {
    private let key: SymmetricKey

    public init(clientSecret: Secret) {
        key = SymmetricKey(data: Array(clientSecret.reveal().utf8))
    }

    public static func stringToSign<Bytes: Collection>(
        method: String, path: String, accessToken: Secret, body: Bytes, timestamp: String
    ) -> String where Bytes.Element == UInt8 {
        method.uppercased() + ":" + path + ":" + accessToken.reveal() + ":" + JSONMinifier.bodyHash(body) + ":" + timestamp
    }

    /// The base64 `X-SIGNATURE` for a request.
    public func sign<Bytes: Collection>(
        method: String, path: String, accessToken: Secret, body: Bytes, timestamp: String
    ) -> String where Bytes.Element == UInt8 {
        let message = Self.stringToSign(method: method, path: path, accessToken: accessToken, body: body, timestamp: timestamp)
        return Data(HMAC<SHA512>.authenticationCode(for: Array(message.utf8), using: key)).base64EncodedString()
    }

    /// Checks a received `X-SIGNATURE` in constant time. A signature that is not base64 is simply invalid.
    public func isValid<Bytes: Collection>(
        _ signature: String, method: String, path: String, accessToken: Secret, body: Bytes, timestamp: String
    ) -> Bool where Bytes.Element == UInt8 {
        guard let received = Data(base64Encoded: signature), received.count == 64 else { return false }
        let message = Self.stringToSign(method: method, path: path, accessToken: accessToken, body: body, timestamp: timestamp)
        return HMAC<SHA512>.isValidAuthenticationCode(received, authenticating: Array(message.utf8), using: key)
    }
}
