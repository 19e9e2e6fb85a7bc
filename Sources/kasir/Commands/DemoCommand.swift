import ArgumentParser
import DokuSNAP
import DokuSandbox
import Foundation
import KasirConfig
import KasirConsole
import KasirCore
import KasirRuntime
import KasirStore
import Logging
import NotificationServer

/// `kasir demo`: everything in one process, offline — an embedded DOKU sandbox, the notification
/// receiver, a demo database kept apart from real data, fresh keys, and the console.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: t("Run the whole flow offline: embedded DOKU sandbox, receiver, demo database and the console."),
        discussion: t("""
            It opens on a shop that has been trading (a morning of sales: paid, one failed, one \
            expired, one partly refunded). In the QR view of a demo invoice, p makes the customer \
            pay, f fail and x let the link expire; the sandbox's customer page works from a browser \
            too, and from a phone on the same network with --host. --autoplay plays a sale on its \
            own, looping, for a projector; any key hands control back.
            """))

    @OptionGroup var options: ConsoleOptions

    @Option(help: ArgumentHelp(t("Folder for the demo's database and keys (default: $XDG_DATA_HOME/kasir/demo; emptied at start).")))
    var dataDir: String?

    @Option(help: ArgumentHelp(t("Serve the sandbox's customer pages on this address (e.g. this machine's Wi-Fi address, 192.168.1.20) so a phone that scans the QR code opens them. Default: loopback only.")))
    var host = "127.0.0.1"

    @Flag(help: ArgumentHelp(t("Start on an empty shop instead of a morning of sales.")))
    var empty = false

    @Flag(help: ArgumentHelp(t("Play a scripted sale on its own, looping (for a projector); any key hands control back.")))
    var autoplay = false

    func validate() throws {
        var address = in6_addr()
        guard inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, host, &address) == 1, host != "0.0.0.0", host != "::" else {
            throw ValidationError("--host \(host.cleanedForDisplay(limit: 60)) must be one address of this machine, e.g. 192.168.1.20 (see `ip -4 addr`), not a name or 0.0.0.0: the QR code carries it")
        }
    }

    @MainActor
    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.local/share"
        let directory = URL(fileURLWithPath: dataDir ?? base + "/kasir/demo")
        try? FileManager.default.removeItem(at: directory)
        let quiet = Logger(label: "kasir.demo", factory: { _ in SwiftLogNoOpLogHandler() })
        let (keyring, _) = try SandboxKeyring.loadOrCreate(at: directory.appendingPathComponent("keys"))
        let sandbox = try await SandboxServer(
            simulator: DokuSimulator(
                configuration: SandboxConfiguration(
                    clientID: keyring.clientID, clientSecret: keyring.clientSecret, merchantPublicKey: keyring.merchantKey.publicKey, dokuKey: keyring.dokuKey,
                    timeFactor: 60, merchantName: "Toko Kasir Demo")), host: host, port: 0, logger: quiet
        ).start()
        let deskConfiguration = DeskConfiguration(deviceID: "DEMO01", returnURL: sandbox.baseURL + "/return", validFor: 15 * 60, invoicePrefix: "DEMO")
        let stack = try await MerchantStack.wire(
            store: try SQLiteMerchantStore(path: directory.appendingPathComponent("demo.sqlite").path), environment: .custom(sandbox.baseURL),
            credentials: DokuCredentials(clientID: keyring.clientID, clientSecret: keyring.clientSecret, privateKey: keyring.merchantKey),
            dokuPublicKey: keyring.dokuKey.publicKey, desk: deskConfiguration, logger: quiet)
        let receiver = try await stack.receiver(logger: quiet).start()
        await sandbox.simulator.setNotifyURL(receiver.baseURL + DokuPaths.notify)
        if !empty {
            do { try await DemoSeed.run(desk: stack.desk, simulator: sandbox.simulator) } catch { warn(cliWords(.cliDemoSeedFailed, "\(error)")) }
        }

        let simulator = sandbox.simulator
        var state = initialState(
            environment: .demo, clientID: keyring.clientID, receiver: .listening(host: receiver.host, port: receiver.port), desk: deskConfiguration, options: options)
        state.shopName = "Toko Kasir Demo"
        state.dokuBaseURL = sandbox.baseURL
        state.message = Message(.info, state.words(autoplay ? .demoAutoplayHint : .demoHint))
        let services = ConsoleServices(
            desk: stack.desk, store: stack.store, loadTheme: { _ in (.builtIn, nil) },
            simulate: { number, outcome in
                switch outcome {
                case .pay: return await simulator.settle(partnerReferenceNo: number, to: .success) != nil
                case .fail: return await simulator.settle(partnerReferenceNo: number, to: .failed) != nil
                case .expire: return await simulator.expire(partnerReferenceNo: number) != nil
                }
            }, exportDirectory: directory.path,
            resend: { number in await simulator.resendNotification(partnerReferenceNo: number) ? .sent : .notFinished })
        do {
            try await runConsole(state: state, services: services, options: options, autoplay: autoplay ? DemoScript.sale : nil)
        } catch {
            await receiver.stop()
            await sandbox.stop()
            await stack.shutdown()
            throw error
        }
        await receiver.stop()
        await sandbox.stop()
        await stack.shutdown()
        say(cliWords(.cliDemoStopped, directory.path))
    }
}
