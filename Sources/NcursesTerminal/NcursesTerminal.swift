import CNcurses
import Foundation
import TerminalUI

/// Why the terminal cannot be used.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// The real terminal, through ncurses: set-up and restore, key decoding, colour pairs, and
/// drawing only the cells that changed since the last frame. Use from the main actor only.
@MainActor
public final class NcursesTerminal {
    public private(set) var width: Int
    public private(set) var height: Int
    public let colorDepth: ColorDepth
    /// False under a non-UTF-8 locale: draw ASCII boxes and the `##` QR code.
    public let unicode: Bool
    private var shown: Buffer
    private var pairs: [PairKey: Int16] = [:]
    private var nextPair: Int16 = 1
    private let maxPairs: Int
    private var stopped = false

    struct PairKey: Hashable {
        let foreground: Int16
        let background: Int16
    }

    /// Checks that standard input and output are a terminal ncurses can drive, then takes it over.
    public static func start(environment: [String: String] = ProcessInfo.processInfo.environment) throws(TerminalError) -> NcursesTerminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError(description: "kasir's console needs a terminal; standard input and output are not one. Use the CLI commands (kasir pay, status, …) in scripts")
        }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb" else {
            throw TerminalError(description: "TERM is \(term.isEmpty ? "not set" : "'dumb'"); the console needs a real terminal type such as xterm-256color")
        }
        // The language is chosen from the variables' names elsewhere; here only the character set
        // matters. A client's `id_ID.UTF-8` over SSH names a locale the server may not have:
        // setlocale then fails and would leave ASCII, so a UTF-8 terminal keeps UTF-8 through C.UTF-8.
        if setlocale(LC_ALL, "") == nil || String(cString: kasir_codeset()).uppercased().replacingOccurrences(of: "-", with: "") != "UTF8",
            TerminalEncoding.isUTF8(environment)
        {
            _ = setlocale(LC_CTYPE, "C.UTF-8") ?? setlocale(LC_CTYPE, "C.utf8")
        }
        let codeset = String(cString: kasir_codeset())
        guard kasir_newterm() != nil else {
            throw TerminalError(description: "ncurses does not know the terminal type '\(term)'; install ncurses-term or set TERM=xterm-256color")
        }
        return NcursesTerminal(unicode: codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8", environment: environment)
    }

    private init(unicode: Bool, environment: [String: String]) {
        kasir_install_restore_handlers()
        raw()
        noecho()
        nonl()
        let screen = kasir_stdscr()
        keypad(screen, true)
        wtimeout(screen, 0)
        set_escdelay(25)
        curs_set(0)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(kasir_colors())
        }
        colorDepth = ColorDepth.detect(colors: colors, environment: environment)
        maxPairs = max(0, min(Int(kasir_color_pairs()) - 1, 4_096))
        self.unicode = unicode
        width = Int(kasir_cols())
        height = Int(kasir_lines())
        shown = Buffer(width: 0, height: 0)
        atexit { kasir_endwin_once() }
    }

    /// The bell, and a flash of the screen when `flash` (for a counter too loud to hear it).
    public func ring(flash: Bool) {
        beep()
        if flash { CNcurses.flash() }
    }

    /// OSC 52: the terminal (or tmux, with `set-clipboard on`) puts the text on its clipboard.
    /// The text is kasir's own (a curl script of cleaned text), base64 in the sequence, so no
    /// byte of it reaches the terminal raw.
    public func copyToClipboard(_ text: String) -> Bool {
        guard !stopped else { return false }
        let sequence = Array(("\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}").utf8)
        var written = 0
        while written < sequence.count {
            let result = sequence[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            guard result > 0 else { return false }
            written += result
        }
        return true
    }

    /// Puts the terminal back as it was. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        // Blank the console first: some terminals (tmux after a resize) carry the alternate
        // screen's cells over when switching back.
        werase(kasir_stdscr())
        wrefresh(kasir_stdscr())
        curs_set(1)
        kasir_endwin_once()
    }

    /// The next key if one is waiting; never blocks (so the main actor keeps running).
    public func readKey() -> Key? {
        var code: wint_t = 0
        let status = wget_wch(kasir_stdscr(), &code)
        guard status != ERR else { return nil }
        let key = KeyDecoder.decode(status: status, code: UInt32(code)) {
            var following: wint_t = 0
            let nextStatus = wget_wch(kasir_stdscr(), &following)
            return nextStatus == ERR ? nil : (nextStatus, UInt32(following))
        }
        if key == .resize {
            width = Int(kasir_cols())
            height = Int(kasir_lines())
        }
        return key
    }

    /// Draws `buffer`, writing only the cells that changed; places the cursor if asked.
    public func draw(_ buffer: Buffer, cursor: (x: Int, y: Int)? = nil) {
        if buffer.width != shown.width || buffer.height != shown.height {
            wclear(kasir_stdscr())
            shown = Buffer(width: 0, height: 0)
        }
        let screen = kasir_stdscr()
        for change in buffer.changes(from: shown) where !change.cell.isContinuation {
            let (attributes, pair) = attributes(for: change.cell.style)
            wattr_set(screen, attributes, pair, nil)
            var text = change.cell.text.isEmpty ? " " : change.cell.text
            if !unicode { text = text.unicodeScalars.allSatisfy(\.isASCII) ? text : Self.asciiFallback[text] ?? "?" }
            let wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
            wide.withUnsafeBufferPointer { _ = mvwaddwstr(screen, Int32(change.y), Int32(change.x), $0.baseAddress) }
        }
        wattr_set(screen, kasir_a_normal(), 0, nil)
        if let cursor {
            curs_set(1)
            wmove(screen, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(screen)
        shown = buffer
    }

    /// One-cell ASCII stand-ins for the symbols kasir draws, for terminals without UTF-8.
    static let asciiFallback: [String: String] = [
        "—": "-", "–": "-", "…": ".", "×": "x", "→": ">", "←": "<", "↑": "^", "↓": "v", "✓": "v", "✗": "x", "⇄": "=", "‹": "<", "›": ">",
        "·": ".", "█": "#", "▀": "\"", "▄": ",", "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
    ]

    func attributes(for style: Style) -> (attr_t, Int16) {
        var attributes = kasir_a_normal()
        if style.bold { attributes |= kasir_a_bold() }
        if style.dim { attributes |= kasir_a_dim() }
        if style.reverse { attributes |= kasir_a_reverse() }
        if style.underline { attributes |= kasir_a_underline() }
        guard colorDepth != .none else { return (attributes, 0) }
        let key = PairKey(foreground: number(style.foreground), background: number(style.background))
        if key.foreground == -1 && key.background == -1 { return (attributes, 0) }
        if let pair = pairs[key] { return (attributes, pair) }
        if Int(nextPair) > maxPairs {
            // The pair table is full: start over, and redraw everything with the new pairs.
            pairs.removeAll()
            nextPair = 1
            shown = Buffer(width: 0, height: 0)
        }
        let pair = nextPair
        init_pair(pair, key.foreground, key.background)
        pairs[key] = pair
        nextPair += 1
        return (attributes, pair)
    }

    func number(_ color: Color) -> Int16 {
        switch color.mapped(to: min(colorDepth, .indexed256)) {
        case .default: -1
        case .ansi(let n): Int16(n)
        case .indexed(let n): Int16(n)
        case .rgb: -1
        }
    }
}
