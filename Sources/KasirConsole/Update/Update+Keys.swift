import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

extension ConsoleLogic {
    /// Routes a key to the component on screen, and acts on what the component says it did:
    /// each form, prompt and question owns its keys (`Components/`), the list its own (`Update+List`).
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let w = state.words
        switch state.modal {
        case nil: return listKey(&state, key)
        case .paymentForm(var form):
            let outcome = form.update(key, words: w, confirmAbove: state.deskDefaults.confirmAbove)
            state.modal = .paymentForm(form)
            switch outcome {
            case .editing: break
            case .cancelled: state.modal = nil
            case .closedWhileAsking:
                state.modal = nil
                state.message = Message(.info, w(.paymentStillWithDoku))
            case .invalid: state.message = Message(.error, w(.fixMarkedFields))
            case .needsConfirmation: state.modal = .confirmPayment(form)
            case .submit(let draft): return submitPayment(&state, &form, draft)
            }
            return []
        case .confirmPayment(var form):
            switch form.confirm(key, words: w) {
            case .waiting, .closedWhileAsking: break
            case .back: state.modal = .paymentForm(form)
            case .yes(let draft): return submitPayment(&state, &form, draft)
            }
            return []
        case .refundForm(var form):
            let outcome = form.update(key, words: w)
            switch outcome {
            case .editing: state.modal = .refundForm(form)
            case .cancelled: state.modal = nil
            case .confirm: state.modal = .confirmRefund(form)
            }
            return []
        case .confirmRefund(var form):
            switch form.confirm(key, words: w) {
            case .waiting: break
            case .closedWhileAsking:
                state.modal = nil
                state.message = Message(.info, w(.refundStillWithDoku))
            case .back: state.modal = .refundForm(form)
            case .yes(let amount):
                let tag = state.newTag(.taskRefund)
                form.pendingTag = tag
                state.modal = .confirmRefund(form)
                return [
                    .refund(
                        tag: tag, invoiceNumber: form.invoice.number, amount: amount, reason: form.reason.text.isEmpty ? nil : form.reason.text,
                        refundNumber: form.number.text)
                ]
            }
            return []
        case .qr(let screen): return qrKey(&state, screen, key)
        case .exchange(var screen):
            let effects = exchangeKey(&state, &screen, key)
            if case .exchange = state.modal { state.modal = .exchange(screen) }
            return effects
        case .commandLine(var field):
            switch field.prompt(key) {
            case .editing: state.modal = .commandLine(field)
            case .cancelled: state.modal = nil
            case .entered(let line):
                state.modal = nil
                return command(&state, line)
            }
            return []
        case .filter(var field):
            switch field.prompt(key) {
            case .editing: state.modal = .filter(field)
            case .cancelled: state.modal = nil
            case .entered(let text):
                state.modal = nil
                state.list.text = text.trimmingCharacters(in: .whitespaces)
                return reloadPage(&state, keepPosition: false)
            }
            return []
        case .logFilter(var field):
            switch field.prompt(key) {
            case .editing: state.modal = .logFilter(field)
            case .cancelled: state.modal = nil
            case .entered(let text):
                state.modal = nil
                state.log.filter = text.trimmingCharacters(in: .whitespaces)
                state.log.scroll = 0
                state.log.follow = true
            }
            return []
        case .help, .notice:
            state.modal = nil
            return []
        case .confirmQuit:
            switch key {
            case .character("y"), .enter:
                state.quitting = true
                return [.quit]
            default:
                state.modal = nil
                return []
            }
        }
    }

    static func submitPayment(_ state: inout AppState, _ form: inout PaymentForm, _ draft: PaymentDraft) -> [Effect] {
        let tag = state.newTag(.taskPayment)
        form.pendingTag = tag
        state.modal = .paymentForm(form)
        state.message = Message(.info, state.words(.askingDokuFor, draft.amount.displayText))
        return [.createPayment(tag: tag, draft)]
    }

    static func openPaymentForm(_ state: inout AppState) -> [Effect] {
        state.modal = .paymentForm(PaymentForm(invoiceNumber: "", defaults: state.deskDefaults))
        return [.allocateInvoiceNumber]
    }

    /// Back on the list, the invoice just shown is the highlighted one.
    static func closeQR(_ state: inout AppState, _ screen: QRScreen) -> [Effect] {
        state.modal = nil
        if let index = state.list.rows.firstIndex(where: { $0.number == screen.invoice.number }) {
            state.list.selected = index
        } else if state.selectedInvoice?.number != screen.invoice.number {
            return reloadPage(&state, keepPosition: false, select: .number(screen.invoice.number))
        }
        return []
    }

    static func cycleTheme(_ state: AppState) -> [Effect] {
        let index = state.themeNames.firstIndex(of: state.themeName) ?? -1
        return [.loadTheme(state.themeNames[(index + 1) % max(1, state.themeNames.count)])]
    }

    /// Why there is no QR for `invoice`, and what to do next.
    static func noLinkMessage(_ invoice: Invoice, words w: Words) -> String {
        switch invoice.status {
        case .unknown, .created: w(.noLinkUnknown, invoice.number)
        case .awaitingPayment: w(.noLinkAwaiting, invoice.number)
        case .failed, .expired: w(.noLinkGone, invoice.number, w.status(invoice.status).lowercased())
        case .paid, .partiallyRefunded, .refunded: w(.noLinkSettled, invoice.number, w.status(invoice.status).lowercased())
        }
    }

    static func handleListQuit(_ state: inout AppState) -> [Effect] {
        if !state.inFlight.isEmpty {
            state.modal = .confirmQuit
            return []
        }
        state.quitting = true
        return [.quit]
    }
}
