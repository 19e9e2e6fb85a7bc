import ArgumentParser
import DokuSNAP
import DokuSandbox
import Foundation

/// `kasir sandbox`: a local stand-in for DOKU on loopback, for demos, tests and development.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local DOKU stand-in (token, payment, status, refund, customer page, notifications).",
        discussion: """
            On first run it creates a client id, a secret and two RSA-2048 key pairs (merchant and \
            DOKU) in --keys-dir. With --write-config it writes a kasir config file that points at \
            it, so `KASIR_CONFIG=PATH kasir ...` talks to this sandbox. Stop it with Ctrl-C.
            """)

    @Option(help: "Address to listen on. Only loopback addresses unless --allow-remote.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 9000

    @Option(help: "Folder for the sandbox's keys (default: $XDG_DATA_HOME/kasir/sandbox).")
    var keysDir: String?

    @Option(help: "The merchant's notification URL, e.g. http://127.0.0.1:8787/v1.0/debit/notify.")
    var notifyURL: String?

    @Option(help: "The merchant's token URL (default: the notify URL's origin + /authorization/v1/access-token/b2b).")
    var tokenURL: String?

    @Option(help: "Divide DOKU's notification retry schedule (+30 min, +6 h, +12 h) by this; 3600 makes hours seconds.")
    var timeFactor: Double = 1

    @Option(help: "Write a kasir config file for this sandbox to PATH (mode 0600).")
    var writeConfig: String?

    @Flag(help: "Answer with the SNAP standard's extra keys, which DOKU's Python SDK rejects.")
    var strictStandard = false

    @Option(help: "Payment success code: 2005400 (SNAP standard) or 2000500 (DOKU's DANA sample).")
    var paymentSuccessCode = "2005400"

    @Option(help: "Refund success code: 2005800 (SNAP standard) or 2000700 (DOKU's samples).")
    var refundSuccessCode = "2005800"

    @Option(help: "Status of a payment whose link expired: 05 (cancelled) or 06 (failed).")
    var expiredStatus = "05"

    @Option(help: "A repeated partnerReferenceNo with the same details: replay (the first answer again) or conflict (4095401).")
    var duplicatePayments = "replay"

    @Option(help: "How notifications are signed: asymmetric (DOKU's RSA key, as DOKU documents it) or symmetric (HMAC of the secret over a merchant token).")
    var notificationSignature = "asymmetric"

    @Flag(help: "Allow listening on a non-loopback address (the control API has no authentication).")
    var allowRemote = false

    func validate() throws {
        guard ["2005400", "2000500"].contains(paymentSuccessCode) else { throw ValidationError("--payment-success-code must be 2005400 or 2000500") }
        guard ["2005800", "2000700"].contains(refundSuccessCode) else { throw ValidationError("--refund-success-code must be 2005800 or 2000700") }
        guard ["05", "06"].contains(expiredStatus) else { throw ValidationError("--expired-status must be 05 or 06") }
        guard ["asymmetric", "symmetric"].contains(notificationSignature) else {
            throw ValidationError("--notification-signature must be asymmetric or symmetric")
        }
        guard ["replay", "conflict"].contains(duplicatePayments) else { throw ValidationError("--duplicate-payments must be replay or conflict") }
        guard timeFactor > 0, timeFactor.isFinite else { throw ValidationError("--time-factor must be a number above 0, e.g. 3600") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        guard loopback || allowRemote else {
            throw ValidationError("--host \(host) is not a loopback address; the control API has no authentication. Add --allow-remote if you mean it")
        }
        for (flag, value) in [("--notify-url", notifyURL), ("--token-url", tokenURL)] {
            if let value, URL(string: value)?.scheme.map({ ["http", "https"].contains($0) }) != true || URL(string: value)?.host == nil {
                throw ValidationError("\(flag) must be an http(s) URL such as http://127.0.0.1:8787/v1.0/debit/notify")
            }
        }
    }

    func run() async throws {
        let directory = URL(fileURLWithPath: keysDir ?? Self.defaultKeysDirectory())
        let (keyring, created) = try SandboxKeyring.loadOrCreate(at: directory)
        let configuration = SandboxConfiguration(
            clientID: keyring.clientID, clientSecret: keyring.clientSecret, merchantPublicKey: keyring.merchantKey.publicKey,
            dokuKey: keyring.dokuKey, notifyURL: notifyURL, tokenURL: tokenURL, timeFactor: timeFactor, paymentSuccessCode: paymentSuccessCode,
            refundSuccessCode: refundSuccessCode, duplicatePaymentsConflict: duplicatePayments == "conflict",
            expiredStatus: expiredStatus == "06" ? .failed : .cancelled, strictStandard: strictStandard,
            notificationSignature: notificationSignature == "symmetric" ? .symmetric : .asymmetric)
        let server = SandboxServer(simulator: DokuSimulator(configuration: configuration), host: host, port: port)
        let writeConfig = self.writeConfig
        let keysCreated = created
        try await server.run(handleSignals: true) { bound in
            let base = "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)"
            say("kasir sandbox: DOKU stand-in listening on \(base)")
            say("  keys:      \(directory.path)\(keysCreated ? " (created)" : "")")
            say("  client id: \(keyring.clientID)")
            say("  notify:    \(configuration.notifyURL ?? "off (start with --notify-url to send notifications)")")
            say("  control:   \(base)/_sandbox/transactions")
            if let writeConfig {
                do {
                    let storePath = URL(fileURLWithPath: writeConfig).deletingLastPathComponent().appendingPathComponent("kasir.sqlite").path
                    let text = keyring.kasirConfig(baseURL: base, notificationsListen: "127.0.0.1:8787", storePath: storePath)
                    guard FileManager.default.createFile(atPath: writeConfig, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                        throw DokuError.configuration("cannot write \(writeConfig)")
                    }
                    say("  config:    \(writeConfig) — use it with KASIR_CONFIG=\(writeConfig) kasir ...")
                } catch {
                    say("kasir sandbox: could not write the config file: \(error)")
                }
            }
            say("Press Ctrl-C to stop.")
        }
    }

    static func defaultKeysDirectory() -> String {
        let env = ProcessInfo.processInfo.environment
        let data = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return data + "/kasir/sandbox"
    }
}
