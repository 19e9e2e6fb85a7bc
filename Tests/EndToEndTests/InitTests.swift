import DokuSNAP
import DokuSandbox
import Foundation
import KasirTestSupport
import Testing

/// `kasir init` from nothing to a checked config, then `config check --online` against a sandbox
/// that knows the merchant key init made.
@Suite(.serialized) struct InitTests {
    @Test func initWritesPrivateKeysAndAConfigThatChecksOnline() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let doku = directory.appendingPathComponent("doku")
        let (keyring, _) = try SandboxKeyring.loadOrCreate(at: doku)
        let config = directory.appendingPathComponent("kasir/config.toml").path
        let arguments = [
            "init", "--environment", "custom", "--base-url", "http://127.0.0.1:1", "--client-id", keyring.clientID, "--secret-key-file",
            doku.appendingPathComponent("secret-key").path, "--doku-public-key", doku.appendingPathComponent("doku-public.pem").path, "--config", config,
        ]
        let made = try await kasir(arguments)
        #expect(made.status == 0 || made.stdout.contains("Checking"), "\(made.stderr)")
        #expect(made.stdout.contains("-----BEGIN PUBLIC KEY-----"), "the public key to paste is printed")
        #expect(made.stdout.contains("Settings › API Keys"))
        #expect(!made.stdout.contains(keyring.clientSecret.reveal()), "the secret is never printed")
        #expect(!made.stdout.contains("PRIVATE KEY"))
        let keys = directory.appendingPathComponent("kasir/keys")
        for (name, mode) in [("merchant-private.pem", 0o600), ("secret-key", 0o600), ("merchant-public.pem", 0o644)] {
            #expect(try FileManager.default.attributesOfItem(atPath: keys.appendingPathComponent(name).path)[.posixPermissions] as? Int == mode, "\(name)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: config)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: keys.path)[.posixPermissions] as? Int == 0o700)
        #expect(made.stdout.contains("OK"), "init ran config check: \(made.stdout)")

        // A second init without --force changes nothing.
        let again = try await kasir(arguments)
        #expect(again.status == 2 && again.stderr.contains("add --force"))

        // The "DOKU" learns the merchant's public key (as the dashboard would), and the online check passes.
        let merchantPublic = try RSAVerifyingKey(pem: try String(contentsOfFile: keys.appendingPathComponent("merchant-public.pem").path, encoding: .utf8))
        let sandbox = try await SandboxServer(
            simulator: DokuSimulator(
                configuration: SandboxConfiguration(clientID: keyring.clientID, clientSecret: keyring.clientSecret, merchantPublicKey: merchantPublic, dokuKey: keyring.dokuKey)),
            port: 0
        ).start()
        let online = try await kasir(["config", "check", "--online", "--config", config], environment: ["KASIR_DOKU_BASE_URL": sandbox.baseURL])
        #expect(online.status == 0, "\(online.stdout)\n\(online.stderr)")
        #expect(online.stdout.contains("issued a B2B token") && online.stdout.contains("clock:"), "\(online.stdout)")

        // With the wrong merchant key at "DOKU", the check says what to fix.
        await sandbox.stop()
        let stranger = try await SandboxServer(
            simulator: DokuSimulator(
                configuration: SandboxConfiguration(
                    clientID: keyring.clientID, clientSecret: keyring.clientSecret, merchantPublicKey: keyring.merchantKey.publicKey, dokuKey: keyring.dokuKey)),
            port: 0
        ).start()
        let wrong = try await kasir(["config", "check", "--online", "--config", config], environment: ["KASIR_DOKU_BASE_URL": stranger.baseURL])
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("Merchant Public Key"), "\(wrong.stdout)")
        await stranger.stop()

        // Not a terminal and nothing given: it says what to pass instead of hanging on a prompt.
        let bare = try await kasir(["init", "--config", directory.appendingPathComponent("other.toml").path])
        #expect(bare.status == 2 && bare.stderr.contains("--client-id"), "\(bare.stderr)")
    }
}
