/// One line of something printed on a till's receipt printer (a receipt, a shift report), as
/// data: the plain-text layout and the ESC/POS bytes are both made from the same lines.
public enum PrintLine: Sendable, Equatable {
    /// Large, bold, centred: the shop's name, the report's name.
    case title(String)
    case centered(String)
    /// A label on the left and its value on the right: `Jumlah       Rp 150.000`.
    case pair(String, String)
    /// As `pair`, in bold (a total).
    case total(String, String)
    case text(String)
    /// A line of dashes across the paper.
    case rule
    case blank
}

/// Paper widths, in characters of the printer's standard font.
public enum PaperWidth: Int, Sendable, CaseIterable {
    /// 58 mm paper.
    case narrow = 32
    /// 80 mm paper.
    case wide = 48
}

/// Plain text for any printer (or the screen), `width` characters a line.
public enum PrintText {
    public static func lines(_ document: [PrintLine], width: Int) -> [String] {
        document.flatMap { line -> [String] in
            switch line {
            case .title(let text), .centered(let text): wrap(text, width).map { centre($0, width) }
            case .pair(let label, let value), .total(let label, let value): pair(label, value, width)
            case .text(let text): wrap(text, width)
            case .rule: [String(repeating: "-", count: width)]
            case .blank: [""]
            }
        }
    }

    static func centre(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, (width - text.count) / 2)) + text
    }

    /// The value right-aligned on the label's line, or on its own line when both do not fit.
    static func pair(_ label: String, _ value: String, _ width: Int) -> [String] {
        if label.count + 1 + value.count <= width { return [label + String(repeating: " ", count: width - label.count - value.count) + value] }
        return wrap(label, width) + wrap(value, width).map { String(repeating: " ", count: max(0, width - $0.count)) + $0 }
    }

    /// Breaks between words where it can, inside a word where it must.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        guard width > 0, text.count > width else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            var word = word
            while word.count > width {
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
