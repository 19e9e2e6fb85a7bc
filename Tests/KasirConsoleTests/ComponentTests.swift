import DokuSNAP
import Foundation
import KasirCore
import TerminalUI
import Testing

@testable import KasirConsole

/// Each form, question and prompt decides what a key does on its own; the console only routes
/// what it answers. These drive the components without the console around them.
@Suite struct ComponentTests {
    let words = Words.english

    func typed(_ text: String, into form: inout PaymentForm) {
        for character in text { _ = form.update(.character(character), words: words, confirmAbove: idr(5_000_000)) }
    }

    @Test func thePaymentFormSubmitsADraftOnlyWhenEveryFieldIsRight() throws {
        var form = PaymentForm(invoiceNumber: "INV-20261118-0001", defaults: DeskConfiguration(deviceID: "POS01"))
        #expect(form.update(.enter, words: words, confirmAbove: idr(5_000_000)) == .invalid)
        #expect(form.amount.error != nil)
        typed("150000.00", into: &form)
        guard case .submit(let draft) = form.update(.enter, words: words, confirmAbove: idr(5_000_000)) else {
            Issue.record("expected a draft")
            return
        }
        #expect(draft.amount == idr(150_000))
        #expect(draft.invoiceNumber == "INV-20261118-0001")
    }

    @Test func aLargeChargeAsksFirstAndTheAnswerIsReadAgain() {
        var form = PaymentForm(invoiceNumber: "INV-20261118-0002", defaults: DeskConfiguration(deviceID: "POS01"))
        typed("7500000", into: &form)
        #expect(form.update(.enter, words: words, confirmAbove: idr(5_000_000)) == .needsConfirmation(form.validate(words: words)!))
        #expect(form.confirm(.character("x"), words: words) == .waiting)
        #expect(form.confirm(.character("n"), words: words) == .back)
        guard case .yes(let draft) = form.confirm(.character("y"), words: words) else {
            Issue.record("expected yes")
            return
        }
        #expect(draft.amount == idr(7_500_000))
    }

    @Test func thePaymentFormMovesFocusByItsKeymapAndTypesIntoTheFocusedField() {
        var form = PaymentForm(invoiceNumber: "INV-1", defaults: DeskConfiguration(deviceID: "POS01"))
        #expect(form.focus == .amount)
        #expect(form.update(.tab, words: words, confirmAbove: idr(1)) == .editing)
        #expect(form.focus == .invoice)
        _ = form.update(.character("9"), words: words, confirmAbove: idr(1))
        #expect(form.invoice.text == "INV-19")
        #expect(form.amount.text.isEmpty)
        _ = form.update(.backTab, words: words, confirmAbove: idr(1))
        #expect(form.focus == .amount)
        #expect(form.update(.escape, words: words, confirmAbove: idr(1)) == .cancelled)
    }

    @Test func whileDokuIsAskedThePaymentFormTakesOnlyEsc() {
        var form = PaymentForm(invoiceNumber: "INV-1", defaults: DeskConfiguration(deviceID: "POS01"))
        typed("5000", into: &form)
        form.pendingTag = 7
        let before = form
        #expect(form.update(.character("1"), words: words, confirmAbove: idr(1)) == .editing)
        #expect(form.update(.enter, words: words, confirmAbove: idr(1)) == .editing)
        #expect(form == before)
        #expect(form.update(.escape, words: words, confirmAbove: idr(1)) == .closedWhileAsking)
    }

    @Test func theRefundFormNeverOffersMoreThanIsRefundable() {
        var form = RefundForm(invoice: invoice("INV-20261118-0003", status: .paid), refundable: idr(150_000), refundNumber: "INV-20261118-0003-R1", reason: "")
        for _ in 0..<12 { _ = form.update(.backspace, words: words) }
        for character in "200000" { _ = form.update(.character(character), words: words) }
        #expect(form.update(.enter, words: words) == .editing)
        #expect(form.amount.error != nil)
        for _ in 0..<12 { _ = form.update(.backspace, words: words) }
        for character in "50000" { _ = form.update(.character(character), words: words) }
        #expect(form.update(.enter, words: words) == .confirm)
        #expect(form.confirm(.character("y"), words: words) == .yes(idr(50_000)))
        form.pendingTag = 3
        #expect(form.confirm(.character("y"), words: words) == .waiting)
        #expect(form.confirm(.escape, words: words) == .closedWhileAsking)
    }

    @Test func aPromptEditsCancelsAndEnters() {
        var field = TextFieldState(maxLength: 20)
        #expect(field.prompt(.character("p")) == .editing)
        #expect(field.prompt(.character("a")) == .editing)
        #expect(field.prompt(.enter) == .entered("pa"))
        #expect(field.prompt(.escape) == .cancelled)
    }

    /// The footer shows what the component's keymap dispatches: every key it names does something.
    @Test func theFormFooterNamesOnlyKeysTheFormTakes() {
        for binding in PaymentForm.keymap(words: words).bindings {
            var form = PaymentForm(invoiceNumber: "INV-1", defaults: DeskConfiguration(deviceID: "POS01"))
            let before = form
            let outcome = form.update(binding.keys[0], words: words, confirmAbove: idr(1))
            #expect(outcome != .editing || form != before, "\(binding.label)")
        }
    }
}

/// The status line never cuts a message silently.
@Suite struct MessageLineTests {
    @Test func aMessageWiderThanTheScreenEndsInAnEllipsis() {
        var state = makeState()
        state.message = Message(.error, "Shift: " + Words.indonesian(.consoleNoShift, "DEMO01") + " " + String(repeating: "x", count: 40))
        let line = render(state).lines[state.height - 2]
        #expect(line.hasSuffix("…"), "\(line)")
        state.message = Message(.info, "pendek")
        #expect(render(state).lines[state.height - 2].trimmingCharacters(in: .whitespaces) == "pendek")
    }
}
