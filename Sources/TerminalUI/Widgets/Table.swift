/// A table column: title, width and alignment.
public struct TableColumn: Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment

    public init(_ title: String, width: Constraint, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// Text with a style, for one table cell.
public struct StyledText: Sendable, Hashable {
    public var text: String
    public var style: Style?

    public init(_ text: String, style: Style? = nil) {
        self.text = text
        self.style = style
    }
}

/// Which row is selected and which is at the top; owned by the caller.
public struct TableState: Sendable, Equatable {
    public var selected: Int
    public var offset: Int

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Moves the selection by `delta` rows, keeping it inside `0..<count` and on screen.
    public mutating func move(by delta: Int, count: Int, visible: Int) {
        select(selected + delta, count: count, visible: visible)
    }

    public mutating func select(_ row: Int, count: Int, visible: Int) {
        guard count > 0 else {
            selected = 0
            offset = 0
            return
        }
        selected = max(0, min(count - 1, row))
        let rows = max(1, visible)
        if selected < offset { offset = selected }
        if selected >= offset + rows { offset = selected - rows + 1 }
        offset = max(0, min(offset, max(0, count - rows)))
    }
}

/// A table that asks for only the rows it shows, so a million rows cost what fifty do.
public struct Table: Sendable {
    public var columns: [TableColumn]
    /// What an empty table says, in the user's language.
    public var emptyText: String

    public init(columns: [TableColumn], emptyText: String = "(nothing to show)") {
        self.columns = columns
        self.emptyText = emptyText
    }

    /// Rows that fit below the header in `area`.
    public static func visibleRows(in area: Rect) -> Int { max(0, area.height - 1) }

    /// Draws the header and rows `state.offset ..< state.offset + visible`, fetched through `rows`.
    public func render(
        into buffer: inout Buffer, area: Rect, state: TableState, count: Int, theme: Theme, focused: Bool = true,
        rows: (Range<Int>) -> [[StyledText]]
    ) {
        guard area.height > 0, area.width > 0 else { return }
        let widths = Layout.split(Rect(x: area.x, y: area.y, width: area.width, height: 1), .horizontal, columns.map(\.width))
        for (column, rect) in zip(columns, widths) where rect.width > 0 {
            buffer.put(DisplayWidth.pad(column.title, to: rect.width - 1, alignment: column.alignment), x: rect.x, y: area.y, style: theme[.title].merging(Style(underline: true)))
        }
        let visible = Table.visibleRows(in: area)
        // An offset past the rows (a selection not yet clamped) draws nothing rather than trapping.
        let start = max(0, min(state.offset, count))
        let range = start..<max(start, min(count, start + visible))
        let fetched = range.isEmpty ? [] : rows(range)
        for (index, row) in fetched.enumerated() {
            let y = area.y + 1 + index
            let isSelected = range.lowerBound + index == state.selected
            let base = isSelected ? (focused ? theme[.selection] : theme[.body].merging(Style(bold: true))) : theme[.body]
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: base))
            for (cell, rect) in zip(row, widths) where rect.width > 0 {
                let style = isSelected && focused ? base : base.merging(cell.style ?? .plain)
                let column = columns[min(widths.firstIndex(of: rect) ?? 0, columns.count - 1)]
                buffer.put(DisplayWidth.pad(cell.text, to: rect.width - 1, alignment: column.alignment), x: rect.x, y: y, style: style, maxWidth: rect.width - 1)
            }
        }
        if count == 0, area.height > 1 {
            buffer.put(emptyText, x: area.x + 1, y: area.y + 1, style: theme[.muted], maxWidth: area.width - 1)
        }
    }
}
