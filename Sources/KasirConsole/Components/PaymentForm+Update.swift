import DokuSNAP
import KasirCore
import TerminalUI

extension PaymentForm {
    /// What a key did to the form; the console acts on it (asks DOKU, closes, confirms).
    public enum Outcome: Sendable, Equatable {
        /// The form took the key (typed, moved focus) or ignored it.
        case editing
        case cancelled
        /// Esc while DOKU is being asked: the form closes, the answer still arrives.
        case closedWhileAsking
        /// Enter with a wrong field: each wrong one now carries its message.
        case invalid
        /// Enter with every field right, above the amount that asks first.
        case needsConfirmation(PaymentDraft)
        case submit(PaymentDraft)
    }

    /// The form's keys: they drive `update`, the footer and the help.
    public static func keymap(words: Words) -> Keymap<FormCommand> { Keymaps.form(words: words) }

    /// The form's own update: one key, read by its keymap, else typed into the focused field.
    public mutating func update(_ key: Key, words: Words, confirmAbove: Money) -> Outcome {
        if pendingTag != nil { return key == .escape ? .closedWhileAsking : .editing }
        let fields = Field.allCases
        switch Self.keymap(words: words).action(for: key) {
        case .cancel?: return .cancelled
        case .next?: focus = fields[(focus.rawValue + 1) % fields.count]
        case .previous?: focus = fields[(focus.rawValue + fields.count - 1) % fields.count]
        case .submit?:
            guard let draft = validate(words: words) else { return .invalid }
            return draft.amount > confirmAbove ? .needsConfirmation(draft) : .submit(draft)
        case nil:
            switch focus {
            case .amount: AmountEntry.handle(&amount, key, words: words)
            case .invoice: invoice.handle(key)
            case .title: title.handle(key)
            case .validFor: validFor.handle(key)
            case .initiation: initiation.handle(key)
            case .deviceID: deviceID.handle(key)
            case .ipAddress: ipAddress.handle(key)
            case .returnURL: returnURL.handle(key)
            }
        }
        return .editing
    }

    /// The question before a large charge: `y` charges (the fields are read once more), `n` goes back.
    public mutating func confirm(_ key: Key, words: Words) -> ConfirmOutcome<PaymentDraft> {
        switch Self.confirmKeymap(words: words).action(for: key) {
        case .yes?: return validate(words: words).map { .yes($0) } ?? .back
        case .no?: return .back
        case nil: return .waiting
        }
    }

    public static func confirmKeymap(words: Words) -> Keymap<ConfirmCommand> { Keymaps.confirm(yes: .keyCharge, words: words) }
}

/// What a key did to a yes/no question.
public enum ConfirmOutcome<Answer: Sendable & Equatable>: Sendable, Equatable {
    /// Not one of its keys: the question stays.
    case waiting
    /// Back to the form it came from.
    case back
    /// Closed while DOKU is being asked; the answer still arrives.
    case closedWhileAsking
    case yes(Answer)
}
