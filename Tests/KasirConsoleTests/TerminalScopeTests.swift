import DokuSNAP
import Foundation
import KasirCore
import Testing
import TerminalUI

@testable import KasirConsole

@Suite struct TerminalScopeTests {
    @Test func theListIsThisTerminalsUntilTShowsEveryTerminal() {
        var state = stateWithInvoices()
        state.deskDefaults = DeskConfiguration(deviceID: "POS02")
        state.list.terminal = "POS02"
        #expect(state.list.query.terminal == "POS02")
        let effects = ConsoleLogic.update(&state, .key(.character("T")))
        #expect(state.list.terminal == nil && state.list.query.terminal == nil)
        #expect(effects.contains { if case .loadPage(_, let query, _, _) = $0 { query.terminal == nil } else { false } }, "the page is read again for every terminal")
        #expect(state.message?.text.contains("every terminal") == true)
        _ = ConsoleLogic.update(&state, .key(.character("c")))
        #expect(state.list.terminal == nil, "clearing filters leaves the scope")
        _ = ConsoleLogic.update(&state, .key(.character("T")))
        #expect(state.list.terminal == "POS02")
    }
}
