import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// The selected invoice in full: fields, state history, refunds, link.
enum DetailPane {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect, borders: BorderSet) {
        let theme = state.theme
        let inside = buffer.box(area, title: "Detail", style: theme[.border], borders: borders)
        guard let invoice = state.detail?.invoice ?? state.selectedInvoice else {
            let empty = state.readOnly ? "No invoice yet." : "No invoice yet. Press n for a new payment."
            buffer.put(state.list.loading ? "Loading…" : empty, x: inside.x, y: inside.y, style: theme[.muted], maxWidth: inside.width)
            return
        }
        var y = inside.y
        func line(_ label: String, _ value: String, _ style: Style? = nil) {
            guard y < inside.maxY else { return }
            buffer.put(DisplayWidth.pad(label, to: 10), x: inside.x, y: y, style: theme[.muted])
            buffer.put(value.cleanedForDisplay(limit: 300), x: inside.x + 10, y: y, style: style ?? theme[.body], maxWidth: inside.width - 10)
            y += 1
        }
        buffer.put(invoice.number.cleanedForDisplay(limit: 64), x: inside.x, y: y, style: theme[.title], maxWidth: inside.width)
        y += 1
        line("Status", invoice.status.label, theme[ConsoleView.statusRole(invoice.status)])
        line("Amount", invoice.amount.displayText, theme[.title])
        if !invoice.refunded.isZero { line("Refunded", invoice.refunded.displayText) }
        if let title = invoice.title { line("Title", title) }
        line("Created", SNAPTimestamp.format(invoice.createdAt).prefix(19).replacingOccurrences(of: "T", with: " "))
        if invoice.status == .awaitingPayment || invoice.status == .created || invoice.status == .unknown {
            line("Valid", countdown(invoice.validUpTo, now: state.now))
        }
        if let paid = invoice.paidAt { line("Paid", SNAPTimestamp.format(paid).prefix(19).replacingOccurrences(of: "T", with: " ")) }
        if let reference = invoice.referenceNo { line("DOKU ref", reference) }
        line("Device", "\(invoice.deviceID) · \(invoice.pointOfInitiation.rawValue)" + (invoice.ipAddress.map { " · \($0)" } ?? ""))
        if let code = invoice.lastResponseCode, let parsed = ResponseCode(code), !parsed.isSuccess { line("DOKU said", "\(code) \(parsed.title)", theme[.logError]) }
        if let url = invoice.webRedirectUrl { line("Link", url, theme[.accent]) }
        if let detail = state.detail, detail.invoice.number == invoice.number {
            if !detail.refunds.isEmpty, y < inside.maxY {
                y += 1
                line("Refunds", "")
                for refund in detail.refunds where y < inside.maxY {
                    buffer.put(" \(refund.number.cleanedForDisplay(limit: 40)) \(refund.amount.displayText) \(refund.status.rawValue)", x: inside.x, y: y, style: theme[.body], maxWidth: inside.width)
                    y += 1
                }
            }
            if y + 1 < inside.maxY {
                y += 1
                buffer.put("History", x: inside.x, y: y, style: theme[.muted])
                y += 1
                for transition in detail.transitions.reversed() where y < inside.maxY {
                    let text = "\(LogFormatter.clock(transition.at)) \(transition.to.label) — \(transition.cause.cleanedForDisplay(limit: 120))"
                    buffer.put(text, x: inside.x, y: y, style: theme[.body], maxWidth: inside.width)
                    y += 1
                }
            }
        }
    }

    static func countdown(_ until: Date, now: Date) -> String {
        let left = Int(until.timeIntervalSince(now))
        guard left > 0 else { return "link expired \(ConsoleView.age(-Double(left))) ago" }
        return String(format: "%d:%02d left", left / 60, left % 60)
    }
}
