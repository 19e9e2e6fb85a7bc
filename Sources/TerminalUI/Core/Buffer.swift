/// A grid of cells that widgets render into. Pure data: the terminal backend draws the
/// difference between two buffers, and tests compare buffers as text.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : .blank }
        set {
            guard contains(x, y) else { return }
            cells[y * width + x] = newValue
        }
    }

    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Fills `rect` with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { self[x, y] = cell }
        }
        repairEdges(of: clipped)
    }

    /// Restyles `rect` keeping its text.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { cells[y * width + x].style = style }
        }
    }

    /// Writes `text` at (x, y) in at most `maxWidth` columns (to the right edge by default).
    /// A wide character that would not fit whole is replaced by spaces, never cut in half;
    /// combining marks join the character before them. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, x + (maxWidth ?? (width - x)))
        var column = x
        // Printable ASCII, the common case: one byte is one cell.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8 {
                guard column < limit else { break }
                if column >= 0 { set(column, y, Cell(Self.ascii[Int(byte) - 0x20], style: style)) }
                column += 1
            }
            return max(0, column - x)
        }
        for character in text {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A mark with nothing before it is dropped; otherwise it joins the previous cell.
                if column > x, column - 1 >= 0, column - 1 < width {
                    var target = column - 1
                    if self[target, y].isContinuation { target -= 1 }
                    if target >= 0 { cells[y * width + target].text.append(character) }
                }
                continue
            }
            if column + w > limit {
                while column < limit {
                    if column >= 0 { set(column, y, Cell(" ", style: style)) }
                    column += 1
                }
                break
            }
            if column >= 0 {
                set(column, y, Cell(String(character), style: style))
                if w == 2 { set(column + 1, y, Cell("", style: style, isContinuation: true)) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// One string per printable ASCII character, made once.
    static let ascii: [String] = (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) }

    /// Sets one cell, blanking the other half of any wide character it overwrites.
    mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard contains(x, y) else { return }
        let old = self[x, y]
        // Overwriting the right half of a wide character: its left half goes too.
        if old.isContinuation, !cell.isContinuation, x > 0 { cells[y * width + x - 1] = Cell(" ", style: self[x - 1, y].style) }
        // Overwriting the left half with anything but another wide character: its right half goes too.
        if !old.isContinuation, x + 1 < width, self[x + 1, y].isContinuation, DisplayWidth.of(cell.text) != 2 {
            cells[y * width + x + 1] = Cell(" ", style: self[x + 1, y].style)
        }
        cells[y * width + x] = cell
    }

    /// After a fill, a wide character straddling the rectangle's edge must not keep half of itself.
    mutating func repairEdges(of rect: Rect) {
        for y in rect.y..<rect.maxY {
            if rect.x > 0, !self[rect.x - 1, y].isContinuation, DisplayWidth.of(self[rect.x - 1, y].text) == 2, !self[rect.x, y].isContinuation {
                cells[y * width + rect.x - 1] = Cell(" ", style: self[rect.x - 1, y].style)
            }
            if rect.maxX < width, self[rect.maxX, y].isContinuation {
                cells[y * width + rect.maxX] = Cell(" ", style: self[rect.maxX, y].style)
            }
        }
    }

    /// The buffer as lines of text, the way a person sees it.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].text }
            return line
        }
    }

    /// Every run of cells on a row with the same non-plain style, for snapshots.
    public var styleRuns: [String] {
        var out: [String] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                let style = self[x, y].style
                var end = x
                while end + 1 < width, self[end + 1, y].style == style { end += 1 }
                if style != .plain { out.append("\(y):\(x)-\(end) \(StyleText.describe(style))") }
                x = end + 1
            }
        }
        return out
    }

    /// The cells that differ from `old`, in drawing order. A size change redraws everything.
    public func changes(from old: Buffer) -> [(x: Int, y: Int, cell: Cell)] {
        var out: [(Int, Int, Cell)] = []
        let sameSize = old.width == width && old.height == height
        for y in 0..<height {
            for x in 0..<width {
                let index = y * width + x
                if !sameSize || old.cells[index] != cells[index] { out.append((x, y, cells[index])) }
            }
        }
        return out
    }

    /// Applies changes from `changes(from:)`: `old.applying(new.changes(from: old)) == new`.
    public func applying(_ changes: [(x: Int, y: Int, cell: Cell)], resizedTo size: (Int, Int)? = nil) -> Buffer {
        var result = self
        if let size, size.0 != width || size.1 != height { result = Buffer(width: size.0, height: size.1) }
        for change in changes where result.contains(change.x, change.y) { result.cells[change.y * result.width + change.x] = change.cell }
        return result
    }
}

/// Short text forms of styles, for snapshots.
public enum StyleText {
    public static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if style.foreground != .default { parts.append("fg=" + color(style.foreground)) }
        if style.background != .default { parts.append("bg=" + color(style.background)) }
        if style.bold { parts.append("bold") }
        if style.dim { parts.append("dim") }
        if style.reverse { parts.append("reverse") }
        if style.underline { parts.append("underline") }
        return parts.joined(separator: " ")
    }

    static func color(_ color: Color) -> String {
        switch color {
        case .default: "default"
        case .ansi(let n): "ansi\(n)"
        case .indexed(let n): "i\(n)"
        case .rgb(let r, let g, let b): "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}
