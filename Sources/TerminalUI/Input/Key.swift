/// A key press, decoded from the terminal.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case character(Character)
    case ctrl(Character)
    case alt(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown, insert, delete
    case enter, escape, backspace, tab, backTab
    case function(Int)
    /// The terminal changed size.
    case resize

    /// How the key is written in hints and help: `n`, `Enter`, `Ctrl-C`, `PgDn`.
    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .ctrl(let c): "Ctrl-" + String(c).uppercased()
        case .alt(let c): "Alt-" + String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .insert: "Ins"
        case .delete: "Del"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        }
    }
}

/// One binding: the keys that trigger it, how the footer names it, and what it does.
public struct KeyBinding<Action: Sendable>: Sendable {
    public var keys: [Key]
    /// What the footer and help show for the keys, e.g. "j/k" (defaults to the first key).
    public var label: String
    public var help: String
    public var action: Action
    /// Shown in the footer (help always shows everything).
    public var inFooter: Bool

    public init(_ keys: [Key], _ help: String, label: String? = nil, inFooter: Bool = true, action: Action) {
        self.keys = keys
        self.label = label ?? keys.first?.description ?? ""
        self.help = help
        self.action = action
        self.inFooter = inFooter
    }
}

/// Key bindings as data: the same list drives dispatch, the footer hints and the help overlay,
/// so help never lies.
public struct Keymap<Action: Sendable>: Sendable {
    public var title: String
    public var bindings: [KeyBinding<Action>]

    public init(_ title: String, _ bindings: [KeyBinding<Action>]) {
        self.title = title
        self.bindings = bindings
    }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }
}
