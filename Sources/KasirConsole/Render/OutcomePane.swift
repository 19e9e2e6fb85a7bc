import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// A decided sale over the whole view: the word and the amount in block letters as large as
/// the terminal allows, in the status's colour, then the invoice and the time.
enum OutcomePane {
    static func render(_ invoice: Invoice, state: AppState, into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let w = state.words
        let role = ConsoleView.statusRole(invoice.status)
        let ground = theme[role].merging(Style(reverse: true))
        buffer.fill(area, with: Cell(" ", style: ground))
        let ink = ground.merging(Style(bold: true))
        let word = w.badge(invoice.status == .partiallyRefunded ? .paid : invoice.status)
        let amount = invoice.amount.displayText
        let when = w.dateTime(invoice.paidAt ?? invoice.updatedAt, width: 40)
        let lines = [invoice.number.cleanedForDisplay(limit: 64) + " · " + when] + (invoice.status == .paid ? [w(.outcomeThanks)] : [])
        // Block letters for the word and the amount where they fit, plain bold text where not.
        let textRows = lines.count + 1
        let room = max(0, area.height - textRows)
        let wordScale = BigText.canDraw(word) ? BigText.scale(word, fitting: area.width - 4, (room - 1) / 2) : nil
        let amountScale = BigText.canDraw(amount) ? BigText.scale(amount, fitting: area.width - 4, room - 1 - (wordScale.map { BigText.height * $0 } ?? 1)) : nil
        let wordHeight = wordScale.map { BigText.height * $0 } ?? 1
        let amountHeight = amountScale.map { BigText.height * min($0, wordScale ?? 1) } ?? 1
        var y = area.y + max(0, (area.height - wordHeight - amountHeight - 1 - textRows) / 2)
        func centred(_ text: String, scale: Int?, style: Style) -> Int {
            if let scale {
                let size = BigText.size(text, scale: scale)
                BigText.render(text, x: area.x + (area.width - size.width) / 2, y: y, scale: scale, unicode: state.unicode, style: style, into: &buffer)
                return size.height
            }
            let shown = DisplayWidth.truncate(text, to: area.width - 2)
            buffer.put(shown, x: area.x + max(1, (area.width - DisplayWidth.of(shown)) / 2), y: y, style: style)
            return 1
        }
        y += centred(word, scale: wordScale, style: ink) + 1
        y += centred(amount, scale: amountScale.map { min($0, wordScale ?? 1) }, style: ink) + 1
        for line in lines where y < area.maxY {
            y += centred(line, scale: nil, style: ink)
        }
    }
}
