import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// Dialogs, forms and the QR view drawn over the list, plus the footer that goes with them.
enum ModalView {
    static func render(_ state: AppState, into buffer: inout Buffer, layout: ScreenLayout, borders: BorderSet) -> (x: Int, y: Int)? {
        let theme = state.theme
        let w = state.words
        let screen = Rect(x: 0, y: 1, width: state.width, height: state.height - 2)
        var cursor: (x: Int, y: Int)?
        switch state.modal {
        case nil:
            KeyHints.render(Keymaps.list(readOnly: state.readOnly, words: w), into: &buffer, area: layout.footer, theme: theme)
        case .paymentForm(let form):
            cursor = paymentForm(form, state: state, into: &buffer, area: screen, borders: borders)
            KeyHints.render(PaymentForm.keymap(words: w), into: &buffer, area: layout.footer, theme: theme)
        case .refundForm(let form):
            cursor = refundForm(form, state: state, into: &buffer, area: screen, borders: borders)
            KeyHints.render(RefundForm.keymap(words: w), into: &buffer, area: layout.footer, theme: theme)
        case .confirmRefund(let form):
            let amount = (try? AmountInput.parse(form.amount.text).get())?.displayText ?? form.amount.text.cleanedForDisplay(limit: 30)
            let lines = [
                w(.confirmRefundLine, amount), w(.confirmRefundInvoice, form.invoice.number.cleanedForDisplay(limit: 64), form.invoice.amount.displayText),
                form.pendingTag == nil ? w(.confirmRefundVia) : w(.askingDoku, Spinner.frame(state.tick, ascii: !state.unicode)),
            ]
            Dialog(title: w(.confirmRefundTitle), lines: lines, buttons: form.pendingTag == nil ? [w(.buttonRefund), w(.buttonBack)] : []).render(
                into: &buffer, area: screen, theme: theme, width: 56, borders: borders)
            if form.pendingTag == nil {
                KeyHints.render(RefundForm.confirmKeymap(words: w), into: &buffer, area: layout.footer, theme: theme)
            } else {
                KeyHints.render(RefundForm.askingKeymap(words: w), into: &buffer, area: layout.footer, theme: theme)
            }
        case .confirmPayment(let form):
            let amount = (try? AmountInput.parse(form.amount.text).get())?.displayText ?? form.amount.text.cleanedForDisplay(limit: 30)
            let lines = [w(.confirmPaymentCharge, amount), w(.confirmPaymentOver, state.deskDefaults.confirmAbove.displayText), w(.confirmPaymentCheck)]
            Dialog(title: w(.confirmPaymentTitle), lines: lines, buttons: [w(.buttonCharge), w(.buttonBack)]).render(into: &buffer, area: screen, theme: theme, width: 64, borders: borders)
            KeyHints.render(PaymentForm.confirmKeymap(words: w), into: &buffer, area: layout.footer, theme: theme)
        case .qr(let qr):
            QRPane.render(qr, state: state, into: &buffer, area: screen)
            if qr.invoice.status.isSettled {
                KeyHints.render(Keymaps.outcome(readOnly: state.readOnly, words: w), into: &buffer, area: layout.footer, theme: theme)
            } else {
                KeyHints.render(Keymaps.qr(demo: state.environment == .demo, words: w), into: &buffer, area: layout.footer, theme: theme)
            }
        case .exchange(let exchange):
            // The exchange takes the whole screen; what `y` did shows on a row of its own under it.
            var area = screen
            if let message = state.message, area.height > 8 {
                area.height -= 1
                buffer.fill(Rect(x: area.x, y: area.maxY, width: area.width, height: 1), with: Cell(" ", style: theme[.body]))
                ConsoleView.renderMessage(message, theme: theme, into: &buffer, x: area.x, y: area.maxY, width: area.width)
            }
            ExchangeView.render(exchange, state: state, into: &buffer, area: area, borders: borders)
            KeyHints.render(Keymaps.exchange(words: w), into: &buffer, area: layout.footer, theme: theme)
        case .logFilter(let field):
            buffer.fill(layout.footer, with: Cell(" ", style: theme[.footer]))
            let prompt = w(.logFilterPrompt)
            buffer.put(prompt, x: 0, y: layout.footer.y, style: theme[.footer].bolded)
            let start = DisplayWidth.of(prompt)
            cursor = TextField.render(field, label: "", into: &buffer, area: Rect(x: start, y: layout.footer.y, width: state.width - start, height: 1), theme: theme, focused: true, labelWidth: 0)
        case .commandLine(let field), .filter(let field):
            let isCommand: Bool = { if case .commandLine = state.modal { return true } else { return false } }()
            buffer.fill(layout.footer, with: Cell(" ", style: theme[.footer]))
            let prompt = isCommand ? ":" : state.list.text.isEmpty ? w(.findPrompt) : w(.findPromptNow, DisplayWidth.truncate(state.list.text.cleanedForDisplay(limit: 64), to: 16))
            buffer.put(prompt, x: 0, y: layout.footer.y, style: theme[.footer].bolded)
            let start = DisplayWidth.of(prompt)
            cursor = TextField.render(field, label: "", into: &buffer, area: Rect(x: start, y: layout.footer.y, width: state.width - start, height: 1), theme: theme, focused: true, labelWidth: 0)
        case .help:
            KeyHints.render(Keymaps.list(readOnly: state.readOnly, words: w), into: &buffer, area: layout.footer, theme: theme)
            // The help takes the header's and the footer's rows too: its title says how to close it.
            let room = Rect(x: 0, y: 0, width: state.width, height: state.height)
            HelpOverlay.render(helpKeymaps(state), title: w(.helpTitle), into: &buffer, area: room, theme: theme, borders: borders)
        case .confirmQuit:
            Dialog(title: w(.quitTitle), lines: [w(.quitInFlight), state.inFlight.values.sorted().joined(separator: ", "), w(.quitStored)], buttons: [w(.buttonQuit), w(.buttonStay)])
                .render(into: &buffer, area: screen, theme: theme, width: 50, borders: borders)
        case .notice(let title, let lines):
            Dialog(title: title, lines: lines + ["", w(.pressAnyKey)], buttons: []).render(into: &buffer, area: screen, theme: theme, width: min(70, state.width - 4), borders: borders)
            KeyHints.render(Keymaps.list(readOnly: state.readOnly, words: w), into: &buffer, area: layout.footer, theme: theme)
        }
        return cursor
    }

    /// Every keymap for `?`, built from the same keymaps that dispatch keys. The exchange view's
    /// keys are its footer's (all of them fit there), so the help still fits 80×24.
    /// A binding that means the same in an earlier keymap (`t` for the theme) is listed once.
    static func helpKeymaps(_ state: AppState) -> [Keymap<String>] {
        var listed = Set<String>()
        func strings<A>(_ keymap: Keymap<A>) -> Keymap<String> {
            let fresh = keymap.bindings.filter { listed.insert($0.label + "\u{0}" + $0.help).inserted }
            return Keymap(keymap.title, fresh.map { KeyBinding($0.keys, $0.help, label: $0.label, inFooter: $0.inFooter, action: $0.help) })
        }
        let w = state.words
        return [
            strings(Keymaps.list(readOnly: state.readOnly, words: w)), strings(Keymaps.qr(demo: state.environment == .demo, words: w)),
            strings(Keymaps.outcome(readOnly: state.readOnly, words: w)), strings(PaymentForm.keymap(words: w)),
        ]
    }

    static func paymentForm(_ form: PaymentForm, state: AppState, into buffer: inout Buffer, area: Rect, borders: BorderSet) -> (x: Int, y: Int)? {
        let theme = state.theme
        let w = state.words
        let title = form.pendingTag == nil ? w(.paymentFormTitle) : w(.paymentFormAsking, Spinner.frame(state.tick, ascii: !state.unicode))
        let fieldsArea = Dialog(title: title, lines: [], buttons: []).render(into: &buffer, area: area, theme: theme, width: min(72, area.width - 2), extraHeight: 16, borders: borders)
        var cursor: (x: Int, y: Int)?
        var y = fieldsArea.y
        func amountReading(_ field: TextFieldState, at row: Int) {
            if field.error == nil, let reading = AmountEntry.reading(field) {
                buffer.put(reading, x: fieldsArea.x + 16, y: row, style: theme[.accent], maxWidth: fieldsArea.width - 16)
            }
        }
        func field(_ state: TextFieldState, _ label: String, _ which: PaymentForm.Field, placeholder: String = "") {
            let position = TextField.render(state, label: label, into: &buffer, area: Rect(x: fieldsArea.x, y: y, width: fieldsArea.width, height: 2), theme: theme, focused: form.focus == which && form.pendingTag == nil, placeholder: placeholder)
            if let position { cursor = position }
            y += 2
        }
        field(form.amount, w(.labelAmount), .amount, placeholder: w(.placeholderAmount))
        amountReading(form.amount, at: y - 1)
        field(form.invoice, w(.labelInvoice), .invoice)
        field(form.title, w(.labelTitle), .title, placeholder: w(.placeholderTitle))
        field(form.validFor, w(.labelValidFor), .validFor)
        // What the duration was read as, in words: `= 15 menit`.
        if form.validFor.error == nil, let seconds = try? PaymentRules.validFor(typed: form.validFor.text) {
            buffer.put("= " + w.duration(seconds), x: fieldsArea.x + 16, y: y - 1, style: theme[.accent], maxWidth: fieldsArea.width - 16)
        }
        SelectState.render(form.initiation, label: w(.labelInitiation), into: &buffer, area: Rect(x: fieldsArea.x, y: y, width: fieldsArea.width, height: 1), theme: theme, focused: form.focus == .initiation)
        y += 2
        field(form.deviceID, w(.labelDeviceID), .deviceID)
        field(form.ipAddress, w(.labelCustomerIP), .ipAddress, placeholder: w(.placeholderOptional))
        field(form.returnURL, w(.labelReturnURL), .returnURL, placeholder: w(.placeholderOptional))
        return cursor
    }

    static func refundForm(_ form: RefundForm, state: AppState, into buffer: inout Buffer, area: Rect, borders: BorderSet) -> (x: Int, y: Int)? {
        let theme = state.theme
        let w = state.words
        let lines = [w(.refundFormPaid, form.invoice.number.cleanedForDisplay(limit: 64), form.invoice.amount.displayText), w(.refundFormRefundable, form.refundable.displayText)]
        let inside = Dialog(title: w(.refundFormTitle), lines: lines, buttons: []).render(into: &buffer, area: area, theme: theme, width: min(72, area.width - 2), extraHeight: 7, borders: borders)
        var cursor: (x: Int, y: Int)?
        var y = inside.y + 1
        for (state, label, which) in [(form.amount, w(.labelAmount), RefundForm.Field.amount), (form.reason, w(.labelReason), .reason), (form.number, w(.labelRefundNumber), .number)] {
            if let position = TextField.render(state, label: label, into: &buffer, area: Rect(x: inside.x, y: y, width: inside.width, height: 2), theme: theme, focused: form.focus == which) {
                cursor = position
            }
            if which == .amount, state.error == nil, let reading = AmountEntry.reading(state) {
                buffer.put(reading, x: inside.x + 16, y: y + 1, style: theme[.accent], maxWidth: inside.width - 16)
            }
            y += 2
        }
        return cursor
    }
}
