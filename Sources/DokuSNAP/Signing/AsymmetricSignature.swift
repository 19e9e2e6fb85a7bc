import Crypto
import Foundation
import _CryptoExtras

/// An RSA private key (PKCS#1 or PKCS#8 PEM, at least 2048 bits) that signs SNAP token requests
/// and merchant-issued JWTs. Its description never shows the key.
public struct RSASigningKey: Sendable, CustomStringConvertible {
    /// The underlying swift-crypto key, for libraries that sign with it (JWTs).
    public let key: _RSA.Signing.PrivateKey

    public init(pem: Secret) throws(DokuError) {
        do {
            key = try _RSA.Signing.PrivateKey(pemRepresentation: pem.reveal())
        } catch {
            throw .configuration("the private key is not a usable RSA PEM key of at least 2048 bits (PKCS#1 'BEGIN RSA PRIVATE KEY' or PKCS#8 'BEGIN PRIVATE KEY')")
        }
    }

    /// A fresh 2048-bit key, for the simulator and tests.
    public static func generate() throws -> RSASigningKey {
        try RSASigningKey(key: _RSA.Signing.PrivateKey(keySize: .bits2048))
    }

    init(key: _RSA.Signing.PrivateKey) { self.key = key }

    public var publicKey: RSAVerifyingKey { RSAVerifyingKey(key: key.publicKey) }

    /// PKCS#8 PEM, for writing a key file. Handle as a secret.
    public var pemRepresentation: Secret { Secret(key.pkcs8PEMRepresentation) }

    /// SHA256withRSA, PKCS#1 v1.5, standard base64 without line breaks.
    public func sign(_ message: String) throws -> String {
        try key.signature(for: Array(message.utf8), padding: .insecurePKCS1v1_5).rawRepresentation.base64EncodedString()
    }

    public var description: String { "RSASigningKey(<redacted>)" }
}

/// An RSA public key (PEM, "BEGIN PUBLIC KEY" or "BEGIN RSA PUBLIC KEY") that checks SNAP signatures.
public struct RSAVerifyingKey: Sendable {
    let key: _RSA.Signing.PublicKey

    public init(pem: String) throws(DokuError) {
        do {
            key = try _RSA.Signing.PublicKey(pemRepresentation: pem)
        } catch {
            throw .configuration("the public key is not a usable RSA PEM key of at least 2048 bits ('BEGIN PUBLIC KEY' or 'BEGIN RSA PUBLIC KEY')")
        }
    }

    init(key: _RSA.Signing.PublicKey) { self.key = key }

    public var pemRepresentation: String { key.pemRepresentation }

    /// True when `signature` (base64) is SHA256withRSA PKCS#1 v1.5 over `message`.
    public func isValid(_ signature: String, for message: String) -> Bool {
        guard let raw = Data(base64Encoded: signature), !raw.isEmpty else { return false }
        return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: raw), for: Array(message.utf8), padding: .insecurePKCS1v1_5)
    }
}

/// SNAP's asymmetric signatures (DOKU's "Asymmetric Signature" page), SHA256withRSA:
/// - *Get Token*: over `clientId|X-TIMESTAMP`;
/// - *Transactional*: over `METHOD:path:sha256hex(minify(body)):X-TIMESTAMP`, which is how DOKU signs
///   the HTTP notifications it posts to a merchant (the path is the merchant's notification path).
public enum AsymmetricSignature {
    public static func transactionalStringToSign<Bytes: Collection>(method: String, path: String, body: Bytes, timestamp: String) -> String
    where Bytes.Element == UInt8 {
        method.uppercased() + ":" + path + ":" + JSONMinifier.bodyHash(body) + ":" + timestamp
    }

    /// The base64 `X-SIGNATURE` of a transactional request (DOKU's side of a notification; the sandbox signs with it).
    public static func signTransactional<Bytes: Collection>(method: String, path: String, body: Bytes, timestamp: String, with key: RSASigningKey) throws
        -> String
    where Bytes.Element == UInt8 {
        try key.sign(transactionalStringToSign(method: method, path: path, body: body, timestamp: timestamp))
    }

    /// True when `signature` is DOKU's transactional signature over this request, checked with DOKU's public key.
    public static func isValidTransactional<Bytes: Collection>(
        _ signature: String, method: String, path: String, body: Bytes, timestamp: String, key: RSAVerifyingKey
    ) -> Bool where Bytes.Element == UInt8 {
        key.isValid(signature, for: transactionalStringToSign(method: method, path: path, body: body, timestamp: timestamp))
    }

    public static func stringToSign(clientID: String, timestamp: String) -> String {
        clientID + "|" + timestamp
    }

    public static func sign(clientID: String, timestamp: String, with key: RSASigningKey) throws -> String {
        try key.sign(stringToSign(clientID: clientID, timestamp: timestamp))
    }

    public static func isValid(_ signature: String, clientID: String, timestamp: String, key: RSAVerifyingKey) -> Bool {
        key.isValid(signature, for: stringToSign(clientID: clientID, timestamp: timestamp))
    }
}
