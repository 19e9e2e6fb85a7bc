/// The state of a one-line text field: its text, cursor and error. Owned by the caller; pure edits.
public struct TextFieldState: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case text
        /// Digits only, shown grouped as people read rupiah (`150.000`); `,` starts up to 2 decimals.
        case money
    }

    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    public var mode: Mode
    public var maxLength: Int
    /// Why the value is not acceptable, shown under the field.
    public var error: String?

    public init(_ text: String = "", mode: Mode = .text, maxLength: Int = 256) {
        characters = Array(text.prefix(maxLength))
        cursor = characters.count
        self.mode = mode
        self.maxLength = maxLength
    }

    public var text: String { String(characters) }

    public mutating func setText(_ text: String) {
        characters = Array(text.prefix(maxLength))
        cursor = characters.count
    }

    /// Applies an editing key; returns false for keys a text field does not use.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c): return insert(c)
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .alt("b"): cursor = wordStart(before: cursor)
        case .alt("f"): cursor = wordEnd(after: cursor)
        case .ctrl("w"):
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeSubrange(cursor..<characters.count)
        default:
            return false
        }
        error = nil
        return true
    }

    mutating func insert(_ c: Character) -> Bool {
        guard characters.count < maxLength else { return true }
        if c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return true }
        if mode == .money {
            // Grouping dots are drawn by the field; people may type them, they are dropped.
            if c == "." { return true }
            guard c.isASCII && c.isNumber || (c == "," && !characters.contains(",")) else { return true }
            if let comma = characters.firstIndex(of: ","), cursor > comma, characters.count - comma > 2 { return true }
        }
        characters.insert(c, at: cursor)
        cursor += 1
        error = nil
        return true
    }

    func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0, characters[i - 1] == " " { i -= 1 }
        while i > 0, characters[i - 1] != " " { i -= 1 }
        return i
    }

    func wordEnd(after index: Int) -> Int {
        var i = index
        while i < characters.count, characters[i] == " " { i += 1 }
        while i < characters.count, characters[i] != " " { i += 1 }
        return i
    }

    /// What is drawn, and where the cursor sits in it: money shows `150.000` while `150000` is typed.
    public var display: (text: String, cursor: Int) {
        guard mode == .money else { return (text, DisplayWidth.of(String(characters.prefix(cursor)))) }
        let comma = characters.firstIndex(of: ",") ?? characters.count
        let integer = Array(characters[..<comma])
        var out: [Character] = []
        var cursorOut = 0
        for (index, digit) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 { out.append(".") }
            if index == cursor { cursorOut = out.count }
            out.append(digit)
        }
        if cursor >= integer.count { cursorOut = out.count + (cursor - integer.count) }
        out.append(contentsOf: characters[comma...])
        return (String(out), cursorOut)
    }
}

/// Draws a labelled text field with its error underneath.
public enum TextField {
    /// Returns the screen position of the cursor when focused.
    @discardableResult
    public static func render(
        _ state: TextFieldState, label: String, into buffer: inout Buffer, area: Rect, theme: Theme, focused: Bool, labelWidth: Int = 16,
        placeholder: String = ""
    ) -> (x: Int, y: Int)? {
        guard area.height > 0 else { return nil }
        buffer.put(DisplayWidth.pad(label, to: labelWidth), x: area.x, y: area.y, style: focused ? theme[.accent] : theme[.body])
        let fieldX = area.x + labelWidth
        let fieldWidth = max(1, area.width - labelWidth)
        let style = focused ? theme[.inputFocus] : theme[.input]
        buffer.fill(Rect(x: fieldX, y: area.y, width: fieldWidth, height: 1), with: Cell(" ", style: style))
        let (text, cursor) = state.display
        // Keep the cursor on screen when the text is longer than the field.
        let start = max(0, cursor - fieldWidth + 1)
        let visible = String(text.dropFirst(start))
        if text.isEmpty && !placeholder.isEmpty {
            buffer.put(placeholder, x: fieldX, y: area.y, style: style.merging(theme[.muted]), maxWidth: fieldWidth)
        } else {
            buffer.put(visible, x: fieldX, y: area.y, style: style, maxWidth: fieldWidth)
        }
        if let error = state.error, area.height > 1 {
            // A reason says what to type: when it is longer than the field, it starts under the label.
            let text = "✗ " + error
            let x = DisplayWidth.of(text) <= fieldWidth ? fieldX : area.x
            buffer.put(DisplayWidth.truncate(text, to: area.maxX - x), x: x, y: area.y + 1, style: theme[.inputError], maxWidth: area.maxX - x)
        }
        return focused ? (fieldX + min(cursor - start, fieldWidth - 1), area.y) : nil
    }
}

/// A choice among a few options, cycled with ←/→.
public struct SelectState: Sendable, Equatable {
    public var options: [String]
    public var selected: Int

    public init(_ options: [String], selected: Int = 0) {
        self.options = options
        self.selected = max(0, min(selected, options.count - 1))
    }

    public var value: String { options.isEmpty ? "" : options[selected] }

    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        guard !options.isEmpty else { return false }
        switch key {
        case .left, .character("h"): selected = (selected + options.count - 1) % options.count
        case .right, .character("l"), .character(" "): selected = (selected + 1) % options.count
        default: return false
        }
        return true
    }

    public static func render(_ state: SelectState, label: String, into buffer: inout Buffer, area: Rect, theme: Theme, focused: Bool, labelWidth: Int = 16) {
        buffer.put(DisplayWidth.pad(label, to: labelWidth), x: area.x, y: area.y, style: focused ? theme[.accent] : theme[.body])
        var x = area.x + labelWidth
        x += buffer.put("‹ ", x: x, y: area.y, style: theme[.muted])
        for (index, option) in state.options.enumerated() {
            let style = index == state.selected ? (focused ? theme[.inputFocus] : theme[.accent]) : theme[.muted]
            x += buffer.put(" \(option) ", x: x, y: area.y, style: style, maxWidth: area.maxX - x)
        }
        buffer.put(" ›", x: x, y: area.y, style: theme[.muted], maxWidth: area.maxX - x)
    }
}
