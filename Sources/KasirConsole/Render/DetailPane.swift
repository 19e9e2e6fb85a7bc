import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// The selected invoice in full: fields, state history, refunds, link.
enum DetailPane {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect, borders: BorderSet) {
        let theme = state.theme
        let w = state.words
        let title = state.zoomDetail ? w(.detailZoomTitle) : w(.detailTitle)
        let inside = buffer.box(area, title: title, style: theme[.border], borders: borders)
        // Always the highlighted invoice: never one the highlight has left.
        guard let invoice = state.shownInvoice else {
            let filtered = !state.list.statuses.isEmpty || !state.list.text.isEmpty
            let empty: String
            if let hidden = state.list.hidden {
                empty = w(.detailHidden, hidden)
            } else if filtered {
                empty = w(.detailNoMatch)
            } else {
                empty = state.readOnly ? w(.detailNone) : w(.detailNoneNew)
            }
            let lines = wrap(state.list.loading ? w(.loading) : empty, width: inside.width, indent: 0, maxLines: inside.height)
            for (offset, text) in lines.enumerated() {
                buffer.put(text, x: inside.x, y: inside.y + offset, style: theme[.muted], maxWidth: inside.width)
            }
            return
        }
        var y = inside.y
        // Values that do not fit end in "…"; those that must be read whole (the link) wrap instead.
        func line(_ label: String, _ value: String, _ style: Style? = nil, wrapping maxLines: Int = 1) {
            guard y < inside.maxY else { return }
            buffer.put(DisplayWidth.pad(label, to: 10), x: inside.x, y: y, style: theme[.muted])
            let width = inside.width - 10
            let text = value.cleanedForDisplay(limit: 600)
            let lines = maxLines > 1 ? wrap(text, width: width, indent: 0, maxLines: maxLines) : [DisplayWidth.truncate(text, to: width)]
            for text in lines where y < inside.maxY {
                buffer.put(text, x: inside.x + 10, y: y, style: style ?? theme[.body], maxWidth: width)
                y += 1
            }
        }
        buffer.put(invoice.number.cleanedForDisplay(limit: 64), x: inside.x, y: y, style: theme[.title], maxWidth: inside.width)
        y += 1
        let status = w.status(invoice.status)
        line(w(.fieldStatus), status.count <= inside.width - 10 ? status : w.badge(invoice.status), theme[ConsoleView.statusRole(invoice.status)])
        line(w(.fieldAmount), invoice.amount.displayText, theme[.title])
        if !invoice.refunded.isZero { line(w(.fieldRefunded), invoice.refunded.displayText) }
        if let title = invoice.title { line(w(.fieldTitle), title) }
        line(w(.fieldCreated), w.dateTime(invoice.createdAt, width: inside.width - 10, seconds: true))
        if invoice.status == .awaitingPayment || invoice.status == .created || invoice.status == .unknown {
            line(w(.fieldValid), w.countdown(until: invoice.validUpTo, now: state.now))
        }
        if let paid = invoice.paidAt { line(w(.fieldPaid), w.dateTime(paid, width: inside.width - 10, seconds: true)) }
        if let reference = invoice.referenceNo { line(w(.fieldReference), reference, wrapping: 2) }
        line(w(.fieldDevice), "\(invoice.deviceID) · \(invoice.pointOfInitiation.rawValue)" + (invoice.ipAddress.map { " · \($0)" } ?? ""))
        if let code = invoice.lastResponseCode, let parsed = ResponseCode(code), !parsed.isSuccess {
            line(w(.fieldDokuSaid), "\(code) \(w.responseTitle(code) ?? parsed.title)", theme[.logError])
        }
        if let url = invoice.webRedirectUrl { line(w(.fieldLink), url, theme[.accent], wrapping: 2) }
        if let detail = state.detail, detail.invoice.number == invoice.number {
            if !detail.refunds.isEmpty, y < inside.maxY {
                y += 1
                line(w(.fieldRefunds), "")
                for refund in detail.refunds where y < inside.maxY {
                    let text = " \(refund.number.cleanedForDisplay(limit: 40)) \(refund.amount.displayText) \(w.refundStatus(refund.status))"
                    buffer.put(DisplayWidth.truncate(text, to: inside.width), x: inside.x, y: y, style: theme[.body], maxWidth: inside.width)
                    y += 1
                }
            }
            if y + 1 < inside.maxY {
                y += 1
                buffer.put(w(.fieldHistory), x: inside.x, y: y, style: theme[.muted])
                y += 1
                // Changes and refused requests together, newest first: a forged notification for
                // this invoice shows where it happened.
                let changes = detail.transitions.map { transition in
                    (at: transition.at, text: "\(LogFormatter.clock(transition.at)) \(w.badge(transition.to)) — \(w.cause(transition.cause).cleanedForDisplay(limit: 120))", style: theme[.body])
                }
                let refusals = detail.refusals.map { entry in
                    let check = entry.refusedBy.map(\.rawValue) ?? entry.responseCode ?? ""
                    return (at: entry.at, text: "\(LogFormatter.clock(entry.at)) \(w(.historyRefused, entry.operation.cleanedForDisplay(limit: 30), check))", style: theme[.logError])
                }
                let rows = (changes + refusals).enumerated().sorted { ($0.element.at, $0.offset) > ($1.element.at, $1.offset) }.map(\.element)
                for row in rows where y < inside.maxY {
                    // The cause goes on under the time, so the column of times stays readable.
                    for piece in wrap(row.text, width: inside.width, indent: 9, maxLines: 2) where y < inside.maxY {
                        buffer.put(piece, x: inside.x, y: y, style: row.style, maxWidth: inside.width)
                        y += 1
                    }
                }
            }
        }
    }

    /// `text` in lines of `width` columns, continuation lines indented by `indent`; the last of
    /// `maxLines` ends in "…" when text is left over.
    static func wrap(_ text: String, width: Int, indent: Int, maxLines: Int) -> [String] {
        guard width > indent, maxLines > 0 else { return [] }
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty, lines.count < maxLines {
            let prefix = lines.isEmpty ? "" : String(repeating: " ", count: indent)
            let room = width - prefix.count
            var piece = DisplayWidth.wrap(String(rest), width: room).first ?? ""
            // Break between words when a word would be cut and there is a space late enough.
            if piece.count < rest.count, rest[rest.index(rest.startIndex, offsetBy: piece.count)] != " ",
                let space = piece.lastIndex(of: " "), piece.distance(from: piece.startIndex, to: space) >= room / 2
            {
                piece = String(piece[..<space])
            }
            rest = rest.dropFirst(piece.count).drop { $0 == " " }
            if lines.count == maxLines - 1, !rest.isEmpty {
                piece = DisplayWidth.truncate(piece + rest, to: room)
                rest = ""
            }
            lines.append(prefix + piece)
        }
        return lines.isEmpty ? [""] : lines
    }
}
