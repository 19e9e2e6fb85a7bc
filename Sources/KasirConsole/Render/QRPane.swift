import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// The QR view: the code as large as the terminal allows, the URL under it, the amount, a
/// countdown and the live status. Payment turns it into an unmistakable PAID.
enum QRPane {
    static func render(_ qr: QRScreen, state: AppState, into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let invoice = qr.invoice
        buffer.fill(area, with: Cell(" ", style: theme[.body]))
        let settled: (String, ThemeRole)? =
            switch invoice.status {
            case .paid, .partiallyRefunded: ("✓ PAID", .statusPaid)
            case .refunded: ("REFUNDED", .statusRefunded)
            case .failed: ("✗ PAYMENT FAILED", .statusFailed)
            case .expired: ("EXPIRED — NOT PAID", .statusExpired)
            default: nil
            }
        let url = (invoice.webRedirectUrl ?? "").cleanedForDisplay(limit: 2048)
        // Two lines of text under the code, so a version-3 code (most payment links) still fits at 80x24.
        let infoHeight = 2
        let codeArea = Rect(x: area.x, y: area.y, width: area.width, height: area.height - infoHeight)
        if let (word, role) = settled {
            let box = codeArea.centered(width: min(codeArea.width - 4, 48), height: min(codeArea.height, 9))
            buffer.fill(box, with: Cell(" ", style: theme[role].merging(Style(reverse: true))))
            let big = state.unicode ? word : word.replacingOccurrences(of: "✓ ", with: "").replacingOccurrences(of: "✗ ", with: "")
            buffer.put(big, x: box.x + max(0, (box.width - DisplayWidth.of(big)) / 2), y: box.y + box.height / 2 - 1, style: theme[role].merging(Style(bold: true, reverse: true)))
            let amount = invoice.amount.displayText
            buffer.put(amount, x: box.x + max(0, (box.width - DisplayWidth.of(amount)) / 2), y: box.y + box.height / 2 + 1, style: theme[role].merging(Style(bold: true, reverse: true)))
        } else if let matrix = qr.matrix {
            QRView.render(matrix, url: url, into: &buffer, area: codeArea, drawing: state.unicode ? .halfBlocks : .ascii, theme: theme)
        } else {
            buffer.put("No scannable link for this invoice.", x: area.x + 2, y: area.y + 1, style: theme[.logError])
        }
        let y = area.maxY - infoHeight
        let status = "\(invoice.number.cleanedForDisplay(limit: 64))  \(invoice.amount.displayText)  "
        let countdown = settled == nil ? "  " + DetailPane.countdown(invoice.validUpTo, now: state.now) : ""
        let total = DisplayWidth.of(status) + invoice.status.label.count + 2 + DisplayWidth.of(countdown)
        var x = max(area.x, (area.width - total) / 2)
        x += buffer.put(status, x: x, y: y, style: theme[.title])
        x += Badge.render(invoice.status.label, style: theme[ConsoleView.statusRole(invoice.status)], into: &buffer, x: x, y: y)
        buffer.put(countdown, x: x, y: y, style: theme[.muted], maxWidth: area.maxX - x)
        let link = DisplayWidth.truncate(url, to: area.width - 2)
        buffer.put(link, x: max(area.x + 1, (area.width - DisplayWidth.of(link)) / 2), y: y + 1, style: theme[.accent])
    }
}
