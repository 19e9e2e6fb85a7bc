/// Why a theme file was refused: which file, which line, what is wrong.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads theme files: a small, strict subset of TOML. One `[role]` section per role with
/// `fg`, `bg` (ANSI name, 256-colour index or `#rrggbb`) and `bold`, `dim`, `reverse`,
/// `underline` (true/false); `name = "…"` at the top.
public enum ThemeParser {
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        var name = file
        var styles: [ThemeRole: Style] = [:]
        var role: ThemeRole?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = stripComment(String(rawLine)).trimmingCharacters()
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw ThemeError(file: file, line: number, message: "a section header must end with ']'") }
                let section = String(line.dropFirst().dropLast()).trimmingCharacters()
                guard let found = ThemeRole(rawValue: section) else {
                    throw ThemeError(
                        file: file, line: number,
                        message: "[\(section)] is not a theme role; roles are \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                role = found
                styles[found] = styles[found] ?? Style()
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ThemeError(file: file, line: number, message: "expected key = value")
            }
            let key = String(line[..<equals]).trimmingCharacters()
            let value = String(line[line.index(after: equals)...]).trimmingCharacters()
            guard let role else {
                guard key == "name" else { throw ThemeError(file: file, line: number, message: "'\(key)' must be inside a [role] section") }
                name = try string(value, file: file, line: number)
                continue
            }
            var style = styles[role] ?? Style()
            switch key {
            case "fg": style.foreground = try color(try string(value, file: file, line: number), file: file, line: number)
            case "bg": style.background = try color(try string(value, file: file, line: number), file: file, line: number)
            case "bold": style.bold = try bool(value, file: file, line: number)
            case "dim": style.dim = try bool(value, file: file, line: number)
            case "reverse": style.reverse = try bool(value, file: file, line: number)
            case "underline": style.underline = try bool(value, file: file, line: number)
            default:
                throw ThemeError(file: file, line: number, message: "'\(key)' is not a style key; use fg, bg, bold, dim, reverse or underline")
            }
            styles[role] = style
        }
        guard let body = styles[.body] else { throw ThemeError(file: file, line: 1, message: "the theme has no [body] section") }
        // A theme that sets the body's background sets it for every role without its own, so a
        // light theme stays light on a dark terminal instead of showing the terminal's ground.
        if body.background != .default {
            for (role, style) in styles where style.background == .default { styles[role]?.background = body.background }
        }
        return Theme(name: name, styles: styles)
    }

    static func stripComment(_ line: String) -> String {
        var inString = false
        for (index, character) in line.enumerated() {
            if character == "\"" { inString.toggle() }
            if character == "#" && !inString { return String(line.prefix(index)) }
        }
        return line
    }

    static func string(_ value: String, file: String, line: Int) throws(ThemeError) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else {
            throw ThemeError(file: file, line: line, message: "expected a quoted string, e.g. \"cyan\"")
        }
        return String(value.dropFirst().dropLast())
    }

    static func bool(_ value: String, file: String, line: Int) throws(ThemeError) -> Bool {
        switch value {
        case "true": return true
        case "false": return false
        default: throw ThemeError(file: file, line: line, message: "expected true or false")
        }
    }

    static let names: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7, "bright-black": 8, "gray": 8, "grey": 8,
        "bright-red": 9, "bright-green": 10, "bright-yellow": 11, "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// `"cyan"`, `"bright-red"`, `"default"`, `"214"` or `"#1e90ff"`.
    public static func color(_ text: String, file: String, line: Int) throws(ThemeError) -> Color {
        let lower = text.lowercased()
        if lower == "default" || lower.isEmpty { return .default }
        if let ansi = names[lower] { return .ansi(ansi) }
        if let index = Int(lower), (0...255).contains(index) { return .indexed(UInt8(index)) }
        if lower.hasPrefix("#"), lower.count == 7, let value = Int(lower.dropFirst(), radix: 16) {
            return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        }
        throw ThemeError(file: file, line: line, message: "'\(text)' is not a colour; use an ANSI name (e.g. cyan, bright-red), 0–255 or #rrggbb")
    }
}

extension String {
    func trimmingCharacters() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return String(slice)
    }
}
