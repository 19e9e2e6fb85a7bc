import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// The exchange view's own update: it opens on the log's current line, scrolls, saves the
/// exchange as curl, and closes; the parent only routes its keys here.
extension ConsoleLogic {
    /// `o`: the current log line's exchange, read whole.
    static func openExchange(_ state: inout AppState) -> [Effect] {
        guard let line = state.log.currentLine else {
            state.message = Message(.info, state.words(.exchangeNone))
            return []
        }
        guard let reference = line.reference, let entry = state.exchanges[reference] else {
            state.message = Message(.info, state.words(.exchangeNoDetail))
            return []
        }
        state.modal = .exchange(ExchangeScreen(entry: entry))
        return []
    }

    static func exchangeKey(_ state: inout AppState, _ screen: inout ExchangeScreen, _ key: Key) -> [Effect] {
        let page = max(1, ExchangeView.visibleRows(state))
        let last = max(0, ExchangeView.lineCount(screen, state: state) - page)
        switch Keymaps.exchange(words: state.words).action(for: key) {
        case .down?: screen.scroll = min(last, screen.scroll + 1)
        case .up?: screen.scroll = max(0, screen.scroll - 1)
        case .pageDown?: screen.scroll = min(last, screen.scroll + page)
        case .pageUp?: screen.scroll = max(0, screen.scroll - page)
        case .cycleTheme?: return cycleTheme(state)
        case .close?: state.modal = nil
        case .saveCurl?:
            let entry = screen.entry
            let base: String
            if entry.direction == .outgoing {
                base = state.dokuBaseURL
            } else if case .listening(let host, let port) = state.receiver {
                base = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
            } else {
                base = "http://127.0.0.1:8787"
            }
            let name = entry.operation.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            let script = CurlCommand.script(entry, baseURL: base)
            // The file always (it is what the message names); the clipboard too when allowed.
            state.copiedToClipboard = false
            return (state.clipboard ? [.clipboard(script)] : []) + [.saveCurl(script: script, name: name)]
        case nil: break
        }
        return []
    }

    /// Log lines from the store, each remembering its exchange so `o` can open it.
    static func appendToLog(_ state: inout AppState, _ entry: AuditEntry) {
        // A reconcile's routine checks are in its summary line (`kasir logs` still lists them).
        guard !entry.isRoutineReconcileCheck else { return }
        var line = LogFormatter.line(entry, words: state.words)
        line.reference = state.nextExchange
        state.exchanges[state.nextExchange] = entry
        state.nextExchange += 1
        // The log keeps `capacity` lines: forget the exchanges of lines it dropped.
        let oldest = state.nextExchange - state.log.capacity
        if oldest > 0 { state.exchanges.removeValue(forKey: oldest - 1) }
        state.log.append(line)
    }
}
