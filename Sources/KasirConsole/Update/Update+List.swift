import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

extension ConsoleLogic {
    /// The invoice list's own keys (and the log pane's, while it has the focus), by its keymap.
    static func listKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let command = Keymaps.list(readOnly: state.readOnly, words: state.words).action(for: key) else {
            if state.readOnly, key == .character("n") || key == .character("r") {
                state.message = Message(.error, state.words(.readOnlyKeys))
            }
            return []
        }
        let visible = visibleRows(state)
        if state.focus == .log {
            switch command {
            case .up: state.log.scroll(by: 1); return []
            case .down: state.log.scroll(by: -1); return []
            case .pageUp: state.log.scroll(by: visible); return []
            case .pageDown: state.log.scroll(by: -visible); return []
            default: break
            }
        }
        switch command {
        case .up: return move(&state, by: -1)
        case .down: return move(&state, by: 1)
        case .pageUp: return move(&state, by: -visible)
        case .pageDown: return move(&state, by: visible)
        case .home:
            return navigate(&state, to: .first, select: .first)
        case .end:
            // The highlight stays where it is until the oldest page arrives; then its last row is highlighted.
            return navigate(&state, to: .last, select: .last)
        case .newPayment:
            return openPaymentForm(&state)
        case .refund:
            guard let invoice = state.selectedInvoice else { return [] }
            guard invoice.status == .paid || invoice.status == .partiallyRefunded else {
                state.message = Message(
                    .error, state.words(.notRefundableStatus, invoice.number, state.words.status(invoice.status)) + (invoice.status == .refunded ? "" : state.words(.onlyPaidRefundable)))
                return []
            }
            return [.loadRefundable(invoiceNumber: invoice.number)]
        case .checkStatus:
            guard let invoice = state.selectedInvoice else { return [] }
            let tag = state.newTag(.taskStatus)
            state.message = Message(.info, state.words(.checkingStatus, invoice.number))
            return [.checkStatus(tag: tag, invoiceNumber: invoice.number)]
        case .reconcile:
            state.message = Message(.info, state.words(.reconciling))
            return [.reconcile]
        case .shiftReport:
            state.message = Message(.info, state.words(.askingShift))
            return [.shift(.report)]
        case .receipt:
            guard let invoice = state.selectedInvoice else { return [] }
            return [.loadReceipt(invoiceNumber: invoice.number)]
        case .export:
            return [.export(query: state.list.query)]
        case .showQR:
            guard let invoice = state.selectedInvoice else { return [] }
            guard invoice.webRedirectUrl != nil else {
                state.message = Message(.error, noLinkMessage(invoice, words: state.words))
                return []
            }
            openQR(&state, invoice)
            return []
        case .filter where state.focus == .log:
            // The filter in force, to edit; Enter on nothing clears it.
            state.modal = .logFilter(TextFieldState(state.log.filter, maxLength: 64))
        case .mark:
            state.log.append(LogFormatter.mark(at: state.now, words: state.words))
        case .filter:
            // A new search starts empty (the prompt shows the one in force); Enter on nothing clears it.
            state.modal = .filter(TextFieldState(maxLength: 64))
        case .statusFilter:
            let cycle: [Set<InvoiceStatus>] = [[], [.awaitingPayment, .created], [.paid, .partiallyRefunded], [.unknown], [.failed, .expired], [.refunded]]
            let index = cycle.firstIndex(of: state.list.statuses) ?? 0
            state.list.statuses = cycle[(index + 1) % cycle.count]
            return reloadPage(&state, keepPosition: false)
        case .allTerminals:
            // The scope of the list, not a filter: `c` leaves it as it is.
            state.list.terminal = state.list.terminal == nil ? state.deskDefaults.deviceID : nil
            state.message = Message(.info, state.list.terminal.map { state.words(.scopeThisTerminal, $0) } ?? state.words(.scopeAllTerminals))
            return reloadPage(&state, keepPosition: false)
        case .clearFilter:
            state.list.statuses = []
            state.list.text = ""
            return reloadPage(&state, keepPosition: false)
        case .commandLine:
            state.modal = .commandLine(TextFieldState(maxLength: 120))
        case .cycleTheme:
            return cycleTheme(state)
        case .switchPane:
            state.focus = state.focus == .list ? .log : .list
            if state.focus == .log { state.zoomDetail = false }
        case .zoomLog:
            state.zoomLog.toggle()
            if state.zoomLog { state.zoomDetail = false }
        case .zoomDetail:
            state.zoomDetail.toggle()
            if state.zoomDetail {
                state.zoomLog = false
                state.focus = .list
            }
        case .follow:
            state.log.follow = true
            state.log.scroll = 0
        case .wrap: state.log.wrap.toggle()
        case .openExchange: return openExchange(&state)
        case .help: state.modal = .help
        case .quit:
            if !state.inFlight.isEmpty {
                state.modal = .confirmQuit
                return []
            }
            state.quitting = true
            return [.quit]
        }
        return []
    }
}
