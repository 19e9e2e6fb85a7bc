import TerminalUI

/// What a key did to a one-line prompt (the `:` command line, `/` search, the log filter).
public enum PromptOutcome: Sendable, Equatable {
    case editing
    case cancelled
    /// Enter: the text as typed.
    case entered(String)
}

extension TextFieldState {
    /// A prompt's own update: Esc cancels, Enter gives the text, any other key edits it.
    public mutating func prompt(_ key: Key) -> PromptOutcome {
        switch key {
        case .escape: return .cancelled
        case .enter: return .entered(text)
        default:
            handle(key)
            return .editing
        }
    }
}
