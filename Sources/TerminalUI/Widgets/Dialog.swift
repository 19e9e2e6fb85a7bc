/// A modal box centred on the screen, with a title, a message and buttons.
public struct Dialog: Sendable, Equatable {
    public var title: String
    public var lines: [String]
    public var buttons: [String]
    public var focusedButton: Int

    public init(title: String, lines: [String], buttons: [String] = ["OK"], focusedButton: Int = 0) {
        self.title = title
        self.lines = lines
        self.buttons = buttons
        self.focusedButton = focusedButton
    }

    /// Draws the dialog and returns the inside area below the message (for fields).
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect, theme: Theme, width: Int = 60, extraHeight: Int = 0, borders: BorderSet = .unicode) -> Rect {
        let height = lines.count + extraHeight + (buttons.isEmpty ? 2 : 4)
        let box = area.centered(width: width, height: height)
        buffer.fill(box, with: Cell(" ", style: theme[.dialog]))
        let inside = buffer.box(box, title: title, style: theme[.dialog], titleStyle: theme[.dialog].bolded, borders: borders)
        for (index, line) in lines.enumerated() where index < inside.height {
            buffer.put(line, x: inside.x + 1, y: inside.y + index, style: theme[.dialog], maxWidth: inside.width - 2)
        }
        if !buttons.isEmpty, inside.height > 0 {
            let labels = buttons.map { "[ \($0) ]" }
            let total = labels.reduce(0) { $0 + DisplayWidth.of($1) + 2 }
            var x = inside.x + max(0, (inside.width - total) / 2)
            for (index, label) in labels.enumerated() {
                let style = index == focusedButton ? theme[.dialog].reversed.bolded : theme[.dialog]
                x += buffer.put(label, x: x, y: inside.maxY - 1, style: style, maxWidth: inside.maxX - x) + 2
            }
        }
        return Rect(x: inside.x + 1, y: inside.y + lines.count, width: inside.width - 2, height: extraHeight)
    }
}

/// A short spinning indicator for work in progress.
public enum Spinner {
    static let unicodeFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    static let asciiFrames = ["|", "/", "-", "\\"]

    public static func frame(_ tick: Int, ascii: Bool = false) -> String {
        let frames = ascii ? asciiFrames : unicodeFrames
        return frames[((tick % frames.count) + frames.count) % frames.count]
    }
}

/// A word in a coloured box: ` PAID `, ` DEMO `.
public enum Badge {
    @discardableResult
    public static func render(_ text: String, style: Style, into buffer: inout Buffer, x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        buffer.put(" \(text) ", x: x, y: y, style: style, maxWidth: maxWidth)
    }
}
