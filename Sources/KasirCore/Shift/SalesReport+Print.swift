import DokuSNAP
import Foundation

extension SalesReport {
    /// The report as printed lines, in `words`' language: the shift report a cashier hands in.
    public func document(shop: String, words w: Words, reconciled: ReconcileReport? = nil, shifts: [Shift] = [], printedAt: Date) -> [PrintLine] {
        var lines: [PrintLine] = [.title(shop), .centered(w(kind == .x ? .reportX : kind == .z ? .reportZ : .reportDay)), .rule]
        lines.append(.pair(w(.reportTerminal), terminal ?? w(.reportAllTerminals)))
        if let cashier { lines.append(.pair(w(.reportCashier), cashier)) }
        lines.append(.pair(w(.reportFrom), w.dateTime(from)))
        lines.append(.pair(w(.reportTo), w.dateTime(to)))
        if let reconciled {
            lines += [.text(w(.reportReconciled, String(reconciled.checked), String(reconciled.changed), String(reconciled.failed)))]
            // What DOKU's answers changed, so the cashier sees why the totals moved.
            for change in reconciled.changes {
                lines.append(.pair(" " + change.invoiceNumber, (change.from.map(w.badge) ?? "?") + " → " + w.badge(change.to)))
            }
        }
        lines.append(.rule)
        func tally(_ phrase: Phrase, _ tally: Tally) { lines.append(.pair(w(phrase) + " (\(tally.count))", tally.total.displayText)) }
        tally(.reportCreated, created)
        tally(.reportPaid, paid)
        tally(.reportFailed, failed)
        tally(.reportExpired, expired)
        tally(.reportAwaiting, awaiting)
        tally(.reportRefunded, refunded)
        lines += [.rule, .total(w(.reportNet), netText), .rule]
        if unknownInvoices.isEmpty && unsettledRefunds.isEmpty {
            lines.append(.text(w(.reportAllKnown)))
        }
        if !unknownInvoices.isEmpty {
            lines.append(.text(w(.reportUnknown, String(unknownInvoices.count))))
            for invoice in unknownInvoices { lines.append(.pair(" " + invoice.number, invoice.amount.displayText)) }
        }
        if !unsettledRefunds.isEmpty {
            lines.append(.text(w(.reportUnsettledRefunds, String(unsettledRefunds.count))))
            for refund in unsettledRefunds { lines.append(.pair(" " + refund.number, refund.amount.displayText)) }
        }
        if !shifts.isEmpty {
            lines += [.rule, .text(w(.reportShifts))]
            for shift in shifts {
                let until = shift.closedAt.map { String(w.dateTime($0).dropLast(4).suffix(5)) } ?? "…"
                lines.append(.pair(" \(shift.terminal) \(shift.cashier)", "\(String(w.dateTime(shift.openedAt).dropLast(4).suffix(5)))-\(until)"))
            }
        }
        lines += [.blank, .centered(w(.reportPrinted, w.dateTime(printedAt)))]
        return lines
    }

    /// The report as JSON-ready values (amounts as DOKU writes them, `"150000.00"`).
    public var fields: [String: Any] {
        func tally(_ tally: Tally) -> [String: Any] { ["count": tally.count, "total": tally.total.wireValue] }
        return [
            "kind": kind.rawValue, "from": SNAPTimestamp.format(from), "to": SNAPTimestamp.format(to), "terminal": terminal ?? "", "cashier": cashier ?? "",
            "created": tally(created), "paid": tally(paid), "failed": tally(failed), "expired": tally(expired), "awaiting": tally(awaiting),
            "refunded": tally(refunded), "net": netWire,
            "currency": "IDR", "unknownInvoices": unknownInvoices.map(\.number), "unsettledRefunds": unsettledRefunds.map(\.number),
        ]
    }

    /// The report as CSV rows: one line per figure, for a spreadsheet.
    public var csvRows: [[String]] {
        [["figure", "count", "total", "currency"]]
            + [("created", created), ("paid", paid), ("failed", failed), ("expired", expired), ("awaiting", awaiting), ("refunded", refunded)].map {
                [$0.0, String($0.1.count), $0.1.total.wireValue, "IDR"]
            }
            + [["net", "", netWire, "IDR"]]
            + unknownInvoices.map { ["unknown", $0.number, $0.amount.wireValue, "IDR"] }
            + unsettledRefunds.map { ["unsettled_refund", $0.number, $0.amount.wireValue, "IDR"] }
    }
}
