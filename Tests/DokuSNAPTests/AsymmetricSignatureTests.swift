import Foundation
import Testing

@testable import DokuSNAP

@Suite struct AsymmetricSignatureTests {
    let directory: URL

    init() async throws {
        directory = try makeTemporaryDirectory()
        let gen = try await run(opensslPath, ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "pkcs8.pem"], in: directory)
        precondition(gen.status == 0, gen.output)
        try await run(opensslPath, ["rsa", "-in", "pkcs8.pem", "-traditional", "-out", "pkcs1.pem"], in: directory)
        try await run(opensslPath, ["rsa", "-in", "pkcs8.pem", "-pubout", "-out", "public.pem"], in: directory)
        try await run(opensslPath, ["rsa", "-in", "pkcs8.pem", "-RSAPublicKey_out", "-out", "public-pkcs1.pem"], in: directory)
    }

    func file(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func opensslSignatureVerifiesInKasirAndMatchesByteForByte() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let message = AsymmetricSignature.stringToSign(clientID: "BRN-0001-0000000000001", timestamp: "2024-07-10T11:27:58+07:00")
        try message.write(to: directory.appendingPathComponent("message.txt"), atomically: true, encoding: .utf8)
        let signed = try await run(opensslPath, ["dgst", "-sha256", "-sign", "pkcs8.pem", "-out", "openssl.sig", "message.txt"], in: directory)
        #expect(signed.status == 0)
        let opensslSignature = try Data(contentsOf: directory.appendingPathComponent("openssl.sig")).base64EncodedString()

        for publicFile in ["public.pem", "public-pkcs1.pem"] {
            let publicKey = try RSAVerifyingKey(pem: try file(publicFile))
            #expect(AsymmetricSignature.isValid(opensslSignature, clientID: "BRN-0001-0000000000001", timestamp: "2024-07-10T11:27:58+07:00", key: publicKey))
            #expect(!AsymmetricSignature.isValid(opensslSignature, clientID: "BRN-0001-0000000000002", timestamp: "2024-07-10T11:27:58+07:00", key: publicKey))
        }
        for privateFile in ["pkcs8.pem", "pkcs1.pem"] {
            let key = try RSASigningKey(pem: Secret(try file(privateFile)))
            let ours = try AsymmetricSignature.sign(clientID: "BRN-0001-0000000000001", timestamp: "2024-07-10T11:27:58+07:00", with: key)
            // PKCS#1 v1.5 is deterministic, so both tools must produce the same bytes.
            #expect(ours == opensslSignature)
            #expect(!ours.contains("\n"))
        }
    }

    @Test func kasirSignatureVerifiesWithOpenssl() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try RSASigningKey(pem: Secret(try file("pkcs1.pem")))
        let signature = try AsymmetricSignature.sign(clientID: "MCH-0008-1296507211683", timestamp: "2024-07-10T04:27:58Z", with: key)
        try Data(base64Encoded: signature)!.write(to: directory.appendingPathComponent("kasir.sig"))
        try "MCH-0008-1296507211683|2024-07-10T04:27:58Z".write(to: directory.appendingPathComponent("m.txt"), atomically: true, encoding: .utf8)
        let verified = try await run(opensslPath, ["dgst", "-sha256", "-verify", "public.pem", "-signature", "kasir.sig", "m.txt"], in: directory)
        #expect(verified.status == 0)
        #expect(verified.output.contains("Verified OK"))
        try "MCH-0008-1296507211683|2024-07-10T04:27:59Z".write(to: directory.appendingPathComponent("m.txt"), atomically: true, encoding: .utf8)
        let tampered = try await run(opensslPath, ["dgst", "-sha256", "-verify", "public.pem", "-signature", "kasir.sig", "m.txt"], in: directory)
        #expect(tampered.status != 0)
    }

    @Test func refusesUnusableKeysWithAClearMessage() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let small = try await run(opensslPath, ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "small.pem"], in: directory)
        #expect(small.status == 0)
        #expect(throws: DokuError.self) { try RSASigningKey(pem: Secret(try file("small.pem"))) }
        do {
            _ = try RSASigningKey(pem: Secret("-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----"))
            Issue.record("a broken key was accepted")
        } catch {
            #expect(error.description.contains("2048"))
            #expect(!error.description.contains("nope"))
        }
        #expect(throws: DokuError.self) { try RSAVerifyingKey(pem: "garbage") }
        let key = try RSASigningKey(pem: Secret(try file("pkcs8.pem")))
        #expect(!"\(key)".contains("BEGIN"))
        #expect(!AsymmetricSignature.isValid("", clientID: "a", timestamp: "b", key: key.publicKey))
        #expect(!AsymmetricSignature.isValid("%%%", clientID: "a", timestamp: "b", key: key.publicKey))
    }
}
