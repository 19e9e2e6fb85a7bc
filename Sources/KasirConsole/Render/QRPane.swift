import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// The QR view: the code as large as the terminal allows beside what the customer needs to
/// know (shop, order, amount, `sisa 14:03`, "Scan dengan aplikasi DANA"); once the sale is
/// decided, the whole view says so in block letters.
enum QRPane {
    /// Columns the text beside the code needs; below this the text goes under the code.
    static let sidePanelWidth = 30

    static func render(_ qr: QRScreen, state: AppState, into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        buffer.fill(area, with: Cell(" ", style: theme[.body]))
        if qr.invoice.status.isSettled {
            OutcomePane.render(qr.invoice, state: state, into: &buffer, area: area)
            return
        }
        let url = (qr.invoice.webRedirectUrl ?? "").cleanedForDisplay(limit: 2048)
        guard let matrix = qr.matrix else {
            buffer.put(state.words(.qrNoLink), x: area.x + 2, y: area.y + 1, style: theme[.logError], maxWidth: area.width - 4)
            info(qr.invoice, state: state, into: &buffer, area: Rect(x: area.x + 2, y: area.y + 3, width: area.width - 4, height: area.height - 3))
            return
        }
        let drawing: QRView.Drawing = state.unicode ? .halfBlocks : .ascii
        // The link's own line at the bottom; the code and the words share the rest.
        let body = Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1)
        let link = DisplayWidth.truncate(url, to: area.width - 2)
        buffer.put(link, x: max(area.x + 1, area.x + (area.width - DisplayWidth.of(link)) / 2), y: area.maxY - 1, style: theme[.accent])
        if let scale = QRView.scale(of: matrix, drawing: drawing, fitting: body.width - sidePanelWidth - 2, body.height) {
            let size = QRView.size(of: matrix, drawing: drawing, scale: scale)
            let gap = max(2, (body.width - size.width - sidePanelWidth) / 3)
            let code = Rect(x: body.x + gap, y: body.y, width: size.width, height: body.height)
            QRView.render(matrix, url: url, into: &buffer, area: code, drawing: drawing, scale: scale, theme: theme)
            let textX = code.maxX + gap
            info(qr.invoice, state: state, into: &buffer, area: Rect(x: textX, y: body.y + 1, width: body.maxX - textX - 1, height: body.height - 1))
        } else if let scale = QRView.scale(of: matrix, drawing: drawing, fitting: body.width, body.height - 3) {
            let size = QRView.size(of: matrix, drawing: drawing, scale: scale)
            QRView.render(matrix, url: url, into: &buffer, area: Rect(x: body.x, y: body.y, width: body.width, height: size.height), drawing: drawing, scale: scale, theme: theme)
            compactInfo(qr.invoice, state: state, into: &buffer, area: Rect(x: body.x, y: body.y + size.height, width: body.width, height: body.height - size.height))
        } else {
            linkInstead(qr.invoice, url: url, matrix: matrix, drawing: drawing, state: state, into: &buffer, area: body)
        }
    }

    /// The words beside the code, one fact a line.
    static func info(_ invoice: Invoice, state: AppState, into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let w = state.words
        var y = area.y
        func line(_ text: String, _ style: Style, wrap: Bool = false) {
            let pieces = wrap ? DetailPane.wrap(text, width: max(1, area.width), indent: 0, maxLines: 3) : [DisplayWidth.truncate(text, to: area.width)]
            for piece in pieces where y < area.maxY {
                buffer.put(piece, x: area.x, y: y, style: style, maxWidth: area.width)
                y += 1
            }
        }
        line(state.shopName, theme[.title].bolded)
        if let title = invoice.title { line(title.cleanedForDisplay(limit: 64), theme[.body], wrap: true) }
        y += 1
        line(invoice.amount.displayText, theme[.title].bolded)
        y += 1
        if y < area.maxY {
            let width = Badge.render(w.badge(invoice.status), style: theme[ConsoleView.statusRole(invoice.status)], into: &buffer, x: area.x, y: y)
            buffer.put(" " + w.countdown(until: invoice.validUpTo, now: state.now), x: area.x + width, y: y, style: theme[.title], maxWidth: area.width - width)
            y += 2
        }
        line(w(.qrScanWithDana), theme[.accent].bolded, wrap: true)
        line(w(.qrNotQRIS), theme[.muted], wrap: true)
        y += 1
        line(invoice.number.cleanedForDisplay(limit: 64), theme[.muted])
    }

    /// Three lines under a code that takes the whole width.
    static func compactInfo(_ invoice: Invoice, state: AppState, into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let w = state.words
        let first = "\(state.shopName) · \(invoice.amount.displayText) · \(w.badge(invoice.status)) · \(w.countdown(until: invoice.validUpTo, now: state.now))"
        for (offset, (text, style)) in [(first, theme[.title]), (w(.qrScanWithDana) + " — " + w(.qrNotQRIS), theme[.accent])].enumerated() where offset < area.height {
            let shown = DisplayWidth.truncate(text, to: area.width - 2)
            buffer.put(shown, x: area.x + max(1, (area.width - DisplayWidth.of(shown)) / 2), y: area.y + offset, style: style)
        }
    }

    /// No scannable code fits (a small terminal, or no UTF-8 so each module takes two columns):
    /// the reason, then the link as large as the words allow, for the customer to open in DANA.
    static func linkInstead(_ invoice: Invoice, url: String, matrix: QRMatrix, drawing: QRView.Drawing, state: AppState, into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        let w = state.words
        let needed = QRView.size(of: matrix, drawing: drawing)
        let reason =
            drawing == .ascii && QRView.scale(of: matrix, drawing: .halfBlocks, fitting: area.width, area.height) != nil
            ? w(.qrNoUnicode, "\(area.width)×\(area.height)") : w(.qrTooSmall, "\(needed.width)×\(needed.height)", "\(area.width)×\(area.height)")
        var y = area.y + 1
        let inner = max(1, area.width - 4)
        for (text, style) in [
            ("\(state.shopName) · \(invoice.amount.displayText) · \(w.countdown(until: invoice.validUpTo, now: state.now))", theme[.title].bolded), ("", theme[.body]),
            (reason, theme[.body]), ("", theme[.body]),
        ] {
            for piece in text.isEmpty ? [""] : DetailPane.wrap(text, width: inner, indent: 0, maxLines: 6) where y < area.maxY {
                buffer.put(piece, x: area.x + 2, y: y, style: style, maxWidth: inner)
                y += 1
            }
        }
        for piece in DisplayWidth.wrap(url, width: inner) where y < area.maxY {
            buffer.put(piece, x: area.x + 2, y: y, style: theme[.accent].bolded, maxWidth: inner)
            y += 1
        }
    }
}
