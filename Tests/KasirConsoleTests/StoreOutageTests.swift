import DokuSNAP
import Foundation
import KasirCore
import Testing
import TerminalUI

@testable import KasirConsole

/// The database going away: the console keeps what it shows, says so in the header, asks every
/// second, and reads everything again when the database answers.
@Suite struct StoreOutageTests {
    @Test func anOutageKeepsTheRowsSaysSoAndRecoversByItself() {
        var state = stateWithInvoices()
        let rows = state.list.rows
        let tag = state.list.pageTag
        _ = ConsoleLogic.update(&state, .pageFailed(tag: tag, reason: "cannot reach the database at postgresql://kasir@db:5432/kasir"))
        #expect(state.list.rows == rows, "what was shown stays")
        #expect(state.storeProblem != nil && !state.list.loading)
        #expect(ConsoleLogic.receiverTexts(state).first?.contains("DATABASE UNREACHABLE") == true)
        var buffer = Buffer(width: state.width, height: state.height)
        _ = ConsoleView.render(state, into: &buffer)
        let screen = buffer.lines.joined(separator: "\n")
        #expect(screen.contains("DATABASE UNREACHABLE"))

        // While it is away the store is asked on every tick, not every fifth.
        let ticks = (0..<3).map { _ in ConsoleLogic.update(&state, .tick(state.now.addingTimeInterval(1))) }
        #expect(ticks.allSatisfy { $0.contains(.observeReceiver) })

        // A heartbeat read that fails is the database, not a dead receiver: nobody takes over.
        state.canReceive = true
        let failed = ConsoleLogic.update(&state, .storeUnreachable(reason: "connection refused"))
        #expect(!failed.contains(.startReceiver) && !state.takingOver)

        // It answers: the list, detail and log are read again, and the header forgets the outage.
        let back = ConsoleLogic.update(&state, .receiverObserved(nil))
        #expect(state.storeProblem == nil)
        #expect(back.contains { if case .loadPage = $0 { true } else { false } })
        #expect(state.message?.text.contains("database is back") == true)
    }
}
