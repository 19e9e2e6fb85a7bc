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
            warn(cliWords(.initExists, path))
            throw KasirExit.badInput
        }
        let chosen = try environment ?? ask(t("Environment (sandbox or production) [sandbox]: "), interactive: interactive, default: "sandbox")
        guard ["sandbox", "production", "custom"].contains(chosen), (chosen == "custom") == (baseURL != nil) else {
            warn(cliWords(.initBadEnvironment))
            throw KasirExit.badInput
        }
        let id = try clientID ?? ask(t("DOKU Client ID (Dashboard › Settings › API Keys): "), interactive: interactive)
        guard !id.isEmpty, id.count <= 64, !id.contains(where: { $0.isWhitespace || $0.isNewline }), (try? PaymentRules.text(id, max: 64)) != nil else {
            warn(cliWords(.initBadClientID))
            throw KasirExit.badInput
        }
        let secret = try readSecret(interactive: interactive)

        let configFolder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let keys = URL(fileURLWithPath: keysDir ?? configFolder.appendingPathComponent("keys").path)
        do {
            try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: keys.path)
        } catch {
            warn(cliWords(.initCannotMakeKeys, keys.path, error.localizedDescription))
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
                    warn(cliWords(.initBadDokuKey, dokuPublicKey))
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
        say(cliWords(.initWrote, path, keys.path))
        say("")
        say(cliWords(.initStepMerchantKey))
        say("")
        say(merchant.publicKey.pemRepresentation.trimmingCharacters(in: .whitespacesAndNewlines))
        say("")
        if dokuPublicKey == nil || !FileManager.default.fileExists(atPath: dokuPath) {
            say(cliWords(.initStepDokuKey, dokuPath))
            say(cliWords(.initStepDokuKeyLater))
        } else {
            say(cliWords(.initStepDokuKeyHave, dokuPath))
        }
        say(cliWords(.initStepNotifyURL))
        if returnURL == nil, chosen == "production" { say(cliWords(.initStepReturnURL, path)) }
        say("")
        guard FileManager.default.fileExists(atPath: dokuPath) else {
            say(cliWords(.initThenRun, path))
            return
        }
        say(cliWords(.initChecking, path))
        let check = try ConfigCommand.Check.parse(["--config", path])
        try await check.run()
    }

    func ask(_ prompt: String, interactive: Bool, default fallback: String? = nil) throws -> String {
        guard interactive else {
            warn(cliWords(.initNotATerminal))
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
                warn(cliWords(.initCannotReadSecret, secretKeyFile))
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
            warn(cliWords(.initBadSecret))
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
