import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// The selected invoice in full: fields, state history, refunds, link.
enum DetailPane {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect, borders: BorderSet) {
        let theme = state.theme
        let title = state.zoomDetail ? "Detail — j/k next invoice, d back to the list" : "Detail"
        let inside = buffer.box(area, title: title, style: theme[.border], borders: borders)
        // Always the highlighted invoice: never one the highlight has left.
        guard let invoice = state.shownInvoice else {
            let filtered = !state.list.statuses.isEmpty || !state.list.text.isEmpty
            let empty: String
            if let hidden = state.list.hidden {
                empty = "\(hidden) is not in this list: the filters hide it. Press c to clear them."
            } else if filtered {
                empty = "No invoice matches the filters. Press c to clear them."
            } else {
                empty = state.readOnly ? "No invoice yet." : "No invoice yet. Press n for a new payment."
            }
            let lines = wrap(state.list.loading ? "Loading…" : empty, width: inside.width, indent: 0, maxLines: inside.height)
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
        line("Status", invoice.status.label, theme[ConsoleView.statusRole(invoice.status)])
        line("Amount", invoice.amount.displayText, theme[.title])
        if !invoice.refunded.isZero { line("Refunded", invoice.refunded.displayText) }
        if let title = invoice.title { line("Title", title) }
        line("Created", time(invoice.createdAt, width: inside.width - 10))
        if invoice.status == .awaitingPayment || invoice.status == .created || invoice.status == .unknown {
            line("Valid", countdown(invoice.validUpTo, now: state.now))
        }
        if let paid = invoice.paidAt { line("Paid", time(paid, width: inside.width - 10)) }
        if let reference = invoice.referenceNo { line("DOKU ref", reference, wrapping: 2) }
        line("Device", "\(invoice.deviceID) · \(invoice.pointOfInitiation.rawValue)" + (invoice.ipAddress.map { " · \($0)" } ?? ""))
        if let code = invoice.lastResponseCode, let parsed = ResponseCode(code), !parsed.isSuccess { line("DOKU said", "\(code) \(parsed.title)", theme[.logError]) }
        if let url = invoice.webRedirectUrl { line("Link", url, theme[.accent], wrapping: 2) }
        if let detail = state.detail, detail.invoice.number == invoice.number {
            if !detail.refunds.isEmpty, y < inside.maxY {
                y += 1
                line("Refunds", "")
                for refund in detail.refunds where y < inside.maxY {
                    let text = " \(refund.number.cleanedForDisplay(limit: 40)) \(refund.amount.displayText) \(refund.status.rawValue)"
                    buffer.put(DisplayWidth.truncate(text, to: inside.width), x: inside.x, y: y, style: theme[.body], maxWidth: inside.width)
                    y += 1
                }
            }
            if y + 1 < inside.maxY {
                y += 1
                buffer.put("History", x: inside.x, y: y, style: theme[.muted])
                y += 1
                for transition in detail.transitions.reversed() where y < inside.maxY {
                    let text = "\(LogFormatter.clock(transition.at)) \(transition.to.label) — \(transition.cause.cleanedForDisplay(limit: 120))"
                    // The cause goes on under the time, so the column of times stays readable.
                    for piece in wrap(text, width: inside.width, indent: 9, maxLines: 2) where y < inside.maxY {
                        buffer.put(piece, x: inside.x, y: y, style: theme[.body], maxWidth: inside.width)
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

    /// Jakarta time with seconds when there is room, to the minute in a narrow pane.
    static func time(_ date: Date, width: Int) -> String {
        let text = SNAPTimestamp.format(date).prefix(19).replacingOccurrences(of: "T", with: " ")
        return width >= 19 ? text : String(text.prefix(16))
    }

    static func countdown(_ until: Date, now: Date) -> String {
        let left = Int(until.timeIntervalSince(now))
        guard left > 0 else { return "link expired \(ConsoleView.age(-Double(left))) ago" }
        return String(format: "%d:%02d left", left / 60, left % 60)
    }
}
