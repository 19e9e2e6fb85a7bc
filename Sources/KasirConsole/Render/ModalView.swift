import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// Dialogs, forms and the QR view drawn over the list, plus the footer that goes with them.
enum ModalView {
    static func render(_ state: AppState, into buffer: inout Buffer, layout: ScreenLayout, borders: BorderSet) -> (x: Int, y: Int)? {
        let theme = state.theme
        let screen = Rect(x: 0, y: 1, width: state.width, height: state.height - 2)
        var cursor: (x: Int, y: Int)?
        switch state.modal {
        case nil:
            KeyHints.render(Keymaps.list(readOnly: state.readOnly), into: &buffer, area: layout.footer, theme: theme)
        case .paymentForm(let form):
            cursor = paymentForm(form, state: state, into: &buffer, area: screen, borders: borders)
            KeyHints.render(Keymaps.form, into: &buffer, area: layout.footer, theme: theme)
        case .refundForm(let form):
            cursor = refundForm(form, state: state, into: &buffer, area: screen, borders: borders)
            KeyHints.render(Keymaps.form, into: &buffer, area: layout.footer, theme: theme)
        case .confirmRefund(let form):
            let amount = (try? AmountInput.parse(form.amount.text).get())?.displayText ?? form.amount.text.cleanedForDisplay(limit: 30)
            let lines = [
                "Refund \(amount) to the customer of", "\(form.invoice.number.cleanedForDisplay(limit: 64)) (paid \(form.invoice.amount.displayText))?",
                form.pendingTag == nil ? "The money goes back through DANA." : "\(Spinner.frame(state.tick, ascii: !state.unicode)) asking DOKU…",
            ]
            Dialog(title: "Confirm refund", lines: lines, buttons: form.pendingTag == nil ? ["y Refund", "n Back"] : []).render(into: &buffer, area: screen, theme: theme, width: 56, borders: borders)
            KeyHints.render(Keymap<Int>("", [KeyBinding([.character("y")], "refund", action: 0), KeyBinding([.character("n")], "back", action: 1)]), into: &buffer, area: layout.footer, theme: theme)
        case .confirmPayment(let form):
            let amount = (try? AmountInput.parse(form.amount.text).get())?.displayText ?? form.amount.text.cleanedForDisplay(limit: 30)
            let lines = [
                "Charge \(amount)?", "It is over \(state.deskDefaults.confirmAbove.displayText) ([payment] confirm_above).",
                "Check the amount with the customer.",
            ]
            Dialog(title: "Confirm the amount", lines: lines, buttons: ["y Charge", "n Back"]).render(into: &buffer, area: screen, theme: theme, width: 64, borders: borders)
            KeyHints.render(Keymap<Int>("", [KeyBinding([.character("y")], "charge", action: 0), KeyBinding([.character("n")], "back", action: 1)]), into: &buffer, area: layout.footer, theme: theme)
        case .qr(let qr):
            QRPane.render(qr, state: state, into: &buffer, area: screen)
            KeyHints.render(Keymaps.qr(demo: state.environment == .demo), into: &buffer, area: layout.footer, theme: theme)
        case .commandLine(let field), .filter(let field):
            let isCommand: Bool = { if case .commandLine = state.modal { return true } else { return false } }()
            buffer.fill(layout.footer, with: Cell(" ", style: theme[.footer]))
            let prompt = isCommand ? ":" : state.list.text.isEmpty ? "find (number, title, DOKU ref): " : "find (now '\(DisplayWidth.truncate(state.list.text.cleanedForDisplay(limit: 64), to: 16))'): "
            buffer.put(prompt, x: 0, y: layout.footer.y, style: theme[.footer].bolded)
            let start = DisplayWidth.of(prompt)
            cursor = TextField.render(field, label: "", into: &buffer, area: Rect(x: start, y: layout.footer.y, width: state.width - start, height: 1), theme: theme, focused: true, labelWidth: 0)
        case .help:
            KeyHints.render(Keymaps.list(readOnly: state.readOnly), into: &buffer, area: layout.footer, theme: theme)
            HelpOverlay.render(helpKeymaps(state), into: &buffer, area: screen, theme: theme, borders: borders)
        case .confirmQuit:
            Dialog(title: "Quit?", lines: ["A request to DOKU is still in flight:", state.inFlight.values.sorted().joined(separator: ", "), "Its result is stored either way. Quit now?"], buttons: ["y Quit", "n Stay"])
                .render(into: &buffer, area: screen, theme: theme, width: 50, borders: borders)
        case .notice(let title, let lines):
            Dialog(title: title, lines: lines + ["", "Press any key."], buttons: []).render(into: &buffer, area: screen, theme: theme, width: min(70, state.width - 4), borders: borders)
            KeyHints.render(Keymaps.list(readOnly: state.readOnly), into: &buffer, area: layout.footer, theme: theme)
        }
        return cursor
    }

    /// Every keymap for `?`, built from the same keymaps that dispatch keys.
    static func helpKeymaps(_ state: AppState) -> [Keymap<String>] {
        func strings<A>(_ keymap: Keymap<A>) -> Keymap<String> {
            Keymap(keymap.title, keymap.bindings.map { KeyBinding($0.keys, $0.help, label: $0.label, inFooter: $0.inFooter, action: $0.help) })
        }
        return [strings(Keymaps.list(readOnly: state.readOnly)), strings(Keymaps.qr(demo: state.environment == .demo)), strings(Keymaps.form)]
    }

    static func paymentForm(_ form: PaymentForm, state: AppState, into buffer: inout Buffer, area: Rect, borders: BorderSet) -> (x: Int, y: Int)? {
        let theme = state.theme
        let title = form.pendingTag == nil ? "New payment" : "New payment — \(Spinner.frame(state.tick, ascii: !state.unicode)) asking DOKU…"
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
        field(form.amount, "Amount (Rp)", .amount, placeholder: "e.g. 150000 or 150.000")
        amountReading(form.amount, at: y - 1)
        field(form.invoice, "Invoice no.", .invoice)
        field(form.title, "Order title", .title, placeholder: "optional, shown in DANA")
        field(form.validFor, "Valid for", .validFor)
        SelectState.render(form.initiation, label: "Initiation", into: &buffer, area: Rect(x: fieldsArea.x, y: y, width: fieldsArea.width, height: 1), theme: theme, focused: form.focus == .initiation)
        y += 2
        field(form.deviceID, "Device id", .deviceID)
        field(form.ipAddress, "Customer IP", .ipAddress, placeholder: "optional")
        field(form.returnURL, "Return URL", .returnURL, placeholder: "optional")
        return cursor
    }

    static func refundForm(_ form: RefundForm, state: AppState, into buffer: inout Buffer, area: Rect, borders: BorderSet) -> (x: Int, y: Int)? {
        let theme = state.theme
        let lines = [
            "\(form.invoice.number.cleanedForDisplay(limit: 64)) — paid \(form.invoice.amount.displayText)", "Refundable now: \(form.refundable.displayText)",
        ]
        let inside = Dialog(title: "Refund", lines: lines, buttons: []).render(into: &buffer, area: area, theme: theme, width: min(72, area.width - 2), extraHeight: 7, borders: borders)
        var cursor: (x: Int, y: Int)?
        var y = inside.y + 1
        for (state, label, which) in [(form.amount, "Amount (Rp)", RefundForm.Field.amount), (form.reason, "Reason", .reason), (form.number, "Refund no.", .number)] {
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
