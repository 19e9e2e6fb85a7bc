import DokuSNAP
import Foundation

/// A receipt (struk) for one sale: shop, time, invoice, amount, DOKU's reference, DANA, and the
/// refunds made on it. Only a paid sale's receipt is proof of payment; any other says so.
public enum Receipt {
    public static func document(_ invoice: Invoice, refunds: [Refund], shop: String, words w: Words, printedAt: Date) -> [PrintLine] {
        var lines: [PrintLine] = [.title(shop), .centered(w(.receiptTitle)), .rule]
        lines.append(.pair(w(.receiptInvoice), invoice.number))
        lines.append(.pair(w(.receiptTime), w.dateTime(invoice.paidAt ?? invoice.createdAt)))
        if let title = invoice.title { lines.append(.pair(w(.receiptOrder), title.cleanedForDisplay(limit: 64))) }
        lines.append(.total(w(.receiptAmount), invoice.amount.displayText))
        lines.append(.pair(w(.receiptMethod), "DANA"))
        if let reference = invoice.referenceNo { lines.append(.pair(w(.receiptReference), reference.cleanedForDisplay(limit: 64))) }
        lines.append(.pair(w(.receiptStatus), w.status(invoice.status)))
        let settled = refunds.filter { $0.status == .succeeded }
        if !settled.isEmpty {
            lines.append(.rule)
            for refund in settled { lines.append(.pair(w(.receiptRefund, refund.number), "-" + refund.amount.displayText)) }
            lines.append(.total(w(.receiptRefundedTotal), invoice.refunded.displayText))
        }
        lines.append(.rule)
        lines.append(.centered(invoice.status.isPaid ? w(.outcomeThanks) : w(.receiptNotPaid)))
        lines += [.blank, .centered(w(.reportPrinted, w.dateTime(printedAt)))]
        return lines
    }
}
