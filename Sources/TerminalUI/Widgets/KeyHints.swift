/// The footer: the keys that work here, from the keymap, in its order; one that does not fit
/// leaves room for shorter ones after it.
public enum KeyHints {
    public static func render<Action>(_ keymap: Keymap<Action>, into buffer: inout Buffer, area: Rect, theme: Theme) {
        buffer.fill(area, with: Cell(" ", style: theme[.footer]))
        var x = area.x + 1
        for binding in keymap.bindings where binding.inFooter {
            let label = " \(binding.label) "
            let text = " \(binding.help)  "
            let needed = DisplayWidth.of(label) + DisplayWidth.of(text)
            guard x + needed <= area.maxX else { continue }
            x += buffer.put(label, x: x, y: area.y, style: theme[.key])
            x += buffer.put(text, x: x, y: area.y, style: theme[.footer])
        }
    }
}

/// The `?` overlay: every binding of every keymap given, flowing into as many columns as the
/// screen needs, so an 80×24 terminal shows them all.
public enum HelpOverlay {
    struct Line {
        var title: String?
        var keys = ""
        var help = ""
    }

    public static func render<Action>(_ keymaps: [Keymap<Action>], title: String, into buffer: inout Buffer, area: Rect, theme: Theme, borders: BorderSet = .unicode) {
        var lines: [Line] = []
        for (index, keymap) in keymaps.enumerated() {
            if index > 0 { lines.append(Line()) }
            lines.append(Line(title: keymap.title))
            for binding in keymap.bindings {
                let keys = binding.keys.count > 1 && binding.label == binding.keys[0].description ? binding.keys.map(\.description).joined(separator: " ") : binding.label
                lines.append(Line(keys: keys, help: binding.help))
            }
        }
        let keyWidth = min(14, lines.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        let rowsThatFit = max(1, area.height - 2)
        // The blank lines between keymaps go when keeping them would need another column.
        let withoutBlanks = lines.filter { $0.title != nil || !$0.keys.isEmpty }
        if (withoutBlanks.count + rowsThatFit - 1) / rowsThatFit < (lines.count + rowsThatFit - 1) / rowsThatFit { lines = withoutBlanks }
        let columns = max(1, min(3, (lines.count + rowsThatFit - 1) / rowsThatFit))
        let perColumn = (lines.count + columns - 1) / columns
        let columnWidth = columns == 1 ? min(area.width - 6, 68) : min(44, (area.width - 4 - 2 * columns) / columns)
        let box = area.centered(width: min(area.width - 2, columns * (columnWidth + 2) + 2), height: min(area.height, perColumn + 2))
        buffer.fill(box, with: Cell(" ", style: theme[.dialog]))
        let inside = buffer.box(box, title: title, style: theme[.dialog], titleStyle: theme[.dialog].bolded, borders: borders)
        for (index, line) in lines.enumerated() {
            let y = inside.y + index % perColumn
            let x = inside.x + 1 + (index / perColumn) * (columnWidth + 2)
            guard y < inside.maxY, x < inside.maxX else { continue }
            let room = min(columnWidth, inside.maxX - x)
            if let title = line.title {
                buffer.put(DisplayWidth.truncate(title, to: room), x: x, y: y, style: theme[.dialog].bolded, maxWidth: room)
            } else if !line.keys.isEmpty {
                buffer.put(DisplayWidth.pad(line.keys, to: keyWidth), x: x + 1, y: y, style: theme[.dialog].bolded, maxWidth: room - 1)
                let helpRoom = room - keyWidth - 3
                if helpRoom > 0 { buffer.put(DisplayWidth.truncate(line.help, to: helpRoom), x: x + keyWidth + 3, y: y, style: theme[.dialog], maxWidth: helpRoom) }
            }
        }
    }
}
