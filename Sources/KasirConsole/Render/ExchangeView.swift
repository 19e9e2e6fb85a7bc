import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// One exchange read whole over the body (`ExchangeReport`): long lines wrap, so nothing of a
/// header or a body is cut; the view scrolls.
enum ExchangeView {
    static let labelWidth = 12

    static func render(_ screen: ExchangeScreen, state: AppState, into buffer: inout Buffer, area: Rect, borders: BorderSet) {
        let theme = state.theme
        let report = ExchangeReport(screen.entry, words: state.words)
        buffer.fill(area, with: Cell(" ", style: theme[.body]))
        let inside = buffer.box(area, title: state.words(.exchangeTitle) + " · " + report.title, style: theme[.borderFocus], borders: borders)
        let rows = self.rows(report, width: inside.width, theme: theme)
        let start = min(screen.scroll, max(0, rows.count - inside.height))
        for (offset, row) in rows.dropFirst(start).prefix(inside.height).enumerated() {
            buffer.put(row.text, x: inside.x, y: inside.y + offset, style: row.style, maxWidth: inside.width)
        }
        // Where the view is, when it does not all fit.
        if rows.count > inside.height, inside.width > 12 {
            let position = "\(start + 1)-\(min(rows.count, start + inside.height))/\(rows.count)"
            buffer.put(position, x: inside.maxX - DisplayWidth.of(position), y: area.maxY - 1, style: theme[.muted], maxWidth: 12)
        }
    }

    /// The report as screen rows `width` wide.
    static func rows(_ report: ExchangeReport, width: Int, theme: Theme) -> [(text: String, style: Style)] {
        var out: [(String, Style)] = []
        for line in report.lines {
            switch line.kind {
            case .heading:
                out.append(("", theme[.body]))
                out.append((line.text, theme[.title].bolded))
            case .field(let label):
                let pieces = DisplayWidth.wrap(line.text, width: max(1, width - labelWidth))
                for (index, piece) in pieces.enumerated() {
                    out.append(((index == 0 ? DisplayWidth.pad(label, to: labelWidth) : String(repeating: " ", count: labelWidth)) + piece, theme[.body]))
                }
            case .code:
                for piece in DisplayWidth.wrap(line.text, width: max(1, width - 2)) { out.append(("  " + piece, theme[.accent])) }
            case .problem:
                for piece in DisplayWidth.wrap(line.text, width: max(1, width)) { out.append((piece, theme[.logError])) }
            }
        }
        return out
    }

    /// Rows the view shows at once on this screen.
    static func visibleRows(_ state: AppState) -> Int { max(1, state.height - 4) }

    static func lineCount(_ screen: ExchangeScreen, state: AppState) -> Int {
        rows(ExchangeReport(screen.entry, words: state.words), width: max(1, state.width - 2), theme: state.theme).count
    }
}
