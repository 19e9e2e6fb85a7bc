import ArgumentParser
import DokuSNAP
import Foundation
import KasirConfig
import KasirCore

/// `kasir init`: from a DOKU account to a checked config. Asks what it is not given (or takes
/// flags), makes the merchant's RSA-2048 key pair, keeps the secret key from a prompt that does
/// not echo, says where each key goes in DOKU's dashboard, writes the config (0600), and runs
/// `kasir config check`.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: t("Set kasir up for a DOKU account: keys, secret, config file, then a check."),
        discussion: t("""
            Without flags it asks. For scripts: --environment, --client-id, --secret-key-file (or the \
            secret on standard input) and --doku-public-key. Nothing secret is printed.
            """))

    @Option(help: ArgumentHelp(t("sandbox (api-sandbox.doku.com) or production (api.doku.com).")))
    var environment: String?

    @Option(help: ArgumentHelp(t("With --environment custom: the DOKU base URL (a kasir sandbox, e.g. http://127.0.0.1:9000).")))
    var baseURL: String?

    @Option(help: ArgumentHelp(t("DOKU's Client ID, e.g. BRN-0239-1736742088036 (DOKU Dashboard › Settings › API Keys).")))
    var clientID: String?

    @Option(help: ArgumentHelp(t("A file holding DOKU's Secret Key; without it the key is asked for (not echoed) or read from standard input.")))
    var secretKeyFile: String?

    @Option(help: ArgumentHelp(t("DOKU's public key (PEM) as downloaded from DOKU Dashboard › Settings › API Keys; can be added later.")))
    var dokuPublicKey: String?

    @Option(help: ArgumentHelp(t("Folder for the keys (default: beside the config, keys/).")))
    var keysDir: String?

    @Option(name: .customLong("config"), help: ArgumentHelp(t("Config file to write (default: $KASIR_CONFIG or $XDG_CONFIG_HOME/kasir/config.toml).")))
    var configPath: String?

    @Option(help: ArgumentHelp(t("The shop's page DANA sends the customer back to (urlParam), e.g. https://shop.example/thanks.")))
    var returnURL: String?

    @Flag(help: ArgumentHelp(t("Replace an existing config and keys.")))
    var force = false

    func run() async throws {
        let interactive = isatty(STDIN_FILENO) == 1
        let path = configPath ?? ConfigurationLoader.defaultPath(environment: ProcessInfo.processInfo.environment)
        if FileManager.default.fileExists(atPath: path), !force {
            warn("kasir init: \(path) exists; add --force to replace it, or --config another path")
            throw KasirExit.badInput
        }
        let chosen = try environment ?? ask(t("Environment (sandbox or production) [sandbox]: "), interactive: interactive, default: "sandbox")
        guard ["sandbox", "production", "custom"].contains(chosen), (chosen == "custom") == (baseURL != nil) else {
            warn("kasir init: --environment must be sandbox or production (or custom with --base-url for a kasir sandbox)")
            throw KasirExit.badInput
        }
        let id = try clientID ?? ask(t("DOKU Client ID (Dashboard › Settings › API Keys): "), interactive: interactive)
        guard !id.isEmpty, id.count <= 64, !id.contains(where: { $0.isWhitespace || $0.isNewline }), (try? PaymentRules.text(id, max: 64)) != nil else {
            warn("kasir init: the client id must be DOKU's Client ID, e.g. BRN-0239-1736742088036")
            throw KasirExit.badInput
        }
        let secret = try readSecret(interactive: interactive)

        let configFolder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let keys = URL(fileURLWithPath: keysDir ?? configFolder.appendingPathComponent("keys").path)
        do {
            try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: keys.path)
        } catch {
            warn("kasir init: cannot make \(keys.path): \(error.localizedDescription)")
            throw KasirExit.rejected
        }
        let privatePath = keys.appendingPathComponent("merchant-private.pem").path
        let publicPath = keys.appendingPathComponent("merchant-public.pem").path
        let secretPath = keys.appendingPathComponent("secret-key").path
        let dokuPath = keys.appendingPathComponent("doku-public.pem").path
        let merchant: RSASigningKey
        do {
            merchant = try RSASigningKey.generate()
            try PrivateFile.write(merchant.pemRepresentation.reveal(), to: privatePath)
            try PrivateFile.write(merchant.publicKey.pemRepresentation, to: publicPath, mode: 0o644)
            try PrivateFile.write(secret.reveal(), to: secretPath)
            if let dokuPublicKey {
                let pem = try String(contentsOfFile: dokuPublicKey, encoding: .utf8)
                guard (try? RSAVerifyingKey(pem: pem)) != nil else {
                    warn("kasir init: \(dokuPublicKey) is not an RSA public key in PEM (-----BEGIN PUBLIC KEY-----); copy DOKU Public Key from the dashboard again")
                    throw KasirExit.badInput
                }
                try PrivateFile.write(pem, to: dokuPath, mode: 0o644)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            warn("kasir init: \(error)")
            throw KasirExit.rejected
        }
        let text = Self.config(environment: chosen, baseURL: baseURL, clientID: id, keys: (secretPath, privatePath, dokuPath), returnURL: returnURL)
        do {
            try FileManager.default.createDirectory(at: configFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try PrivateFile.write(text, to: path)
        } catch {
            warn("kasir init: \(error)")
            throw KasirExit.rejected
        }
        say("kasir init: wrote \(path) (0600) and the keys in \(keys.path)")
        say("")
        say("1. In DOKU Dashboard › Settings › API Keys, paste this as the Merchant Public Key:")
        say("")
        say(merchant.publicKey.pemRepresentation.trimmingCharacters(in: .whitespacesAndNewlines))
        say("")
        if dokuPublicKey == nil || !FileManager.default.fileExists(atPath: dokuPath) {
            say("2. On the same page copy the DOKU Public Key and save it as \(dokuPath)")
            say("   (or run kasir init again with --doku-public-key FILE --force).")
        } else {
            say("2. DOKU's public key is in \(dokuPath).")
        }
        say("3. In DOKU Dashboard, set the notification URL to your public https address of kasir listen, path /v1.0/debit/notify.")
        if returnURL == nil, chosen == "production" { say("4. Set [payment] return_url in \(path): DOKU needs it in every DANA payment.") }
        say("")
        guard FileManager.default.fileExists(atPath: dokuPath) else {
            say("Then run: kasir config check --online --config \(path)")
            return
        }
        say("Checking: kasir config check --config \(path)")
        let check = try ConfigCommand.Check.parse(["--config", path])
        try await check.run()
    }

    func ask(_ prompt: String, interactive: Bool, default fallback: String? = nil) throws -> String {
        guard interactive else {
            warn("kasir init: not a terminal, so nothing can be asked: give --environment, --client-id and the secret (--secret-key-file or standard input)")
            throw KasirExit.badInput
        }
        FileHandle.standardOutput.write(Data(prompt.utf8))
        let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces)
        return answer.isEmpty ? fallback ?? "" : answer
    }

    /// The secret key: from --secret-key-file, from a prompt that does not echo, or from standard input.
    func readSecret(interactive: Bool) throws -> Secret {
        var text: String
        if let secretKeyFile {
            guard let read = try? String(contentsOfFile: secretKeyFile, encoding: .utf8) else {
                warn("kasir init: cannot read --secret-key-file \(secretKeyFile)")
                throw KasirExit.badInput
            }
            text = read
        } else if interactive {
            FileHandle.standardOutput.write(Data(t("DOKU Secret Key (not shown as you type): ").utf8))
            var settings = termios()
            tcgetattr(STDIN_FILENO, &settings)
            var silent = settings
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &silent)
            text = readLine() ?? ""
            tcsetattr(STDIN_FILENO, TCSANOW, &settings)
            say("")
        } else {
            text = readLine() ?? ""
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 256, !text.contains(where: { $0.isWhitespace }) else {
            warn("kasir init: the secret key is empty or has spaces; copy it again from DOKU Dashboard › Settings › API Keys (Reveal Key)")
            throw KasirExit.badInput
        }
        return Secret(text)
    }

    static func config(environment: String, baseURL: String?, clientID: String, keys: (secret: String, merchant: String, doku: String), returnURL: String?) -> String {
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        return """
            # kasir configuration (written by `kasir init`). The keys are files, never in here.
            [doku]
            environment = \(quoted(environment))
            \(baseURL.map { "base_url = " + quoted($0) } ?? "")
            client_id = \(quoted(clientID))
            secret_key_file = \(quoted(keys.secret))
            private_key_file = \(quoted(keys.merchant))
            doku_public_key_file = \(quoted(keys.doku))

            [notifications]
            listen = "127.0.0.1:8787"

            [payment]
            \(returnURL.map { "return_url = " + quoted($0) } ?? "# return_url = \"https://shop.example/thanks\"   # required in production: DOKU needs it (urlParam)")

            """
    }
}
