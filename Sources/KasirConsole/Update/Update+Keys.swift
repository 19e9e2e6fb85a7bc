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
            switch Keymaps.confirm(yes: .keyCharge, words: state.words).action(for: key) {
            case .yes?:
                guard let draft = form.validate(words: state.words) else {
                    state.modal = .paymentForm(form)
                    return []
                }
                return submitPayment(&state, &form, draft)
            case .no?: state.modal = .paymentForm(form)
            case nil: break
            }
            return []
        case .confirmRefund(var form):
            guard form.pendingTag == nil else {
                // Never a trap: Esc closes it while DOKU works; the answer still arrives in the status line.
                if key == .escape {
                    state.modal = nil
                    state.message = Message(.info, state.words(.refundStillWithDoku))
                }
                return []
            }
            switch Keymaps.confirm(yes: .keyYesRefund, words: state.words).action(for: key) {
            case .yes?:
                guard let amount = form.validate(words: state.words) else {
                    state.modal = .refundForm(form)
                    return []
                }
                let tag = state.newTag(.taskRefund)
                form.pendingTag = tag
                state.modal = .confirmRefund(form)
                return [
                    .refund(
                        tag: tag, invoiceNumber: form.invoice.number, amount: amount, reason: form.reason.text.isEmpty ? nil : form.reason.text,
                        refundNumber: form.number.text)
                ]
            case .no?: state.modal = .refundForm(form)
            case nil: break
            }
            return []
        case .qr(let screen) where screen.invoice.status.isSettled:
            switch Keymaps.outcome(readOnly: state.readOnly, words: state.words).action(for: key) {
            case .nextSale?:
                return openPaymentForm(&state)
            case .close?: return closeQR(&state, screen)
            case .cycleTheme?: return cycleTheme(state)
            case nil: return []
            }
        case .qr(let screen):
            switch Keymaps.qr(demo: state.environment == .demo, words: state.words).action(for: key) {
            case .close?: return closeQR(&state, screen)
            case .checkStatus?:
                let tag = state.newTag(.taskStatus)
                return [.checkStatus(tag: tag, invoiceNumber: screen.invoice.number)]
            case .simulate(let outcome)?:
                return [.simulate(invoiceNumber: screen.invoice.number, outcome: outcome)]
            case .cycleTheme?: return cycleTheme(state)
            case nil: break
            }
            return []
        case .exchange(var screen):
            let effects = exchangeKey(&state, &screen, key)
            if case .exchange = state.modal { state.modal = .exchange(screen) }
            return effects
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
        case .logFilter(var field):
            switch key {
            case .escape: state.modal = nil
            case .enter:
                state.modal = nil
                state.log.filter = field.text.trimmingCharacters(in: .whitespaces)
                state.log.scroll = 0
                state.log.follow = true
            default:
                field.handle(key)
                state.modal = .logFilter(field)
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

    static func paymentFormKey(_ state: inout AppState, _ form: inout PaymentForm, _ key: Key) -> [Effect] {
        if form.pendingTag != nil {
            if key == .escape {
                state.modal = nil
                state.message = Message(.info, state.words(.paymentStillWithDoku))
            }
            return []
        }
        let fields = PaymentForm.Field.allCases
        switch Keymaps.form(words: state.words).action(for: key) {
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
            guard let draft = form.validate(words: state.words) else {
                state.message = Message(.error, state.words(.fixMarkedFields))
                return []
            }
            if draft.amount > state.deskDefaults.confirmAbove {
                state.modal = .confirmPayment(form)
                return []
            }
            return submitPayment(&state, &form, draft)
        case nil:
            switch form.focus {
            case .amount: AmountEntry.handle(&form.amount, key, words: state.words)
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
        let tag = state.newTag(.taskPayment)
        form.pendingTag = tag
        state.modal = .paymentForm(form)
        state.message = Message(.info, state.words(.askingDokuFor, draft.amount.displayText))
        return [.createPayment(tag: tag, draft)]
    }

    static func refundFormKey(_ state: inout AppState, _ form: inout RefundForm, _ key: Key) -> [Effect] {
        let fields = RefundForm.Field.allCases
        switch Keymaps.form(words: state.words).action(for: key) {
        case .cancel?: state.modal = nil
        case .next?: form.focus = fields[(form.focus.rawValue + 1) % fields.count]
        case .previous?: form.focus = fields[(form.focus.rawValue + fields.count - 1) % fields.count]
        case .submit?:
            if form.validate(words: state.words) != nil { state.modal = .confirmRefund(form) }
        case nil:
            switch form.focus {
            case .amount: AmountEntry.handle(&form.amount, key, words: state.words)
            case .reason: form.reason.handle(key)
            case .number: form.number.handle(key)
            }
        }
        return []
    }

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
