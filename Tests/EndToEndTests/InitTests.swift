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

/// `kasir init` as a merchant runs it: in a terminal, answering its questions, the secret typed
/// where nobody can read it over their shoulder.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is installed by make deps"))
struct InitTmuxTests {
    @Test func initAsksInATerminalAndNeverShowsTheSecret() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("kasir/config.toml").path
        let secret = "SK-tmux-Sup3rSecret-\(UUID().uuidString.prefix(8))"
        let tmux = try await Tmux.start("\(kasirBinary) init --config \(config)", width: 100, height: 40)
        defer { tmux.kill() }
        _ = try await tmux.waitFor("Environment (sandbox or production)")
        try await tmux.keys("sandbox", "Enter")
        _ = try await tmux.waitFor("DOKU Client ID")
        try await tmux.keys("BRN-0239-1736742088036", "Enter")
        _ = try await tmux.waitFor("not shown as you type")
        try await tmux.keys(secret, "Enter")
        let screen = try await tmux.waitFor("EXITED rc=")
        #expect(screen.contains("Merchant Public Key") && screen.contains("BEGIN PUBLIC KEY"), "\(screen)")
        #expect(!screen.contains(secret) && !screen.contains("Sup3rSecret"), "the secret was echoed:\n\(screen)")
        let stored = try String(contentsOfFile: directory.appendingPathComponent("kasir/keys/secret-key").path, encoding: .utf8)
        #expect(stored.trimmingCharacters(in: .whitespacesAndNewlines) == secret)
        let mode = try FileManager.default.attributesOfItem(atPath: config)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try String(contentsOfFile: config, encoding: .utf8).contains("BRN-0239-1736742088036"))
        // The terminal echoes again after the secret: what is typed next shows.
        try await tmux.keys("echo visible-again", "Enter")
        #expect(try await tmux.waitFor("visible-again").contains("visible-again"))
    }
}
