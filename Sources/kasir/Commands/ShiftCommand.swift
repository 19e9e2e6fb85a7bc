import ArgumentParser
import DokuSNAP
import Foundation
import KasirConfig
import KasirConsole
import KasirCore

/// `kasir shift open|close|report`: who is at this till, and the shift's X and Z reports.
struct ShiftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shift", abstract: t("Open and close this terminal's shift (Mulai shift / Akhiri shift) and print its X and Z reports."),
        subcommands: [Open.self, Report.self, Close.self])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: t("Open a shift on this terminal for a cashier."))
        @OptionGroup var config: ConfigOptions
        @Option(help: ArgumentHelp(t("The cashier's name (1-40 characters).")))
        var cashier: String
        @OptionGroup var language: LanguageOption

        func run() async throws {
            try await config.withRuntime { runtime in
                let w = language.words(configured: runtime.configuration.language)
                let shift = try await runtime.desk.openShift(cashier: cashier)
                say(w(.shiftOpened, shift.id, shift.cashier, shift.terminal, w.dateTime(shift.openedAt)))
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "report", abstract: t("The X report: the open shift so far (changes nothing)."))
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: PrintOptions

        func run() async throws {
            try await config.withRuntime { runtime in
                let report = try await runtime.desk.shiftReport()
                try ReportOutput.emit(report, runtime: runtime, output: output, reconciled: nil, shifts: [])
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close", abstract: t("Close the shift: ask DOKU once more about every open sale, then print the Z report."))
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: PrintOptions

        func run() async throws {
            try await config.withRuntime { runtime in
                let closing = try await runtime.desk.closeShift()
                try ReportOutput.emit(closing.report, runtime: runtime, output: output, reconciled: closing.reconcile, shifts: [closing.shift])
            }
        }
    }
}

/// `kasir report day`: the whole shop's day, every terminal.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: t("Reports for the whole shop (Laporan harian)."), subcommands: [Day.self])

    struct Day: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "day", abstract: t("The day's report for every terminal (Asia/Jakarta day)."))
        @OptionGroup var config: ConfigOptions
        @OptionGroup var output: PrintOptions
        @Option(help: ArgumentHelp(t("The day, YYYY-MM-DD in Asia/Jakarta (default: today).")))
        var date: String?

        func validate() throws { _ = try day() }

        func day() throws -> Date? {
            guard let date else { return nil }
            guard date.count == 10, let parsed = try? SNAPTimestamp.parse(date + "T00:00:00+07:00") else {
                throw ValidationError(cliWords(.cliBadDate, date.cleanedForDisplay(limit: 20)))
            }
            return parsed
        }

        func run() async throws {
            let day = try day()
            try await config.withRuntime { runtime in
                let when = day ?? Date()
                let report = try await runtime.desk.dayReport(when)
                let shifts = try await runtime.store.shifts(from: report.from, to: report.to)
                try ReportOutput.emit(report, runtime: runtime, output: output, reconciled: nil, shifts: shifts)
            }
        }
    }
}

/// A report in the format asked for.
enum ReportOutput {
    static func emit(_ report: SalesReport, runtime: MerchantRuntime, output: PrintOptions, reconciled: ReconcileReport?, shifts: [Shift]) throws {
        if output.json {
            var fields = report.fields
            if let reconciled {
                fields["reconciled"] = [
                    "checked": reconciled.checked, "changed": reconciled.changed, "failed": reconciled.failed,
                    "changes": reconciled.changes.map { ["invoice": $0.invoiceNumber, "from": $0.from?.rawValue ?? "", "to": $0.to.rawValue, "amount": $0.amount.wireValue] },
                ]
            }
            JSONOut.print(fields)
        } else if output.csv {
            for row in report.csvRows { say(row.map(CSV.field).joined(separator: ",")) }
        } else {
            let w = output.words(configured: runtime.configuration.language)
            let shop = runtime.configuration.shopName ?? runtime.configuration.clientID
            try output.emit(report.document(shop: shop, words: w, reconciled: reconciled, shifts: shifts, printedAt: Date()))
        }
    }
}

/// `kasir receipt INV-…`: the struk of one sale.
struct ReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "receipt", abstract: t("Print the receipt (struk) of one sale, as text or ESC/POS."))
    @OptionGroup var config: ConfigOptions
    @OptionGroup var output: PrintOptions
    @Argument(help: ArgumentHelp(t("The invoice number.")))
    var invoice: String

    func run() async throws {
        try await config.withRuntime { runtime in
            guard let found = try await runtime.store.invoice(invoice) else { throw DeskError.notFound(invoice) }
            let refunds = try await runtime.store.refunds(of: found.number)
            if output.json {
                JSONOut.print(JSONOut.invoice(found, refunds: refunds))
                return
            }
            let w = output.words(configured: runtime.configuration.language)
            try output.emit(Receipt.document(found, refunds: refunds, shop: runtime.configuration.shopName ?? runtime.configuration.clientID, words: w, printedAt: Date()))
        }
    }
}
