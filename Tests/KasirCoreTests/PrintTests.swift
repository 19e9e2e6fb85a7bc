import DokuSNAP
import Foundation
import Testing

@testable import KasirCore

/// Reports and receipts as printed: laid out for 58 and 80 mm paper, and as ESC/POS bytes no
/// text can turn into a printer command.
@Suite struct PrintTests {
    let now = Date(timeIntervalSince1970: 1_796_194_985)  // 2 Dec 2026 14:03:05 WIB

    func invoice(_ number: String, _ units: Int64, _ status: InvoiceStatus, minutes: Double = 10, terminal: String = "POS01") -> Invoice {
        var invoice = Invoice(
            number: number, amount: try! Money(units: units), title: "Kopi", validUpTo: now, pointOfInitiation: .app, deviceID: terminal, ipAddress: nil,
            returnURL: nil, createdAt: now.addingTimeInterval(-minutes * 60))
        invoice.status = status
        return invoice
    }

    @Test func theReportCountsEachOutcomeOnceAndTheNetIsPaidMinusRefunded() {
        let invoices = [
            invoice("A", 150_000, .paid), invoice("B", 75_000, .partiallyRefunded), invoice("C", 20_000, .failed), invoice("D", 12_500, .expired),
            invoice("E", 30_000, .awaitingPayment), invoice("F", 9_000, .unknown), invoice("G", 1_000, .paid, terminal: "POS02"),
            invoice("H", 5_000, .paid, minutes: 600),
        ]
        let refunds = [
            Refund(number: "B-R1", invoiceNumber: "B", amount: try! Money(units: 25_000), reason: nil, createdAt: now.addingTimeInterval(-60)),
            Refund(number: "A-R1", invoiceNumber: "A", amount: try! Money(units: 1_000), reason: nil, createdAt: now.addingTimeInterval(-30)),
        ].enumerated().map { index, refund in
            var refund = refund
            refund.status = index == 0 ? .succeeded : .unknown
            return refund
        }
        let report = SalesReport.make(.x, from: now.addingTimeInterval(-3600), to: now, terminal: "POS01", cashier: "Sari", invoices: invoices, refunds: refunds)
        #expect(report.created == .init(count: 6, total: try! Money(units: 296_500)), "another terminal's sale and one before the shift are left out")
        #expect(report.paid == .init(count: 2, total: try! Money(units: 225_000)))
        #expect(report.failed.count == 1 && report.expired.count == 1 && report.awaiting.count == 1)
        #expect(report.refunded == .init(count: 1, total: try! Money(units: 25_000)))
        #expect(report.netText == "Rp 200.000" && report.netWire == "200000.00")
        #expect(report.unknownInvoices.map(\.number) == ["F"])
        #expect(report.unsettledRefunds.map(\.number) == ["A-R1"])

        let lines = PrintText.lines(report.document(shop: "Toko Sejahtera", words: .indonesian, printedAt: now), width: 32)
        #expect(lines.allSatisfy { $0.count <= 32 }, "\(lines.joined(separator: "\n"))")
        let text = lines.joined(separator: "\n")
        for expected in ["LAPORAN X", "Kasir", "Sari", "Lunas (2)", "Rp 225.000", "PENERIMAAN BERSIH", "Rp 200.000", "Belum pasti (1)", "2 Des 2026 14:03 WIB"] {
            #expect(text.contains(expected), "'\(expected)' missing:\n\(text)")
        }
    }

    /// The Z report names what DOKU's answers changed when the shift closed, in the cashier's words.
    @Test func theZReportListsWhatTheClosingReconcileChanged() {
        let report = SalesReport.make(.z, from: now.addingTimeInterval(-3600), to: now, terminal: "POS01", cashier: "Sari", invoices: [], refunds: [])
        var reconciled = ReconcileReport()
        reconciled.checked = 2
        reconciled.changed = 1
        reconciled.changes = [.init(invoiceNumber: "INV-20261202-0007", from: .awaitingPayment, to: .paid, amount: try! Money(units: 35_000))]
        let lines = PrintText.lines(report.document(shop: "Toko Sejahtera", words: .indonesian, reconciled: reconciled, printedAt: now), width: 32)
        #expect(lines.allSatisfy { $0.count <= 32 }, "\(lines.joined(separator: "\n"))")
        let text = lines.joined(separator: "\n")
        #expect(text.contains("INV-20261202-0007") && text.contains("→ LUNAS"), "\(text)")
    }

    @Test func aDayThatRefundsMoreThanItTookHasANegativeNet() {
        var refund = Refund(number: "Z-R1", invoiceNumber: "Z", amount: try! Money(units: 50_000), reason: nil, createdAt: now.addingTimeInterval(-60))
        refund.status = .succeeded
        let report = SalesReport.make(.day, from: now.addingTimeInterval(-3600), to: now, terminal: nil, cashier: nil, invoices: [], refunds: [refund])
        #expect(report.netText == "-Rp 50.000" && report.netWire == "-50000.00")
    }

    @Test func escposCarriesOnlyPrintableTextBetweenItsCommands() {
        let document: [PrintLine] = [.title("Toko\u{1B}@"), .pair("Jumlah", "Rp 150.000"), .text("Kopi\u{1D}V\u{0}·susu — enak"), .rule]
        let bytes = ESCPOS.encode(document, width: 32)
        #expect(Array(bytes.prefix(2)) == ESCPOS.initialise)
        #expect(Array(bytes.suffix(ESCPOS.feedAndCut.count)) == ESCPOS.feedAndCut)
        // Only kasir's own commands start with ESC or GS: there are exactly as many as it emits.
        let escapes = bytes.filter { $0 == 0x1B || $0 == 0x1D }.count
        #expect(escapes == 1 + 6 + 2, "init, the title's six commands, feed and cut; the text's ESC and GS became '?'")
        let text = String(decoding: bytes.filter { (0x20...0x7E).contains($0) || $0 == 0x0A }, as: UTF8.self)
        #expect(text.contains("Kopi?V?.susu - enak"), "\(text)")
        #expect(text.contains("Jumlah                Rp 150.000"))
    }

    @Test func aReceiptIsProofOfPaymentOnlyWhenPaid() {
        var paid = invoice("INV-1", 150_000, .paid)
        paid.referenceNo = "4622327519719605"
        paid.paidAt = now
        let receipt = PrintText.lines(Receipt.document(paid, refunds: [], shop: "Toko", words: .indonesian, printedAt: now), width: 32).joined(separator: "\n")
        #expect(receipt.contains("Terima kasih") && receipt.contains("4622327519719605") && receipt.contains("LUNAS"), "\(receipt)")
        let open = PrintText.lines(Receipt.document(invoice("INV-2", 5_000, .awaitingPayment), refunds: [], shop: "Toko", words: .english, printedAt: now), width: 32)
        #expect(open.joined(separator: "\n").contains("NOT PAID"), "\(open)")
    }
}
