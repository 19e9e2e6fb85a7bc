import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// What the console needs from a terminal (the ncurses backend, or a test double).
@MainActor
public protocol ConsoleTerminal: AnyObject {
    var width: Int { get }
    var height: Int { get }
    var unicode: Bool { get }
    /// The next key if one is waiting; never blocks.
    func readKey() -> Key?
    func draw(_ buffer: Buffer, cursor: (x: Int, y: Int)?)
    /// Rings the terminal's bell, and flashes the screen too when `flash`.
    func ring(flash: Bool)
    /// Puts `text` on the clipboard of the terminal the person sits at (OSC 52, which tmux and
    /// most terminal emulators take, also over SSH); false when this terminal cannot.
    func copyToClipboard(_ text: String) -> Bool
}

extension ConsoleTerminal {
    public func copyToClipboard(_ text: String) -> Bool { false }
}

/// What a sandbox said to `:resend`.
public enum ResendOutcome: Sendable, Equatable {
    case sent
    /// Unknown to the sandbox, or not finished: nothing to resend.
    case notFinished
    case failed(String)
}

/// The outside world the console's effects reach.
public struct ConsoleServices: Sendable {
    public var desk: PaymentDesk
    public var store: any MerchantStore
    public var loadTheme: @Sendable (String) -> (Theme, String?)
    /// Demo only: makes the simulated customer pay, fail or let the link expire; false when the
    /// sandbox has no such payment.
    public var simulate: (@Sendable (String, SimulatedOutcome) async -> Bool)?
    /// Sandbox or demo only: sends an invoice's final notification again; nil elsewhere.
    public var resend: (@Sendable (String) async -> ResendOutcome)?
    /// The language of what the effects report.
    public var words: Words = .english
    public var exportDirectory: String
    public var clock: any WallClock
    /// Starts this console's own notification receiver (when nobody else receives), if it may.
    public var startReceiver: (@Sendable () async -> Result<ReceiverAddress, ReceiverStartFailure>)?

    public init(
        desk: PaymentDesk, store: any MerchantStore, loadTheme: @escaping @Sendable (String) -> (Theme, String?),
        simulate: (@Sendable (String, SimulatedOutcome) async -> Bool)? = nil, exportDirectory: String, clock: any WallClock = SystemClock(),
        startReceiver: (@Sendable () async -> Result<ReceiverAddress, ReceiverStartFailure>)? = nil,
        resend: (@Sendable (String) async -> ResendOutcome)? = nil
    ) {
        self.startReceiver = startReceiver
        self.resend = resend
        self.desk = desk
        self.store = store
        self.loadTheme = loadTheme
        self.simulate = simulate
        self.exportDirectory = exportDirectory
        self.clock = clock
    }
}

/// The loop: merges keys, effect results, store changes, desk events and clock ticks into
/// actions, runs `update`, performs the effects, and draws when something changed.
@MainActor
public final class ConsoleRuntime {
    public private(set) var state: AppState
    let services: ConsoleServices
    let terminal: any ConsoleTerminal
    let runner: EffectRunner
    var pending: [Action] = []
    var tasks: [Task<Void, Never>] = []
    /// Effects still running: while there are any, the loop checks back every millisecond so an
    /// answer reaches the screen at once; otherwise it polls keys every 8 ms.
    var runningEffects = 0

    public init(state: AppState, services: ConsoleServices, terminal: any ConsoleTerminal) {
        self.state = state
        self.services = services
        self.terminal = terminal
        self.runner = EffectRunner(services: services)
    }

    func enqueue(_ action: Action) { pending.append(action) }

    /// Runs until the user quits.
    public func run() async {
        state.width = terminal.width
        state.height = terminal.height
        state.unicode = terminal.unicode
        let events = services.desk.events.subscribe()
        let changes = services.store.changes()
        tasks.append(Task { [weak self] in for await event in events { self?.enqueue(.desk(event)) } })
        tasks.append(Task { [weak self] in for await _ in changes { self?.enqueue(.storeChanged) } })
        tasks.append(Task { [weak self, clock = services.clock] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                self?.enqueue(.tick(clock.now()))
            }
        })
        perform(ConsoleLogic.update(&state, .storeChanged) + [.observeReceiver])
        var dirty = true
        while !state.quitting {
            var handled = false
            while let key = terminal.readKey() {
                handled = true
                if key == .resize { dispatch(.resized(width: terminal.width, height: terminal.height)) }
                dispatch(.key(key))
                if state.quitting { break }
            }
            while !pending.isEmpty {
                handled = true
                let batch = pending
                pending.removeAll()
                for action in batch { dispatch(action) }
            }
            dirty = dirty || handled
            if dirty {
                draw()
                dirty = false
            }
            if !handled { try? await Task.sleep(for: .milliseconds(runningEffects > 0 ? 1 : 8)) }
        }
        for task in tasks { task.cancel() }
    }

    /// Applies one action and starts its effects.
    public func dispatch(_ action: Action) {
        perform(ConsoleLogic.update(&state, action))
    }

    func perform(_ effects: [Effect]) {
        for effect in effects {
            if effect == .quit {
                state.quitting = true
                continue
            }
            if case .cue(let cue) = effect {
                ring(cue)
                continue
            }
            if case .clipboard(let text) = effect {
                enqueue(.clipboardCopied(terminal.copyToClipboard(text)))
                continue
            }
            let runner = self.runner
            let pageSize = ConsoleLogic.pageSize(state)
            runningEffects += 1
            Task { [weak self] in
                let action = await runner.perform(effect, pageSize: pageSize)
                if let action { self?.enqueue(action) }
                self?.runningEffects -= 1
            }
        }
    }

    /// PAID: one ring. FAILED or EXPIRED: three short ones, so the two are told apart by ear.
    func ring(_ cue: Cue) {
        terminal.ring(flash: state.flash)
        guard cue == .failed else { return }
        tasks.append(Task { [weak self] in
            for _ in 0..<2 {
                try? await Task.sleep(for: .milliseconds(180))
                guard let self else { return }
                self.terminal.ring(flash: false)
            }
        })
    }

    func draw() {
        var buffer = Buffer(width: state.width, height: state.height)
        let cursor = ConsoleView.render(state, into: &buffer)
        terminal.draw(buffer, cursor: cursor)
    }
}
