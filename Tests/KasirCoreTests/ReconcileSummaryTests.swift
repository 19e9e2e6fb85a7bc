import DokuSNAP
import Testing

@testable import KasirCore

/// A reconcile's one log line reads back as what it counted, and in the cashier's language.
@Suite struct ReconcileSummaryTests {
    func report(changes: Int, unchanged: Int = 1, failures: [String] = []) -> ReconcileReport {
        var report = ReconcileReport()
        for index in 0..<changes {
            report.notes.append(ReconcileSummary.Note.changed(invoiceNumber: "INV-\(index)", from: index == 0 ? nil : .awaitingPayment, to: .paid).text)
        }
        for index in 0..<unchanged { report.notes.append(ReconcileSummary.Note.unchanged(invoiceNumber: "INV-U\(index)", status: .awaitingPayment).text) }
        report.notes += failures
        report.checked = changes + unchanged + failures.count
        report.changed = changes
        report.failed = failures.count
        return report
    }

    @Test func theStoredLineParsesBackToItsCounts() throws {
        for (changes, failures) in [(0, [String]()), (2, []), (12, ["INV-9: DOKU did not answer in time", "INV-8: x", "INV-7: y", "INV-6: z"]), (0, ["store: disk full"])] {
            let original = ReconcileSummary(report(changes: changes, failures: failures))
            let parsed = try #require(ReconcileSummary(parsing: original.text), "\(original.text)")
            #expect(parsed == original, "\(original.text)")
            #expect(parsed.failed == failures.count)
        }
        #expect(ReconcileSummary(report(changes: 1)).text == "checked 2, changed 1 (INV-0: ? → PAID), failed 0")
        #expect(ReconcileSummary(parsing: "checked many") == nil)
    }

    @Test func theCashierReadsItInTheirLanguage() {
        let text = ReconcileSummary(report(changes: 2, failures: ["INV-9: DOKU did not answer in time"])).text
        #expect(Words.indonesian.reconcileSummary(text) == "dicek 4, berubah 2 (INV-0: ? → LUNAS; INV-1: MENUNGGU → LUNAS), gagal 1 (INV-9: DOKU did not answer in time)")
        #expect(Words.english.reconcileSummary(text) == text)
        #expect(Words.indonesian.reconcileNote(.unchanged(invoiceNumber: "INV-1", status: .awaitingPayment)) == "INV-1: masih MENUNGGU")
    }
}
