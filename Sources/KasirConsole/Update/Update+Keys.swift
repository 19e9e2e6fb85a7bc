import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

extension ConsoleLogic {
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch state.modal {
        case nil: return listKey(&state, key)
        case .paymentForm(var form):
            let effects = paymentFormKey(&state, &form, key)
            if case .paymentForm = state.modal { state.modal = .paymentForm(form) }
            return effects
        case .refundForm(var form):
            let effects = refundFormKey(&state, &form, key)
            if case .refundForm = state.modal { state.modal = .refundForm(form) }
            return effects
        case .confirmPayment(var form):
            switch key {
            case .enter, .character("y"):
                guard let draft = form.validate() else {
                    state.modal = .paymentForm(form)
                    return []
                }
                return submitPayment(&state, &form, draft)
            case .escape, .character("n"): state.modal = .paymentForm(form)
            default: break
            }
            return []
        case .confirmRefund(var form):
            guard form.pendingTag == nil else {
                // Never a trap: Esc closes it while DOKU works; the answer still arrives in the status line.
                if key == .escape {
                    state.modal = nil
                    state.message = Message(.info, "The refund is still with DOKU; its result will show here and in the list")
                }
                return []
            }
            switch key {
            case .enter, .character("y"):
                guard let amount = form.validate() else {
                    state.modal = .refundForm(form)
                    return []
                }
                let tag = state.newTag("refund")
                form.pendingTag = tag
                state.modal = .confirmRefund(form)
                return [
                    .refund(
                        tag: tag, invoiceNumber: form.invoice.number, amount: amount, reason: form.reason.text.isEmpty ? nil : form.reason.text,
                        refundNumber: form.number.text)
                ]
            case .escape, .character("n"): state.modal = .refundForm(form)
            default: break
            }
            return []
        case .qr(let screen):
            switch Keymaps.qr(demo: state.environment == .demo).action(for: key) {
            case .close?:
                state.modal = nil
                // Back on the list, the invoice just shown is the highlighted one.
                if let index = state.list.rows.firstIndex(where: { $0.number == screen.invoice.number }) {
                    state.list.selected = index
                } else if state.selectedInvoice?.number != screen.invoice.number {
                    return reloadPage(&state, keepPosition: false, select: .number(screen.invoice.number))
                }
            case .checkStatus?:
                let tag = state.newTag("status")
                return [.checkStatus(tag: tag, invoiceNumber: screen.invoice.number)]
            case .simulate(let outcome)?:
                return [.simulate(invoiceNumber: screen.invoice.number, outcome: outcome)]
            case nil: break
            }
            return []
        case .commandLine(var field):
            switch key {
            case .escape: state.modal = nil
            case .enter:
                state.modal = nil
                return command(&state, field.text)
            default:
                field.handle(key)
                state.modal = .commandLine(field)
            }
            return []
        case .filter(var field):
            switch key {
            case .escape: state.modal = nil
            case .enter:
                state.modal = nil
                state.list.text = field.text.trimmingCharacters(in: .whitespaces)
                return reloadPage(&state, keepPosition: false)
            default:
                field.handle(key)
                state.modal = .filter(field)
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

    static func listKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let command = Keymaps.list(readOnly: state.readOnly).action(for: key) else {
            if state.readOnly, key == .character("n") || key == .character("r") {
                state.message = Message(.error, "Read-only: payments and refunds are off in this console")
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
            state.modal = .paymentForm(PaymentForm(invoiceNumber: "", defaults: state.deskDefaults))
            return [.allocateInvoiceNumber]
        case .refund:
            guard let invoice = state.selectedInvoice else { return [] }
            guard invoice.status == .paid || invoice.status == .partiallyRefunded else {
                state.message = Message(.error, "\(invoice.number) cannot be refunded: it is \(invoice.status.label.lowercased())" + (invoice.status == .refunded ? "" : "; only paid invoices can be refunded"))
                return []
            }
            return [.loadRefundable(invoiceNumber: invoice.number)]
        case .checkStatus:
            guard let invoice = state.selectedInvoice else { return [] }
            let tag = state.newTag("status")
            state.message = Message(.info, "Checking \(invoice.number) with DOKU…")
            return [.checkStatus(tag: tag, invoiceNumber: invoice.number)]
        case .reconcile:
            state.message = Message(.info, "Reconciling open invoices with DOKU…")
            return [.reconcile]
        case .export:
            return [.export(query: state.list.query)]
        case .showQR:
            guard let invoice = state.selectedInvoice else { return [] }
            guard invoice.webRedirectUrl != nil else {
                state.message = Message(.error, noLinkMessage(invoice))
                return []
            }
            openQR(&state, invoice)
            return []
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
            state.message = Message(.info, state.list.terminal.map { "Showing this terminal's sales (\($0)); T shows every terminal's" } ?? "Showing every terminal's sales; T shows this terminal's only")
            return reloadPage(&state, keepPosition: false)
        case .clearFilter:
            state.list.statuses = []
            state.list.text = ""
            return reloadPage(&state, keepPosition: false)
        case .commandLine:
            state.modal = .commandLine(TextFieldState(maxLength: 120))
        case .cycleTheme:
            let index = state.themeNames.firstIndex(of: state.themeName) ?? -1
            return [.loadTheme(state.themeNames[(index + 1) % max(1, state.themeNames.count)])]
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

    static func paymentFormKey(_ state: inout AppState, _ form: inout PaymentForm, _ key: Key) -> [Effect] {
        if form.pendingTag != nil {
            if key == .escape {
                state.modal = nil
                state.message = Message(.info, "The payment request is still with DOKU; its result will show in the list")
            }
            return []
        }
        let fields = PaymentForm.Field.allCases
        switch Keymaps.form.action(for: key) {
        case .cancel?:
            state.modal = nil
            return []
        case .next?:
            form.focus = fields[(form.focus.rawValue + 1) % fields.count]
            return []
        case .previous?:
            form.focus = fields[(form.focus.rawValue + fields.count - 1) % fields.count]
            return []
        case .submit?:
            guard let draft = form.validate() else {
                state.message = Message(.error, "Fix the marked fields, then press Enter")
                return []
            }
            if draft.amount > state.deskDefaults.confirmAbove {
                state.modal = .confirmPayment(form)
                return []
            }
            return submitPayment(&state, &form, draft)
        case nil:
            switch form.focus {
            case .amount: AmountEntry.handle(&form.amount, key)
            case .invoice: form.invoice.handle(key)
            case .title: form.title.handle(key)
            case .validFor: form.validFor.handle(key)
            case .initiation: form.initiation.handle(key)
            case .deviceID: form.deviceID.handle(key)
            case .ipAddress: form.ipAddress.handle(key)
            case .returnURL: form.returnURL.handle(key)
            }
            return []
        }
    }

    static func submitPayment(_ state: inout AppState, _ form: inout PaymentForm, _ draft: PaymentDraft) -> [Effect] {
        let tag = state.newTag("payment")
        form.pendingTag = tag
        state.modal = .paymentForm(form)
        state.message = Message(.info, "Asking DOKU for \(draft.amount.displayText)…")
        return [.createPayment(tag: tag, draft)]
    }

    static func refundFormKey(_ state: inout AppState, _ form: inout RefundForm, _ key: Key) -> [Effect] {
        let fields = RefundForm.Field.allCases
        switch Keymaps.form.action(for: key) {
        case .cancel?: state.modal = nil
        case .next?: form.focus = fields[(form.focus.rawValue + 1) % fields.count]
        case .previous?: form.focus = fields[(form.focus.rawValue + fields.count - 1) % fields.count]
        case .submit?:
            if form.validate() != nil { state.modal = .confirmRefund(form) }
        case nil:
            switch form.focus {
            case .amount: AmountEntry.handle(&form.amount, key)
            case .reason: form.reason.handle(key)
            case .number: form.number.handle(key)
            }
        }
        return []
    }

    /// `:pay 150000`, `:refund INV-… 50000`, `:status INV-…`, `:theme light`, `:reconcile`, `:export`, `:q`.
    static func command(_ state: inout AppState, _ line: String) -> [Effect] {
        let words = line.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return [] }
        switch verb {
        case "q", "quit": return handleListQuit(&state)
        case "pay":
            guard !state.readOnly else { state.message = Message(.error, "Read-only console"); return [] }
            var form = PaymentForm(invoiceNumber: "", defaults: state.deskDefaults)
            // As typed, read by the same rules as the form: nothing is dropped or reinterpreted.
            if words.count > 1 {
                form.amount.setText(words.dropFirst().joined(separator: " "))
                AmountEntry.check(&form.amount)
            }
            state.modal = .paymentForm(form)
            return [.allocateInvoiceNumber]
        case "refund":
            guard !state.readOnly else { state.message = Message(.error, "Read-only console"); return [] }
            guard words.count >= 2 else { state.message = Message(.error, "usage: :refund INV-… [amount]"); return [] }
            state.pendingRefundAmount = words.count > 2 ? words[2] : nil
            return [.loadRefundable(invoiceNumber: words[1])]
        case "status":
            guard words.count == 2 else { state.message = Message(.error, "usage: :status INV-…"); return [] }
            let tag = state.newTag("status")
            return [.checkStatus(tag: tag, invoiceNumber: words[1])]
        case "theme":
            guard words.count == 2 else { state.message = Message(.error, "usage: :theme NAME (\(state.themeNames.joined(separator: ", ")))"); return [] }
            return [.loadTheme(words[1])]
        case "reconcile": return [.reconcile]
        case "export": return [.export(query: state.list.query)]
        case "filter", "find":
            state.list.text = words.dropFirst().joined(separator: " ")
            return reloadPage(&state, keepPosition: false)
        default:
            state.message = Message(.error, "Unknown command ':\(verb)'; try :pay, :refund, :status, :theme, :reconcile, :export or :q")
            return []
        }
    }

    /// Why there is no QR for `invoice`, and what to do next.
    static func noLinkMessage(_ invoice: Invoice) -> String {
        switch invoice.status {
        case .unknown, .created:
            "\(invoice.number): DOKU's answer was lost, so there is no link yet. Press s: kasir asks DOKU, and gets the link if DOKU has the payment. Do not create it again"
        case .awaitingPayment:
            "\(invoice.number) is awaiting payment but kasir has no link for it. Press s to ask DOKU for it again"
        case .failed, .expired:
            "\(invoice.number) is \(invoice.status.label.lowercased()): its link is gone. Press n for a new payment"
        case .paid, .partiallyRefunded, .refunded:
            "\(invoice.number) is already \(invoice.status.label.lowercased()): there is nothing to scan"
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
