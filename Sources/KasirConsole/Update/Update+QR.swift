import KasirCore
import TerminalUI

extension ConsoleLogic {
    /// The QR view's own keys while the customer pays, and the decided sale's (PAID, FAILED,
    /// EXPIRED) once it is settled: each by its keymap, which also draws the footer.
    static func qrKey(_ state: inout AppState, _ screen: QRScreen, _ key: Key) -> [Effect] {
        if screen.invoice.status.isSettled {
            switch Keymaps.outcome(readOnly: state.readOnly, words: state.words).action(for: key) {
            case .nextSale?: return openPaymentForm(&state)
            case .close?: return closeQR(&state, screen)
            case .cycleTheme?: return cycleTheme(state)
            case nil: return []
            }
        }
        switch Keymaps.qr(demo: state.environment == .demo, words: state.words).action(for: key) {
        case .close?: return closeQR(&state, screen)
        case .checkStatus?:
            let tag = state.newTag(.taskStatus)
            return [.checkStatus(tag: tag, invoiceNumber: screen.invoice.number)]
        case .simulate(let outcome)?: return [.simulate(invoiceNumber: screen.invoice.number, outcome: outcome)]
        case .cycleTheme?: return cycleTheme(state)
        case nil: return []
        }
    }
}
