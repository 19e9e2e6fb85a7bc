/// The footer: the keys that work here, from the keymap.
public enum KeyHints {
    public static func render<Action>(_ keymap: Keymap<Action>, into buffer: inout Buffer, area: Rect, theme: Theme) {
        buffer.fill(area, with: Cell(" ", style: theme[.footer]))
        var x = area.x + 1
        for binding in keymap.bindings where binding.inFooter {
            let label = " \(binding.label) "
            let text = " \(binding.help)  "
            let needed = DisplayWidth.of(label) + DisplayWidth.of(text)
            guard x + needed <= area.maxX else { break }
            x += buffer.put(label, x: x, y: area.y, style: theme[.key])
            x += buffer.put(text, x: x, y: area.y, style: theme[.footer])
        }
    }
}

/// The `?` overlay: every binding of every keymap given, in columns.
public enum HelpOverlay {
    public static func render<Action>(_ keymaps: [Keymap<Action>], into buffer: inout Buffer, area: Rect, theme: Theme, borders: BorderSet = .unicode) {
        let rows = keymaps.reduce(0) { $0 + $1.bindings.count + 2 }
        let box = area.centered(width: min(area.width - 2, 72), height: min(area.height - 2, rows + 3))
        buffer.fill(box, with: Cell(" ", style: theme[.dialog]))
        let inside = buffer.box(box, title: "Help — press ? or Esc to close", style: theme[.dialog], titleStyle: theme[.dialog].bolded, borders: borders)
        var y = inside.y
        for keymap in keymaps {
            guard y < inside.maxY else { break }
            buffer.put(keymap.title, x: inside.x + 1, y: y, style: theme[.dialog].bolded, maxWidth: inside.width - 2)
            y += 1
            for binding in keymap.bindings {
                guard y < inside.maxY else { break }
                let keys = binding.keys.count > 1 && binding.label == binding.keys[0].description ? binding.keys.map(\.description).joined(separator: " ") : binding.label
                buffer.put(DisplayWidth.pad(keys, to: 14), x: inside.x + 2, y: y, style: theme[.dialog].bolded)
                buffer.put(binding.help, x: inside.x + 17, y: y, style: theme[.dialog], maxWidth: inside.width - 18)
                y += 1
            }
            y += 1
        }
    }
}
