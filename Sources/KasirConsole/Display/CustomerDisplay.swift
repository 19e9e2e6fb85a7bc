import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// What the customer's screen shows: nothing to pay, the sale to pay (amount, QR code and how to
/// pay), or the thanks once it is paid.
public enum CustomerScreen: Sendable, Equatable {
    case idle
    case paying(Invoice)
    case thanks(Invoice)
}

/// `kasir display`, the screen facing the customer: it follows one terminal's newest sale in the
/// store and has no key that changes anything. Pure: the store's newest invoice in, a screen out.
public enum CustomerDisplay {
    /// How long the thanks stay before the screen goes idle again.
    public static let thanksFor: TimeInterval = 20

    /// The screen for the terminal's newest invoice (nil: it has none).
    public static func screen(newest invoice: Invoice?, now: Date) -> CustomerScreen {
        guard let invoice else { return .idle }
        if invoice.status == .awaitingPayment, invoice.validUpTo > now, invoice.webRedirectUrl != nil { return .paying(invoice) }
        if invoice.status.isPaid, now.timeIntervalSince(invoice.paidAt ?? invoice.updatedAt) < thanksFor { return .thanks(invoice) }
        return .idle
    }

    /// Draws `screen`; `code` is the paying sale's QR code (`QRScreen(invoice:).matrix`), made
    /// once per sale by the caller rather than on every frame.
    public static func render(
        _ screen: CustomerScreen, code matrix: QRMatrix?, shop: String, words w: Words, now: Date, unicode: Bool, theme: Theme, into buffer: inout Buffer
    ) {
        let area = buffer.area
        buffer.fill(area, with: Cell(" ", style: theme[.body]))
        let title = theme[.title].bolded
        func centred(_ text: String, y: Int, style: Style) {
            let shown = DisplayWidth.truncate(text, to: area.width - 2)
            buffer.put(shown, x: max(1, (area.width - DisplayWidth.of(shown)) / 2), y: y, style: style)
        }
        /// Block letters where they fit (at most `rows` tall), plain bold text where not; returns the rows used.
        func big(_ text: String, y: Int, rows: Int, style: Style) -> Int {
            if BigText.canDraw(text), let scale = BigText.scale(text, fitting: area.width - 2, rows, maximum: 2) {
                let size = BigText.size(text, scale: scale)
                BigText.render(text, x: (area.width - size.width) / 2, y: y, scale: scale, unicode: unicode, style: style, into: &buffer)
                return size.height
            }
            centred(text, y: y, style: style)
            return 1
        }
        switch screen {
        case .idle:
            let y = max(0, area.height / 2 - 4)
            let used = big(shop.uppercased(), y: y, rows: 10, style: title)
            centred(w(.displayWelcome), y: y + used + 2, style: theme[.muted])
        case .paying(let invoice):
            centred(shop, y: 0, style: title)
            let url = (invoice.webRedirectUrl ?? "").cleanedForDisplay(limit: 2048)
            let drawing: QRView.Drawing = unicode ? .halfBlocks : .ascii
            // The amount in block letters when the code still fits under it; else on one line.
            let codeRows = matrix.map { QRView.size(of: $0, drawing: drawing).height } ?? 0
            var y = 1
            if area.height - 1 - (BigText.height + 2) - 3 >= codeRows {
                y += big(invoice.amount.displayText, y: y + 1, rows: BigText.height, style: title) + 2
            } else {
                centred(invoice.amount.displayText, y: y, style: title)
                y += 1
            }
            let room = Rect(x: 0, y: y, width: area.width, height: max(0, area.height - y - 3))
            if let matrix, let scale = QRView.scale(of: matrix, drawing: drawing, fitting: room.width, room.height) {
                let size = QRView.size(of: matrix, drawing: drawing, scale: scale)
                QRView.render(matrix, url: url, into: &buffer, area: Rect(x: 0, y: y, width: area.width, height: size.height), drawing: drawing, scale: scale, theme: theme)
                y += size.height
            } else {
                // No code fits: the link itself, for the customer to open in DANA.
                for piece in DisplayWidth.wrap(url, width: max(1, area.width - 4)) where y < area.maxY - 3 {
                    centred(piece, y: y, style: theme[.accent].bolded)
                    y += 1
                }
            }
            centred(w(.qrScanWithDana) + " · " + w.countdown(until: invoice.validUpTo, now: now), y: min(area.maxY - 3, y + 1), style: theme[.accent].bolded)
            centred(w(.qrNotQRIS), y: min(area.maxY - 2, y + 2), style: theme[.muted])
        case .thanks(let invoice):
            let ground = theme[.statusPaid].merging(Style(reverse: true))
            buffer.fill(area, with: Cell(" ", style: ground))
            let ink = ground.merging(Style(bold: true))
            var y = max(0, area.height / 2 - 7)
            y += big(w(.displayThanks), y: y, rows: 10, style: ink) + 2
            y += big(invoice.amount.displayText, y: y, rows: 5, style: ink) + 1
            centred(w(.displayPaid, invoice.amount.displayText), y: y, style: ink)
        }
    }
}
