import ArgumentParser
import DokuSNAP
import Foundation
import KasirConfig
import KasirPostgres
import KasirRuntime
import KasirCore
import NotificationServer

/// `kasir listen`: the notification receiver as a long-running service.
struct ListenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: t("Receive DOKU's token requests and payment notifications; logs one line per notification."),
        discussion: "Stops cleanly on SIGINT or SIGTERM. Every notification is committed before it is acknowledged.")

    @OptionGroup var config: ConfigOptions

    @Option(help: ArgumentHelp(t("host:port to listen on (default from config, notifications.listen).")))
    var listen: String?

    @Option(help: ArgumentHelp(t("Run reconciliation this often (e.g. 60s; 0 turns it off).")))
    var reconcileEvery = "60s"

    @Option(help: ArgumentHelp(t("host:port for /metrics and /healthz, or off (default from config, notifications.metrics_listen: 127.0.0.1:8788).")))
    var metricsListen: String?

    @Option(help: ArgumentHelp(t("How each notification is logged: text (one readable line) or json (one JSON object per line, for log shippers).")))
    var logFormat = "text"

    func validate() throws {
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be text or json") }
    }

    func run() async throws {
        guard let interval = DurationText.parse(reconcileEvery) else {
            throw KasirExit.fail(ValidationError("--reconcile-every must be a duration such as 60s or 0"))
        }
        var overrides: [String: String] = [:]
        if let listen { overrides["notifications.listen"] = listen }
        if let metricsListen { overrides["notifications.metrics_listen"] = metricsListen }
        let runtime: MerchantRuntime
        do {
            runtime = try await MerchantRuntime.open(try config.load(overrides: overrides))
        } catch {
            throw KasirExit.fail(error)
        }
        let configuration = runtime.configuration
        let receiver = runtime.receiver()
        let events = runtime.events.subscribe()
        let json = logFormat == "json"
        let printer = Task {
            for await event in events {
                guard case .audit(let entry) = event, entry.direction == .incoming else { continue }
                if json {
                    JSONOut.print(LogsCommand.object(entry).filter { !["requestHeaders", "responseHeaders", "requestBody", "responseBody"].contains($0.key) })
                } else {
                    say("\(SNAPTimestamp.format(entry.at))  ← \(cliWords.operation(entry.operation)) \(entry.invoiceNumber ?? "-") \(entry.responseCode ?? "") \(cliWords.notificationOutcome(entry.outcome))")
                }
            }
        }
        let reconciler = Task {
            guard interval > 0 else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                let report = await runtime.desk.reconcile()
                for note in report.notes.map(ReconcileSummary.Note.init(parsing:)) {
                    if case .unchanged = note { continue }
                    say(cliWords(.cliReconcileNote, cliWords.reconcileNote(note)))
                }
            }
        }
        // The audit log's retention, applied here because a receiver is what runs all day.
        let pruner = configuration.auditRetention.map { keep in
            AuditRetention.keepPruning(runtime.store, keep: keep) { deleted, cutoff in
                say(cliWords(.cliListenPruned, String(deleted), SNAPTimestamp.format(cutoff)))
            }
        }
        let heartbeat = HeartbeatBox()
        let metricsServer = Task {
            guard let host = configuration.metricsHost else { return }
            let store = runtime.store
            let started = Date()
            let server = MetricsServer(
                metrics: runtime.stack.metrics, host: host, port: configuration.metricsPort,
                probe: {
                    // The same write the heartbeat makes: proves the store takes a commit now.
                    guard let address = heartbeat.address else { return "the receiver has not started" }
                    do {
                        try await store.beat(ReceiverHeartbeat(address: address, owner: "kasir listen", processID: getpid(), startedAt: started, beatAt: Date()))
                        return nil
                    } catch { return "\(error)" }
                })
            do {
                try await server.run { port in say(cliWords(.cliListenMetrics, "http://\(host.contains(":") ? "[\(host)]" : host):\(port)")) }
            } catch {
                // Receiving matters more than being watched: say so and go on without metrics.
                warn(cliWords(.cliListenNoMetrics, "\(host):\(configuration.metricsPort)", String(describing: error).cleanedForDisplay(limit: 120)))
            }
        }
        do {
            try await receiver.run(handleSignals: true) { port in
                say(cliWords(.cliListenReceiving, "http://\(configuration.listenHost):\(port)\(configuration.notifyPath)", configuration.tokenPath))
                heartbeat.address = "\(configuration.listenHost):\(port)"
                heartbeat.set(ReceiverHeartbeat.keepBeating(store: runtime.store, address: "\(configuration.listenHost):\(port)", owner: "kasir listen"))
            }
        } catch {
            pruner?.cancel()
            metricsServer.cancel()
            reconciler.cancel()
            printer.cancel()
            await runtime.shutdown()
            let text = String(describing: error)
            guard text.contains("in use") || text.contains("EADDRINUSE") || text.contains("errno: 98") else {
                throw KasirExit.fail(ReceiverStartError(host: configuration.listenHost, port: configuration.listenPort, reason: text.cleanedForDisplay(limit: 160)))
            }
            warn(cliWords(.cliListenInUse, "\(configuration.listenHost):\(configuration.listenPort)"))
            throw KasirExit.portInUse
        }
        // Every request in flight has been answered (Hummingbird drains them on SIGTERM): tell the
        // consoles at once that nobody receives here any more.
        await heartbeat.stop()
        pruner?.cancel()
        metricsServer.cancel()
        reconciler.cancel()
        printer.cancel()
        await runtime.shutdown()
        say(cliWords(.cliListenStopped))
    }
}

/// `kasir config check`: validates the configuration and the key files.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: t("Inspect kasir's configuration."), subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: t("Validate the config file and key files; explain each problem."))

        @OptionGroup var config: ConfigOptions

        @Flag(help: ArgumentHelp(t("Also ask the configured DOKU for a B2B token: proves the client id, the merchant key and the clock.")))
        var online = false

        @Option(help: ArgumentHelp(t("With --online: the notification URL registered at DOKU, checked against where kasir listens.")))
        var notifyURL: String?

        func run() async throws {
            do {
                let configuration = try config.load()
                _ = try MerchantKeys.load(configuration)
                let w = cliWords
                say(w(.cliCheckConfig) + ": " + configuration.source)
                say(cliRow(w(.cliCheckDoku), "\(configuration.environment.name) \(configuration.environment.baseURL)"))
                say(cliRow(w(.cliCheckClientID), configuration.clientID))
                say(cliRow(w(.cliCheckKeys), w(.cliCheckKeysLoad)))
                say(
                    cliRow(
                        w(.cliCheckNotifications),
                        w(.cliCheckNotificationPaths, "\(configuration.listenHost):\(configuration.listenPort)", configuration.tokenPath, configuration.notifyPath)))
                say(cliRow(w(.cliCheckSignatures), configuration.notificationSignature.rawValue + (configuration.requireToken ? w(.cliCheckTokenRequired) : "")))
                say(cliRow(w(.cliCheckReturnURL), configuration.returnURL ?? w(.cliCheckNotSet)))
                say(cliRow(w(.cliCheckStore), StoreOpener.describe(configuration)))
                if configuration.storeURL != nil {
                    // Connecting proves the address, the user, the password and the database.
                    guard let store = try await StoreOpener.open(configuration) as? PostgresMerchantStore else { throw StoreError.unavailable("store.url is set but the store opened is not PostgreSQL") }
                    let summary = try await store.serverSummary()
                    await store.shutdown()
                    say(cliRow("", w(.cliCheckPostgres, summary.version, String(summary.migrations.count), summary.migrations.last ?? "")))
                }
                for warning in configuration.warnings { say(w(.cliCheckProblem, warning.text(w))) }
                guard configuration.warnings.isEmpty else { throw KasirExit.fail(ConfigError(configuration.warnings)) }
                if online { try await checkOnline(configuration) }
                say("OK")
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw KasirExit.fail(error)
            }
        }
    }
}

extension ConfigCommand.Check {
    /// A B2B token from the configured DOKU, the clock skew it shows, and the notify URL.
    func checkOnline(_ configuration: KasirConfiguration) async throws {
        let runtime = try await MerchantRuntime.open(configuration)
        let base = configuration.environment.baseURL
        var problems: [String] = []
        var tokenError: DokuError?
        do { _ = try await runtime.stack.client.accessToken() } catch { tokenError = error }
        if let tokenError {
            problems.append(OnlineCheck.explain(tokenError, baseURL: base))
        } else {
            await runtime.stack.audit.drain()
            let recent = (try? await runtime.store.audit(limit: 10)) ?? []
            let exchange = recent.first { $0.operation == DokuOperation.accessToken.rawValue }
            let latency = exchange?.latencyMs.map { "\($0) ms" } ?? "?"
            let w = cliWords
            say(cliRow(w(.cliCheckOnline), w(.cliCheckTokenIssued, base, latency)))
            if let skew = exchange.flatMap(OnlineCheck.skew) {
                say(cliRow(w(.cliCheckClock), w(.cliCheckSkew, String(format: "%+.1f", skew))))
                if abs(skew) > 60 { problems.append(w(.cliCheckClockOff, String(format: "%.0f", abs(skew)))) }
            } else {
                say(cliRow(w(.cliCheckClock), w(.cliCheckNoTimestamp)))
            }
        }
        if let notifyURL {
            let found = OnlineCheck.notifyURLProblems(notifyURL, configuration: configuration)
            if found.isEmpty { say(cliRow(cliWords(.cliCheckNotifyURL), cliWords(.cliCheckNotifyReaches, notifyURL, configuration.notifyPath))) }
            problems += found
        }
        await runtime.shutdown()
        for problem in problems { say(cliWords(.cliCheckProblem, problem)) }
        guard problems.isEmpty else { throw KasirExit.rejected }
    }
}

/// The heartbeat task of `kasir listen`, started once the port is bound.
final class HeartbeatBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var bound: String?

    /// The receiver's address once bound.
    var address: String? {
        get { lock.withLock { bound } }
        set { lock.withLock { bound = newValue } }
    }

    func set(_ task: Task<Void, Never>) { lock.withLock { self.task = task } }

    func stop() async {
        let task = lock.withLock { self.task }
        task?.cancel()
        await task?.value
    }
}
