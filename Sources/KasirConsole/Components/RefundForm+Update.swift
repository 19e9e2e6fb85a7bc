import DokuSNAP
import KasirCore
import TerminalUI

extension RefundForm {
    /// What a key did to the form.
    public enum Outcome: Sendable, Equatable {
        case editing
        case cancelled
        /// Enter with every field right: the question comes next.
        case confirm
    }

    /// The form's keys: they drive `update`, the footer and the help.
    public static func keymap(words: Words) -> Keymap<FormCommand> { Keymaps.form(words: words) }

    public mutating func update(_ key: Key, words: Words) -> Outcome {
        let fields = Field.allCases
        switch Self.keymap(words: words).action(for: key) {
        case .cancel?: return .cancelled
        case .next?: focus = fields[(focus.rawValue + 1) % fields.count]
        case .previous?: focus = fields[(focus.rawValue + fields.count - 1) % fields.count]
        case .submit?: if validate(words: words) != nil { return .confirm }
        case nil:
            switch focus {
            case .amount: AmountEntry.handle(&amount, key, words: words)
            case .reason: reason.handle(key)
            case .number: number.handle(key)
            }
        }
        return .editing
    }

    /// The question before the refund: `y` refunds the amount (read once more), `n` goes back,
    /// and while DOKU is being asked only Esc works, closing it (never a trap).
    public mutating func confirm(_ key: Key, words: Words) -> ConfirmOutcome<Money> {
        guard pendingTag == nil else { return Self.askingKeymap(words: words).action(for: key) == .no ? .closedWhileAsking : .waiting }
        switch Self.confirmKeymap(words: words).action(for: key) {
        case .yes?: return validate(words: words).map { .yes($0) } ?? .back
        case .no?: return .back
        case nil: return .waiting
        }
    }

    public static func confirmKeymap(words: Words) -> Keymap<ConfirmCommand> { Keymaps.confirm(yes: .keyYesRefund, words: words) }

    /// While DOKU is being asked: only Esc, back to the list.
    public static func askingKeymap(words: Words) -> Keymap<ConfirmCommand> {
        Keymap("", [KeyBinding([.escape], words(.keyToList), label: "Esc", action: .no)])
    }
}
