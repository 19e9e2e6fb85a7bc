import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

extension ConsoleLogic {
    /// Runs a `:` command line, read by `ConsoleCommandLine.parse`.
    static func command(_ state: inout AppState, _ line: String) -> [Effect] {
        let w = state.words
        switch ConsoleCommandLine.parse(line) {
        case nil: return []
        case .failure(let problem):
            state.message = Message(.error, problem.text(w, themes: state.themeNames))
            return []
        case .success(let command):
            switch command {
            case .quit: return handleListQuit(&state)
            case .pay, .refund:
                guard !state.readOnly else {
                    state.message = Message(.error, w(.readOnlyConsole))
                    return []
                }
                if case .refund(let number, let amount) = command {
                    state.pendingRefundAmount = amount
                    return [.loadRefundable(invoiceNumber: number)]
                }
                guard case .pay(let amount) = command else { return [] }
                let effects = openPaymentForm(&state)
                // As typed, read by the same rules as the form: nothing is dropped or reinterpreted.
                if let amount, case .paymentForm(var form) = state.modal {
                    form.amount.setText(amount)
                    AmountEntry.check(&form.amount, words: w)
                    state.modal = .paymentForm(form)
                }
                return effects
            case .status(let number):
                let tag = state.newTag(.taskStatus)
                return [.checkStatus(tag: tag, invoiceNumber: number)]
            case .theme(let name): return [.loadTheme(name)]
            case .resend(let number): return [.resend(invoiceNumber: number)]
            case .reconcile: return [.reconcile]
            case .export: return [.export(query: state.list.query)]
            case .find(let text):
                state.list.text = text
                return reloadPage(&state, keepPosition: false)
            case .shift(let request):
                if case .open = request, state.readOnly {
                    state.message = Message(.error, w(.readOnlyConsole))
                    return []
                }
                state.message = Message(.info, w(request == .close ? .closingShift : .askingShift))
                return [.shift(request)]
            }
        }
    }
}
