import ArgumentParser
import DokuSNAP
import Foundation
import KasirConfig
import KasirCore
import QRCodes
import TerminalUI

/// `kasir pay`: asks DOKU for a DANA payment and prints the link.
struct PayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay", abstract: t("Create a DANA payment and print its invoice number and payment link."))

    @OptionGroup var config: ConfigOptions

    @OptionGroup var language: LanguageOption

    // `.unconditional` so that "--amount -5000" reaches the amount rules (and their message)
    // instead of being taken for an unknown flag.
    @Option(parsing: .unconditional, help: ArgumentHelp(t("Amount in whole rupiah as people type it: 150000, 150.000, Rp 150.000 or 150000,00.")))
    var amount: String

    @Option(help: ArgumentHelp(t("Invoice number (default: INV-YYYYMMDD-NNNN).")))
    var invoice: String?

    @Option(help: ArgumentHelp(t("Order title shown to the customer in DANA.")))
    var title: String?

    @Option(help: ArgumentHelp(t("How long the link stays valid, e.g. 15m, 1h (default from config).")))
    var validFor: String?

    @Option(help: ArgumentHelp(t("Point of initiation: app, pc or mweb.")))
    var initiation: String?

    @Option(help: ArgumentHelp(t("X-DEVICE-ID: letters and digits (default from config).")))
    var deviceId: String?

    @Option(help: ArgumentHelp(t("The customer's IPv4 address.")))
    var ip: String?

    @Option(help: ArgumentHelp(t("Where DANA sends the customer after paying (http/https).")))
    var returnUrl: String?

    @Flag(help: ArgumentHelp(t("Print only JSON on stdout.")))
    var json = false

    func run() async throws {
        let draft: PaymentDraft
        do {
            draft = try makeDraft()
        } catch {
            throw KasirExit.fail(error)
        }
        try await config.withRuntime { runtime in
            let invoice = try await runtime.desk.createPayment(draft)
            if json {
                JSONOut.print(JSONOut.invoice(invoice))
            } else {
                say("\(invoice.number)  \(invoice.amount.displayText)  \(cliWords.status(invoice.status))")
                say(invoice.webRedirectUrl ?? "")
                if isatty(STDOUT_FILENO) == 1, let url = invoice.webRedirectUrl { for line in QRText.lines(url) { say(line) } }
            }
        }
    }

    func makeDraft() throws -> PaymentDraft {
        let money: Money
        switch AmountInput.parse(amount) {
        case .success(let parsed): money = parsed
        case .failure(let error): throw ValidationError(cliWords(.cliBadAmount, amount.cleanedForDisplay(limit: 30), cliWords.amountProblem(error)))
        }
        var validSeconds: TimeInterval?
        if let validFor {
            guard let seconds = DurationText.parse(validFor) else { throw ValidationError(cliWords(.cliBadValidFor, validFor.cleanedForDisplay(limit: 30))) }
            validSeconds = seconds
        }
        var point: PointOfInitiation?
        if let initiation {
            guard let parsed = PointOfInitiation(rawValue: initiation.lowercased()) else { throw ValidationError(cliWords(.cliBadInitiation)) }
            point = parsed
        }
        return PaymentDraft(
            amount: money, invoiceNumber: invoice, title: title, validFor: validSeconds, pointOfInitiation: point, deviceID: deviceId, ipAddress: ip,
            returnURL: returnUrl)
    }
}

/// `kasir status`: asks DOKU where an invoice stands and prints it.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: t("Check an invoice's status with DOKU and print it."))

    @OptionGroup var config: ConfigOptions

    @OptionGroup var language: LanguageOption

    @Argument(help: ArgumentHelp(t("The invoice number.")))
    var invoice: String

    @Flag(help: ArgumentHelp(t("Print what the store knows without asking DOKU.")))
    var offline = false

    @Flag(help: ArgumentHelp(t("Print only JSON on stdout.")))
    var json = false

    func run() async throws {
        try await config.withRuntime { runtime in
            var current: Invoice
            if offline {
                guard let stored = try await runtime.store.invoice(invoice) else { throw DeskError.notFound(invoice) }
                current = stored
            } else {
                current = try await runtime.desk.checkStatus(invoice)
            }
            let refunds = try await runtime.store.refunds(of: current.number)
            if json {
                JSONOut.print(JSONOut.invoice(current, refunds: refunds))
            } else {
                let w = cliWords
                // Labels padded to the longest in the language, so the values line up.
                let labels: [Phrase] = [.cliLabelTitle, .cliLabelLink, .cliLabelValidTo, .cliLabelPaidAt, .cliLabelRefunded]
                let width = labels.map { w($0).count }.max() ?? 0
                func line(_ label: Phrase, _ value: String) { say("  " + (w(label) + ":").padding(toLength: width + 2, withPad: " ", startingAt: 0) + value) }
                say("\(current.number)  \(current.amount.displayText)  \(w.status(current.status))")
                if let title = current.title { line(.cliLabelTitle, title.cleanedForDisplay(limit: 64)) }
                if let url = current.webRedirectUrl { line(.cliLabelLink, url.cleanedForDisplay(limit: 300)) }
                line(.cliLabelValidTo, SNAPTimestamp.format(current.validUpTo))
                if let paid = current.paidAt { line(.cliLabelPaidAt, SNAPTimestamp.format(paid)) }
                if !current.refunded.isZero { line(.cliLabelRefunded, current.refunded.displayText) }
                for refund in refunds { say("  " + w(.cliRefundLine, refund.number, refund.amount.displayText, w.refundStatus(refund.status))) }
            }
        }
    }
}

/// `kasir refund`: refunds part or all of a paid invoice.
struct RefundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refund", abstract: t("Refund part or all of a paid invoice."))

    @OptionGroup var config: ConfigOptions

    @OptionGroup var language: LanguageOption

    @Argument(help: ArgumentHelp(t("The invoice number (with --retry: the refund number).")))
    var invoice: String

    @Flag(help: ArgumentHelp(t("Ask DOKU again about a refund whose outcome is unknown, with the same refund number (never a second refund).")))
    var retry = false

    @Option(parsing: .unconditional, help: ArgumentHelp(t("Amount to refund in whole rupiah, e.g. 50000 or 50.000 (default: everything still refundable).")))
    var amount: String?

    @Option(help: ArgumentHelp(t("Why, for the records.")))
    var reason: String?

    @Option(help: ArgumentHelp(t("Refund number, DOKU's partnerRefundNo (default: <invoice>-R<n>).")))
    var refundNo: String?

    @Flag(help: ArgumentHelp(t("Print only JSON on stdout.")))
    var json = false

    func run() async throws {
        var money: Money?
        if let amount {
            switch AmountInput.parse(amount) {
            case .success(let parsed): money = parsed
            case .failure(let error): throw KasirExit.fail(ValidationError(cliWords(.cliBadAmount, amount.cleanedForDisplay(limit: 30), cliWords.amountProblem(error))))
            }
        }
        if retry && (money != nil || reason != nil || refundNo != nil) {
            throw KasirExit.fail(ValidationError(cliWords(.cliRetryAlone)))
        }
        try await config.withRuntime { runtime in
            let refund = retry ? try await runtime.desk.retryRefund(invoice) : try await runtime.desk.refund(invoice, amount: money, reason: reason, refundNumber: refundNo)
            if json {
                JSONOut.print(JSONOut.refund(refund))
            } else {
                say(cliWords(.cliRefundDone, refund.number, refund.amount.displayText, refund.invoiceNumber, cliWords.refundStatus(refund.status)))
            }
        }
    }
}

/// A QR code for a plain terminal: half blocks in black on bright white (ANSI), so it scans
/// whatever the terminal's own colours are.
enum QRText {
    static func lines(_ url: String) -> [String] {
        guard let matrix = try? QREncoder.encode(url) else { return [] }
        let (width, height) = QRView.size(of: matrix, drawing: .halfBlocks)
        var buffer = Buffer(width: width, height: height)
        QRView.render(matrix, url: url, into: &buffer, area: buffer.area, theme: .builtIn)
        return buffer.lines.map { "\u{1B}[30;107m" + $0 + "\u{1B}[0m" }
    }
}
