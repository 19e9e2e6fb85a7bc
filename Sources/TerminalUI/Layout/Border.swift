/// Box drawing, in Unicode or plain ASCII for terminals without UTF-8.
public struct BorderSet: Sendable, Hashable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String

    public static let unicode = BorderSet(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    public static let ascii = BorderSet(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
}

extension Buffer {
    /// Draws a box around `rect` with an optional title in its top edge; returns the inside.
    @discardableResult
    public mutating func box(_ rect: Rect, title: String? = nil, style: Style = .plain, titleStyle: Style? = nil, borders: BorderSet = .unicode) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        for x in rect.x + 1..<rect.maxX - 1 {
            put(borders.horizontal, x: x, y: rect.y, style: style)
            put(borders.horizontal, x: x, y: rect.maxY - 1, style: style)
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            put(borders.vertical, x: rect.x, y: y, style: style)
            put(borders.vertical, x: rect.maxX - 1, y: y, style: style)
        }
        put(borders.topLeft, x: rect.x, y: rect.y, style: style)
        put(borders.topRight, x: rect.maxX - 1, y: rect.y, style: style)
        put(borders.bottomLeft, x: rect.x, y: rect.maxY - 1, style: style)
        put(borders.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, style: style)
        if let title, rect.width > 4 {
            put(" " + DisplayWidth.truncate(title, to: rect.width - 6) + " ", x: rect.x + 2, y: rect.y, style: titleStyle ?? style, maxWidth: rect.width - 4)
        }
        return rect.inset(by: 1)
    }
}
