import ArgumentParser
import DokuSNAP
import Foundation
import KasirConfig
import KasirConsole
import KasirCore

/// `kasir invoices`: lists invoices, newest first.
struct InvoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "invoices", abstract: t("List invoices, newest first."))

    @OptionGroup var config: ConfigOptions

    @OptionGroup var language: LanguageOption

    @Option(help: ArgumentHelp(t("Only this status:") + " " + InvoiceStatus.allCases.map(\.rawValue).joined(separator: ", ") + "."))
    var status: [String] = []

    @Option(help: ArgumentHelp(t("Only invoices created on or after this date (YYYY-MM-DD, Asia/Jakarta) or time (RFC 3339).")))
    var since: String?

    @Option(help: ArgumentHelp(t("Invoice number prefix or DOKU reference to look for.")))
    var search: String?

    @Option(help: ArgumentHelp(t("How many to list.")))
    var limit = 50

    @Flag(help: ArgumentHelp(t("Print only JSON on stdout.")))
    var json = false

    @Flag(help: ArgumentHelp(t("Print CSV on stdout.")))
    var csv = false

    func run() async throws {
        let query: InvoiceQuery
        do { query = try makeQuery() } catch { throw KasirExit.fail(error) }
        try await config.withRuntime { runtime in
            let invoices = try await runtime.store.invoices(query)
            if json {
                JSONOut.print(invoices.map { JSONOut.invoice($0) })
            } else if csv {
                say("invoice,created_at,amount,currency,status,refunded,reference_no,title")
                for invoice in invoices {
                    say(
                        [
                            invoice.number, SNAPTimestamp.format(invoice.createdAt), invoice.amount.wireValue, invoice.amount.currency.rawValue,
                            invoice.status.rawValue, invoice.refunded.wireValue, invoice.referenceNo ?? "", invoice.title ?? "",
                        ].map(CSV.field).joined(separator: ","))
                }
            } else {
                if invoices.isEmpty { say(cliWords(.cliNoInvoices)) }
                for invoice in invoices {
                    let time = SNAPTimestamp.format(invoice.createdAt).dropFirst(5).prefix(11).replacingOccurrences(of: "T", with: " ")
                    let amount = invoice.amount.displayText
                    say(
                        "\(time)  \(invoice.number.padding(toLength: 20, withPad: " ", startingAt: 0))  \(String(repeating: " ", count: max(0, 16 - amount.count)))\(amount)  \(cliWords.status(invoice.status))"
                            + (invoice.refunded.isZero ? "" : "  " + cliWords(.cliRefundedSuffix, invoice.refunded.displayText)))
                }
            }
        }
    }

    func makeQuery() throws -> InvoiceQuery {
        guard (1...10_000).contains(limit) else { throw ValidationError(cliWords(.cliBadLimit)) }
        var statuses = Set<InvoiceStatus>()
        for name in status {
            guard let parsed = InvoiceStatus(rawValue: name.lowercased()) else {
                throw ValidationError(cliWords(.cliBadStatus, name.cleanedForDisplay(limit: 30), InvoiceStatus.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            statuses.insert(parsed)
        }
        var sinceDate: Date?
        if let since {
            if let date = try? SNAPTimestamp.parse(since.count == 10 ? since + "T00:00:00+07:00" : since) {
                sinceDate = date
            } else {
                throw ValidationError(cliWords(.cliBadSince))
            }
        }
        return InvoiceQuery(statuses: statuses, since: sinceDate, text: search, limit: limit)
    }
}

/// `kasir reconcile`: settles unknown outcomes and late notifications with DOKU.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: t("Ask DOKU about every open invoice that is due a check, and settle unknown outcomes."))

    @OptionGroup var config: ConfigOptions

    @OptionGroup var language: LanguageOption

    @Flag(help: ArgumentHelp(t("Check every open invoice now, not only those due.")))
    var all = false

    @Flag(help: ArgumentHelp(t("Print only JSON on stdout.")))
    var json = false

    func run() async throws {
        try await config.withRuntime { runtime in
            let report = await runtime.desk.reconcile(force: all)
            if json {
                JSONOut.print(["checked": report.checked, "changed": report.changed, "failed": report.failed, "notes": report.notes] as [String: Any])
            } else {
                for note in report.notes { say(cliWords.reconcileNote(ReconcileSummary.Note(parsing: note))) }
                say(cliWords(.cliReconciled, String(report.checked), String(report.changed), String(report.failed)))
            }
            if report.failed > 0 { throw KasirExit.unknownOutcome }
        }
    }
}
