import ArgumentParser
import AsyncHTTPClient
import DokuSNAP
import DokuSandbox
import Foundation
import KasirConfig
import KasirConsole
import KasirCore
import NIOCore
import NIOHTTP1

/// `kasir sandbox`: a local stand-in for DOKU, and what an integrator asks of it from a shell.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: t("Run a local DOKU stand-in, or ask a running one to resend a notification or list its deliveries."),
        subcommands: [SandboxServeCommand.self, SandboxResendCommand.self, SandboxDeliveriesCommand.self],
        defaultSubcommand: SandboxServeCommand.self)
}

/// `kasir sandbox [serve]`: a local stand-in for DOKU on loopback, for demos, tests and development.
struct SandboxServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: t("Run a local DOKU stand-in (token, payment, status, refund, customer page, notifications)."),
        discussion: t("""
            On first run it creates a client id, a secret and two RSA-2048 key pairs (merchant and \
            DOKU) in --keys-dir. With --write-config it writes a kasir config file that points at \
            it, so `KASIR_CONFIG=PATH kasir ...` talks to this sandbox. Each run has its own control \
            token (printed at start, and written into that config): the /_sandbox/ control API \
            refuses requests without it. Every notification delivery attempt is printed with the \
            merchant's answer. Stop it with Ctrl-C.
            """))

    @Option(help: ArgumentHelp(t("Address to listen on. Only loopback addresses unless --allow-remote.")))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp(t("Port to listen on (0 picks a free one).")))
    var port = 9000

    @Option(help: ArgumentHelp(t("Folder for the sandbox's keys (default: $XDG_DATA_HOME/kasir/sandbox).")))
    var keysDir: String?

    @Option(help: ArgumentHelp(t("The merchant's notification URL, e.g. http://127.0.0.1:8787/v1.0/debit/notify.")))
    var notifyURL: String?

    @Option(help: ArgumentHelp(t("The merchant's token URL (default: the notify URL's origin + /authorization/v1/access-token/b2b).")))
    var tokenURL: String?

    @Option(help: ArgumentHelp(t("Divide DOKU's notification retry schedule (+30 min, +6 h, +12 h) by this; 3600 makes hours seconds.")))
    var timeFactor: Double = 1

    @Option(help: ArgumentHelp(t("Write a kasir config file for this sandbox to PATH (mode 0600).")))
    var writeConfig: String?

    @Flag(help: ArgumentHelp(t("With --write-config: replace the file if it exists.")))
    var force = false

    @Flag(help: ArgumentHelp(t("Answer with the SNAP standard's extra keys, which DOKU's Python SDK rejects.")))
    var strictStandard = false

    @Option(help: ArgumentHelp(t("Payment success code: 2005400 (SNAP standard) or 2000500 (DOKU's DANA sample).")))
    var paymentSuccessCode = "2005400"

    @Option(help: ArgumentHelp(t("Refund success code: 2005800 (SNAP standard) or 2000700 (DOKU's samples).")))
    var refundSuccessCode = "2005800"

    @Option(help: ArgumentHelp(t("Status of a payment whose link expired: 05 (cancelled) or 06 (failed).")))
    var expiredStatus = "05"

    @Option(help: ArgumentHelp(t("A repeated partnerReferenceNo with the same details: replay (the first answer again) or conflict (4095401).")))
    var duplicatePayments = "replay"

    @Option(help: ArgumentHelp(t("How notifications are signed: asymmetric (DOKU's RSA key, as DOKU documents it) or symmetric (HMAC of the secret over a merchant token).")))
    var notificationSignature = "asymmetric"

    @Flag(help: ArgumentHelp(t("Allow listening on a non-loopback address (anyone who can reach it can pay with the customer pages).")))
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
            throw ValidationError("--host \(host) is not a loopback address; anyone on the network could use its customer pages. Add --allow-remote if you mean it")
        }
        for (flag, value) in [("--notify-url", notifyURL), ("--token-url", tokenURL)] {
            if let value, URL(string: value)?.scheme.map({ ["http", "https"].contains($0) }) != true || URL(string: value)?.host == nil {
                throw ValidationError("\(flag) must be an http(s) URL such as http://127.0.0.1:8787/v1.0/debit/notify")
            }
        }
        if let writeConfig {
            if FileManager.default.fileExists(atPath: writeConfig), !force {
                throw ValidationError("--write-config \(writeConfig) exists; add --force to replace it, or name another file")
            }
            let folder = URL(fileURLWithPath: writeConfig).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--write-config \(writeConfig): the folder \(folder) does not exist; create it first")
            }
            guard FileManager.default.isWritableFile(atPath: folder) else {
                throw ValidationError("--write-config \(writeConfig): the folder \(folder) is not writable by this user")
            }
        }
    }

    /// What the written config says about kasir's receiver: the address and paths DOKU (this
    /// sandbox) will call, taken from --notify-url and --token-url so the two agree.
    func receiverSettings() -> SandboxKeyring.ReceiverSettings {
        var settings = SandboxKeyring.ReceiverSettings()
        if let notifyURL, let url = URL(string: notifyURL), let host = url.host {
            let port = url.port ?? (url.scheme == "https" ? 443 : 80)
            settings.listen = "\(host.contains(":") ? "[\(host)]" : host):\(port)"
            if !url.path.isEmpty, url.path != "/" { settings.notifyPath = url.path }
        }
        if let tokenURL, let url = URL(string: tokenURL), !url.path.isEmpty, url.path != "/" { settings.tokenPath = url.path }
        return settings
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
        let simulator = DokuSimulator(configuration: configuration)
        await simulator.observeDeliveries { say(SandboxDeliveriesCommand.line($0)) }
        let server = SandboxServer(simulator: simulator, host: host, port: port)
        let writeConfig = self.writeConfig
        let receiver = receiverSettings()
        let keysCreated = created
        try await server.run(handleSignals: true) { bound in
            let base = "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)"
            let w = cliWords
            say(w(.cliSandboxListening, base))
            say(cliRow(w(.cliSandboxKeys), directory.path + (keysCreated ? w(.cliSandboxCreated) : ""), width: 13))
            say(cliRow(w(.cliCheckClientID), keyring.clientID, width: 13))
            say(cliRow(w(.cliSandboxNotify), configuration.notifyURL ?? w(.cliSandboxNotifyOff), width: 13))
            say(cliRow(w(.cliSandboxControl), w(.cliSandboxControlHow, base, configuration.controlToken), width: 13))
            if let writeConfig {
                let storePath = URL(fileURLWithPath: writeConfig).deletingLastPathComponent().appendingPathComponent("kasir.sqlite").path
                let text = keyring.kasirConfig(baseURL: base, receiver: receiver, storePath: storePath, controlToken: configuration.controlToken)
                do {
                    try SandboxKeyring.writePrivately(text, to: writeConfig)
                    say(cliRow(w(.cliSandboxConfig), w(.cliSandboxConfigUse, writeConfig), width: 13))
                } catch {
                    say(w(.cliSandboxConfigFailed, writeConfig, "\(error)"))
                }
            }
            say(w(.cliSandboxStop))
        }
    }

    static func defaultKeysDirectory() -> String {
        let env = ProcessInfo.processInfo.environment
        let data = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return data + "/kasir/sandbox"
    }
}

/// How a command reaches a running sandbox: the configured DOKU base URL and its control token.
struct SandboxControl: Sendable {
    let baseURL: String
    let token: String

    init(baseURL: String, token: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
    }

    init(_ options: ConfigOptions) throws {
        let configuration: KasirConfiguration
        do { configuration = try options.load() } catch { throw KasirExit.fail(error) }
        guard case .custom(let url) = configuration.environment, let token = configuration.sandboxControlToken else {
            warn(cliWords(.cliSandboxNotSandbox))
            throw KasirExit.badInput
        }
        self.init(baseURL: url, token: token.reveal())
    }

    /// Why a control request did not succeed: no answer, or the sandbox's own words and status.
    enum Failure: Error {
        case unreachable(String)
        case refused(status: UInt, message: String)
    }

    /// One control request; the answer's body, or why not.
    func send(_ method: HTTPMethod, _ path: String) async -> Result<Data, Failure> {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "X-Sandbox-Token", value: token)
        let status: UInt
        let body: ByteBuffer
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            status = response.status.code
            body = try await response.body.collect(upTo: 8 << 20)
        } catch {
            return .failure(.unreachable("the sandbox at \(baseURL) did not answer (\(error)); is `kasir sandbox` running?"))
        }
        let data = Data(body.readableBytesView)
        guard status == 200 else {
            let message = (try? JSONDecoder().decode([String: String].self, from: data))?["error"] ?? "HTTP \(status)"
            return .failure(.refused(status: status, message: message.cleanedForDisplay(limit: 300)))
        }
        return .success(data)
    }

    /// One control request; the answer's body, or an exit with the sandbox's words.
    func call(_ method: HTTPMethod, _ path: String) async throws -> Data {
        switch await send(method, path) {
        case .success(let data): return data
        case .failure(.unreachable(let why)):
            warn("kasir: " + why)
            throw KasirExit.rejected
        case .failure(.refused(let status, let message)):
            warn(cliWords(.cliSandboxRefused, message))
            throw status == 404 || status == 409 ? KasirExit.badInput : KasirExit.rejected
        }
    }

    /// `:resend` in the console: the notification of a finished sale, sent again.
    func resend(_ number: String) async -> ResendOutcome {
        guard !number.contains("/"), let path = number.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) else { return .notFinished }
        switch await send(.POST, "/_sandbox/transactions/\(path)/notify") {
        case .success: return .sent
        case .failure(.refused(let status, _)) where status == 404 || status == 409: return .notFinished
        case .failure(.refused(_, let message)): return .failed(message)
        case .failure(.unreachable(let why)): return .failed(why)
        }
    }
}

/// `kasir sandbox resend INV`: DOKU's back-office "resend notification", against the sandbox.
struct SandboxResendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resend", abstract: t("Ask the running sandbox to send an invoice's final notification again, as DOKU's back office does."))

    @OptionGroup var config: ConfigOptions

    @Argument(help: ArgumentHelp(t("The invoice number (partnerReferenceNo), e.g. INV-20261203-0001.")))
    var invoice: String

    func validate() throws {
        guard (try? PaymentRules.text(invoice, max: 64)) != nil, !invoice.isEmpty, !invoice.contains("/") else {
            throw ValidationError("the invoice number must be plain text without '/', e.g. INV-20261203-0001")
        }
    }

    func run() async throws {
        let control = try SandboxControl(config)
        _ = try await control.call(.POST, "/_sandbox/transactions/\(invoice)/notify")
        say(cliWords(.cliSandboxResending, invoice))
    }
}

/// `kasir sandbox deliveries`: every notification attempt the running sandbox made, with the answer.
struct SandboxDeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries", abstract: t("List the running sandbox's notification delivery attempts and the merchant's answers."))

    @OptionGroup var config: ConfigOptions

    @Option(help: ArgumentHelp(t("Only this invoice's attempts.")))
    var invoice: String?

    func run() async throws {
        let control = try SandboxControl(config)
        let data = try await control.call(.GET, "/_sandbox/deliveries")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let attempts = try? decoder.decode([DeliveryAttempt].self, from: data) else {
            warn(cliWords(.cliSandboxNotDeliveries))
            throw KasirExit.rejected
        }
        let shown = attempts.filter { invoice == nil || $0.partnerReferenceNo == invoice }
        if shown.isEmpty { say(invoice.map { cliWords(.cliSandboxNoDeliveriesFor, $0) } ?? cliWords(.cliSandboxNoDeliveries)) }
        for attempt in shown { say(Self.line(attempt)) }
    }

    /// `2026-12-03T14:03:00+07:00 INV-1 status 00 attempt 1: delivered (HTTP 200, 2005600)`.
    static func line(_ attempt: DeliveryAttempt) -> String {
        let answer = [attempt.httpStatus.map { "HTTP \($0)" }, attempt.responseCode].compactMap { $0 }.joined(separator: ", ")
        return "\(SNAPTimestamp.format(attempt.at)) \(attempt.partnerReferenceNo.cleanedForDisplay(limit: 64)) status \(attempt.status.cleanedForDisplay(limit: 4)) "
            + "attempt \(attempt.attempt): \(attempt.outcome.cleanedForDisplay(limit: 200))" + (answer.isEmpty ? "" : " (\(answer.cleanedForDisplay(limit: 40)))")
    }
}
