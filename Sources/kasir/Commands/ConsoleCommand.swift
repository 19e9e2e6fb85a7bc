import ArgumentParser
import DokuSNAP
import Foundation
import KasirConfig
import KasirConsole
import KasirCore
import NcursesTerminal
import NotificationServer
import TerminalUI

extension NcursesTerminal: ConsoleTerminal {}

/// Options shared by `kasir console` and `kasir demo`.
struct ConsoleOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(t("Hide payment and refund actions (ops watching, demos on a projector).")))
    var readOnly = false

    @Option(help: ArgumentHelp(t("Theme name: default, light, high-contrast, mono, or one in $XDG_CONFIG_HOME/kasir/themes.")))
    var theme = "default"

    @OptionGroup var language: LanguageOption

    @Flag(help: ArgumentHelp(t("No bell when a sale is paid, fails or expires (overrides [console] bell).")))
    var quiet = false
}

/// Runs the console on the real terminal until the user quits, then restores the terminal.
@MainActor
/// `autoplay` plays a script until a key is pressed (`kasir demo --autoplay`).
func runConsole(state: AppState, services: ConsoleServices, options: ConsoleOptions, autoplay: DemoScript? = nil) async throws {
    let terminal: NcursesTerminal
    do { terminal = try NcursesTerminal.start() } catch {
        throw KasirExit.fail(ValidationError(error.description))
    }
    defer { terminal.stop() }
    var state = state
    state.theme = state.theme.mapped(to: terminal.colorDepth)
    let depth = terminal.colorDepth
    let loader = ThemeLoader.standard()
    var services = services
    services.words = state.words
    services.loadTheme = { name in
        let (theme, error) = loader.load(name)
        return (theme.mapped(to: depth), error?.description)
    }
    let screen: any ConsoleTerminal = autoplay.map { AutoplayTerminal(terminal, script: $0) } ?? terminal
    let runtime = ConsoleRuntime(state: state, services: services, terminal: screen)
    await runtime.run()
}

/// The initial console state for a configuration.
func initialState(
    environment: ConsoleEnvironment, clientID: String, receiver: ReceiverStatus, desk: DeskConfiguration, options: ConsoleOptions, configuration: KasirConfiguration? = nil
) -> AppState {
    let loader = ThemeLoader.standard()
    let (theme, themeError) = loader.load(options.theme)
    var state = AppState(
        environment: environment, clientID: clientID, receiver: receiver, now: Date(), width: 80, height: 24, theme: theme, themeNames: loader.available(),
        readOnly: options.readOnly)
    state.words = options.language.words(configured: configuration?.language)
    state.bell = !options.quiet && (configuration?.bell ?? true)
    state.flash = configuration?.flash ?? false
    // The Linux console has no clipboard to set; everywhere else OSC 52 is tried (tmux, xterm,
    // iTerm2, kitty, Windows Terminal take it, also over SSH) and the file is saved anyway.
    state.clipboard = (configuration?.clipboard ?? true) && ProcessInfo.processInfo.environment["TERM"] != "linux"
    state.shopName = configuration?.shopName ?? clientID.cleanedForDisplay(limit: 40)
    state.dokuBaseURL = configuration?.environment.baseURL ?? ""
    state.deskDefaults = desk
    // A counter sees its own sales; `T` shows every terminal's on a shared store.
    state.list.terminal = desk.deviceID
    if let themeError { state.message = Message(.error, state.words(.themeError, themeError.description)) }
    return state
}

/// `kasir console` (the default): the merchant console on the configured DOKU.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: t("The merchant console (the default command)."))

    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ConsoleOptions

    @MainActor
    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if config.path == nil, !FileManager.default.fileExists(atPath: ConfigurationLoader.defaultPath(environment: environment)) {
            warn(cliWords(.cliNoConfig, ConfigurationLoader.defaultPath(environment: environment)))
            warn(cliWords(.cliTryDemo))
            warn(cliWords(.cliTrySandbox))
            throw KasirExit.badInput
        }
        let runtime: MerchantRuntime
        do { runtime = try await MerchantRuntime.open(try config.load()) } catch { throw KasirExit.fail(error) }
        let configuration = runtime.configuration
        let words = options.language.words(configured: configuration.language)
        let receivers = OwnReceiver(runtime: runtime, words: words)
        var receiverStatus = ReceiverStatus.notRunning(words(.receiverDisabled))
        if configuration.receiverEnabled {
            switch await receivers.start() {
            case .success(let address): receiverStatus = .listening(host: address.host, port: address.port)
            case .failure(let failure): receiverStatus = .notRunning(failure.reason)
            }
        }
        let badge: ConsoleEnvironment = configuration.environment.isProduction ? .production : .sandbox
        var state = initialState(
            environment: badge, clientID: configuration.clientID, receiver: receiverStatus, desk: configuration.deskConfiguration, options: options, configuration: configuration)
        state.canReceive = configuration.receiverEnabled
        let start: (@Sendable () async -> Result<ReceiverAddress, ReceiverStartFailure>)? =
            configuration.receiverEnabled ? { @Sendable in await receivers.start() } : nil
        // `:resend` reaches a kasir sandbox through its control API; real DOKU has no such thing.
        var resend: (@Sendable (String) async -> ResendOutcome)?
        if case .custom(let url) = configuration.environment, let token = configuration.sandboxControlToken {
            let control = SandboxControl(baseURL: url, token: token.reveal())
            resend = { number in await control.resend(number) }
        }
        let services = ConsoleServices(
            desk: runtime.desk, store: runtime.store, loadTheme: { _ in (.builtIn, nil) }, exportDirectory: FileManager.default.currentDirectoryPath,
            startReceiver: start, resend: resend)
        try await runConsole(state: state, services: services, options: options)
        await receivers.stop()
        await runtime.shutdown()
    }
}

/// The console's own notification receiver: started at launch, or later to take over from a
/// `kasir listen` that stopped; it beats in the store while it runs, so others see it.
actor OwnReceiver {
    let runtime: MerchantRuntime
    let words: Words
    var running: RunningReceiver?
    var heartbeat: Task<Void, Never>?

    init(runtime: MerchantRuntime, words: Words) {
        self.runtime = runtime
        self.words = words
    }

    func start() async -> Result<ReceiverAddress, ReceiverStartFailure> {
        if let running { return .success(ReceiverAddress(host: running.host, port: running.port)) }
        let configuration = runtime.configuration
        do {
            let started = try await runtime.receiver().start()
            running = started
            heartbeat = ReceiverHeartbeat.keepBeating(store: runtime.store, address: "\(started.host):\(started.port)", owner: "console")
            return .success(ReceiverAddress(host: started.host, port: started.port))
        } catch {
            return .failure(ReceiverStartFailure(words(.portInUse, "\(configuration.listenHost):\(configuration.listenPort)")))
        }
    }

    func stop() async {
        heartbeat?.cancel()
        await heartbeat?.value
        await running?.stop()
    }
}
