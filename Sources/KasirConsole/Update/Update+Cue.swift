import DokuSNAP
import Foundation
import KasirCore

/// What the terminal does when a sale of this counter is decided, so the cashier notices
/// without looking: PAID rings once; FAILED and EXPIRED ring a different pattern.
public enum Cue: Sendable, Equatable {
    case paid
    case failed
}

extension ConsoleLogic {
    /// This terminal's open sales on screen (the QR view's and the list's), by number.
    static func openSales(_ state: AppState) -> [String: InvoiceStatus] {
        var open: [String: InvoiceStatus] = [:]
        func note(_ invoice: Invoice) {
            if invoice.deviceID == state.deskDefaults.deviceID, !invoice.status.isSettled { open[invoice.number] = invoice.status }
        }
        for invoice in state.list.rows { note(invoice) }
        if case .qr(let screen) = state.modal { note(screen.invoice) }
        return open
    }

    /// Sales that were open before an action and are decided after it: the status line says
    /// so, and the bell rings unless the console is quiet. A sale is announced once, however
    /// many ways (notification, status check, another process's write) the news arrives.
    static func announce(_ state: inout AppState, decidedSince before: [String: InvoiceStatus]) -> [Effect] {
        guard !before.isEmpty else { return [] }
        var decided: [Invoice] = []
        var seen = Set<String>()
        var shown = state.list.rows
        if case .qr(let screen) = state.modal { shown.insert(screen.invoice, at: 0) }
        for invoice in shown where before[invoice.number] != nil && invoice.status.isSettled && seen.insert(invoice.number).inserted {
            decided.append(invoice)
        }
        guard let first = decided.first else { return [] }
        let paid = first.status.isPaid
        state.message = Message(
            paid ? .success : .error,
            paid
                ? state.words(.paidCue, first.number, first.amount.displayText)
                : state.words(.failedCue, state.words.status(first.status), first.number, first.amount.displayText))
        return state.bell ? [.cue(paid ? .paid : .failed)] : []
    }
}
