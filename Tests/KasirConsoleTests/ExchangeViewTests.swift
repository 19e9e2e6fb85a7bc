import DokuSNAP
import Foundation
import KasirCore
import KasirTestSupport
import Testing
import TerminalUI

@testable import KasirConsole

/// The exchange view: every kind of exchange read whole at 80x24 and 120x40 in both languages,
/// secrets only as placeholders, and `y` as a curl script a shell accepts.
@Suite struct ExchangeViewTests {
    static let invoiceNumber = "INV-20261117-0004"

    /// Exchanges shaped as kasir stores them: headers as DokuClient sent them, redacted.
    static func exchanges() -> [String: AuditEntry] {
        let outgoingHeaders = [
            ExchangeHeader(name: "Content-Type", value: "application/json"),
            ExchangeHeader(name: "Authorization", value: ExchangeHeader.placeholder(length: 43).replacingOccurrences(of: "<", with: "Bearer <")),
            ExchangeHeader(name: "X-TIMESTAMP", value: "2026-11-17T14:03:00+07:00"), ExchangeHeader(name: "X-SIGNATURE", value: ExchangeHeader.placeholder(length: 88)),
            ExchangeHeader(name: "X-PARTNER-ID", value: "BRN-0001-0000000000001"), ExchangeHeader(name: "X-EXTERNAL-ID", value: "41927384019283"),
            ExchangeHeader(name: "X-DEVICE-ID", value: "POS01"), ExchangeHeader(name: "X-IP-ADDRESS", value: "192.168.1.20"), ExchangeHeader(name: "CHANNEL-ID", value: "H2H"),
        ]
        let answerHeaders = [ExchangeHeader(name: "Content-Type", value: "application/json"), ExchangeHeader(name: "X-TIMESTAMP", value: "2026-11-17T14:03:00+07:00")]
        let notifyHeaders = [
            ExchangeHeader(name: "Content-Type", value: "application/json"), ExchangeHeader(name: "X-TIMESTAMP", value: "2026-11-17T14:03:05+07:00"),
            ExchangeHeader(name: "X-SIGNATURE", value: ExchangeHeader.placeholder(length: 344)), ExchangeHeader(name: "X-EXTERNAL-ID", value: "99182736451"),
        ]
        func out(_ operation: String, _ path: String, _ code: String, status: Int, request: String, response: String) -> AuditEntry {
            AuditEntry(
                at: fixedNow, direction: .outgoing, operation: operation, invoiceNumber: invoiceNumber, externalID: "41927384019283", httpStatus: status,
                responseCode: code, latencyMs: 182, outcome: ResponseCode(code)!.category.rawValue, requestBody: request, responseBody: response, method: "POST",
                path: path, requestHeaders: outgoingHeaders, responseHeaders: answerHeaders)
        }
        let notification = #"{"additionalInfo":{"channel":"EMONEY_DANA_SNAP"},"amount":{"currency":"IDR","value":"25000.00"},"latestTransactionStatus":"00","originalPartnerReferenceNo":"INV-20261117-0004","originalReferenceNo":"A1B2C3","transactionStatusDesc":"Success"}"#
        return [
            "payment": out(
                "payment", DokuPaths.payment, "2005400", status: 200,
                request: #"{"additionalInfo":{"channel":"EMONEY_DANA_SNAP"},"amount":{"currency":"IDR","value":"25000.00"},"partnerReferenceNo":"INV-20261117-0004","urlParam":[{"isDeepLink":"N","type":"PAY_RETURN","url":"https://shop.example/thanks"}],"validUpTo":"2026-11-17T14:18:00+07:00"}"#,
                response: #"{"partnerReferenceNo":"INV-20261117-0004","referenceNo":"A1B2C3","responseCode":"2005400","responseMessage":"Successful","webRedirectUrl":"https://app.sandbox.dana.id/m/portal/cashier/checkout?bizNo=2026111700"}"#),
            "status": out(
                "status check", DokuPaths.checkStatus, "5005500", status: 500, request: #"{"originalPartnerReferenceNo":"INV-20261117-0004","serviceCode":"55"}"#,
                response: #"{"responseCode":"5005500","responseMessage":"General Error"}"#),
            "refund": out(
                "refund", DokuPaths.refund, "4045808", status: 404,
                request: #"{"originalPartnerReferenceNo":"INV-20261117-0004","partnerRefundNo":"INV-20261117-0004-R1","refundAmount":{"currency":"IDR","value":"5000.00"}}"#,
                response: #"{"responseCode":"4045808","responseMessage":"Invalid Merchant"}"#),
            "notification": AuditEntry.received(
                ReceivedNotification(
                    partnerReferenceNo: invoiceNumber, referenceNo: "A1B2C3", status: .success, amount: try! Money(units: 25_000), externalID: "99182736451",
                    receivedAt: fixedNow, body: notification, path: DokuPaths.notify, headers: ExchangeHeader.lines(notifyHeaders)), flag: nil),
            "refused": AuditEntry(
                at: fixedNow, direction: .incoming, operation: "notification", invoiceNumber: invoiceNumber, externalID: "99182736452", httpStatus: 401,
                responseCode: "4015600", outcome: "refused: Unauthorized. Signature Not Match: not DOKU's RSA signature over the notification",
                requestBody: notification, responseBody: #"{"responseCode":"4015600","responseMessage":"Unauthorized. Signature Not Match"}"#, method: "POST",
                path: DokuPaths.notify, requestHeaders: notifyHeaders, refusedBy: .signature),
        ]
    }

    /// The console with `entry` as its newest log line, the log focused, `o` pressed.
    func opened(_ entry: AuditEntry, width: Int, height: Int) -> AppState {
        var state = stateWithInvoices(width: width, height: height)
        _ = ConsoleLogic.update(&state, .activityLoaded(ActivityPage(entries: [entry], cursor: ActivityCursor(audit: 1), more: false)))
        _ = ConsoleLogic.update(&state, .key(.tab))
        _ = ConsoleLogic.update(&state, .key(.character("o")))
        return state
    }

    @Test(arguments: ["payment", "status", "refund", "notification", "refused"]) func eachKindOfExchange(kind: String) {
        let entry = Self.exchanges()[kind]!
        for (width, height) in ScreenSnapshotTests.sizes {
            for words in [Words.english, .indonesian] {
                let state = FixtureLanguage.$words.withValue(words) { opened(entry, width: width, height: height) }
                guard case .exchange = state.modal else {
                    Issue.record("o did not open the exchange: \(String(describing: state.modal))")
                    return
                }
                let buffer = render(state)
                expectSnapshot(buffer, words == .english ? "exchange-\(kind)-\(width)x\(height)" : "exchange-\(kind)-id-\(width)x\(height)")
                expectNoPhraseKeys(buffer)
                let screen = buffer.lines.joined(separator: "\n")
                #expect(screen.contains("<redacted"), "secrets are shown as placeholders")
                #expect(screen.contains("X-TIMESTAMP"))
            }
        }
    }

    @Test func aRefusalSaysWhichCheckRefusedItAndTheViewScrollsToTheEnd() {
        var state = opened(Self.exchanges()["refused"]!, width: 80, height: 24)
        #expect(render(state).lines.joined().contains("Refused by: signature"))
        for _ in 0..<60 { _ = ConsoleLogic.update(&state, .key(.character("j"))) }
        let bottom = render(state).lines.joined(separator: "\n")
        #expect(bottom.contains("Unauthorized. Signature Not Match"), "the response body is the last thing and can be reached")
        _ = ConsoleLogic.update(&state, .key(.escape))
        #expect(state.modal == nil)
    }

    @Test func oWithNothingToOpenSaysSo() {
        var state = stateWithInvoices(width: 80, height: 24)
        _ = ConsoleLogic.update(&state, .key(.character("o")))
        #expect(state.modal == nil)
        #expect(state.message?.text == Words.english(.exchangeNone))
    }

    /// `y` gives a script `sh -n` accepts, whose secrets are variables it refuses to run without.
    @Test func yGivesACurlScriptWithPlaceholdersForSecrets() async throws {
        var state = opened(Self.exchanges()["payment"]!, width: 80, height: 24)
        state.dokuBaseURL = "https://api-sandbox.doku.com"
        let effects = ConsoleLogic.update(&state, .key(.character("y")))
        guard case .saveCurl(let script, let name)? = effects.last else {
            Issue.record("no saveCurl effect: \(effects)")
            return
        }
        #expect(name == "payment")
        #expect(effects.first == .clipboard(script), "the same command goes to the clipboard")
        _ = ConsoleLogic.update(&state, .clipboardCopied(true))
        _ = ConsoleLogic.update(&state, .curlSaved(path: "/tmp/k.sh", error: nil))
        #expect(state.message?.text.contains("clipboard") == true && state.message?.text.contains("/tmp/k.sh") == true, "\(state.message?.text ?? "")")
        // Without a clipboard (the Linux console, or [console] clipboard = false): the file only, and the message says so.
        state.clipboard = false
        let fileOnly = ConsoleLogic.update(&state, .key(.character("y")))
        #expect(fileOnly.count == 1)
        _ = ConsoleLogic.update(&state, .curlSaved(path: "/tmp/k.sh", error: nil))
        #expect(state.message?.text.contains("clipboard") == false)
        #expect(script.contains("BASE_URL:=https://api-sandbox.doku.com"))
        #expect(script.contains("-H \"Authorization: $AUTHORIZATION\""))
        #expect(script.contains("${X_SIGNATURE:?"))
        #expect(script.contains("'/direct-debit/core/v1/debit/payment-host-to-host'") || script.contains(DokuPaths.payment))
        #expect(!script.contains("<redacted"), "no placeholder is sent as if it were the secret")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-curl-\(UUID().uuidString).sh")
        try Data(script.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try await ChildProcess.run("/bin/sh", ["-n", file.path], timeout: .seconds(10))
        #expect(check.status == 0, "\(check.errors)")
        // Without the secrets it refuses to run, and says which one is missing.
        let refused = try await ChildProcess.run("/bin/sh", [file.path], environment: ["PATH": "/usr/bin:/bin"], timeout: .seconds(10))
        #expect(refused.status != 0)
        #expect(refused.errors.contains("AUTHORIZATION"))
    }
}

/// `R`: one summary line in the live log, not one per invoice checked.
@Suite struct ReconcileLogTests {
    @Test func aReconcileShowsAsOneLine() {
        var state = stateWithInvoices(width: 120, height: 40)
        let checks = (0..<5).map { index in
            AuditEntry(
                at: fixedNow, direction: .outgoing, operation: AuditContext.reconcileCheckOperation, invoiceNumber: "INV-\(index)", httpStatus: 200,
                responseCode: "2005500", latencyMs: 20, outcome: "success")
        }
        let failed = AuditEntry(
            at: fixedNow, direction: .outgoing, operation: AuditContext.reconcileCheckOperation, invoiceNumber: "INV-9", httpStatus: 500, responseCode: "5005500",
            outcome: "outcome unknown")
        var report = ReconcileReport()
        report.checked = 6
        report.changed = 1
        report.failed = 1
        report.notes = ["INV-0: AWAITING → PAID", "INV-1: still AWAITING", "INV-9: DOKU did not answer"]
        let summary = AuditEntry(at: fixedNow, direction: .outgoing, operation: AuditContext.reconcileOperation, outcome: report.summary)
        _ = ConsoleLogic.update(&state, .activityLoaded(ActivityPage(entries: checks + [failed, summary], cursor: ActivityCursor(audit: 7), more: false)))
        let lines = state.log.lines.map(\.text)
        #expect(lines.count == 2, "the failed check and the summary: \(lines)")
        #expect(lines.last == "↻ reconcile checked 6, changed 1 (INV-0: AWAITING → PAID), failed 1 (INV-9: DOKU did not answer)")
        #expect(state.log.lines.last?.level == .warning)
    }
}

/// A refused notification that names an invoice appears in that invoice's history.
@Suite struct RefusalHistoryTests {
    @Test(arguments: [Words.english, .indonesian]) func aRefusalIsInTheInvoicesHistory(words: Words) {
        var state = FixtureLanguage.$words.withValue(words) { stateWithInvoices(width: 120, height: 40) }
        let invoice = state.selectedInvoice!
        let refused = AuditEntry(
            at: invoice.createdAt.addingTimeInterval(30), direction: .incoming, operation: "notification", invoiceNumber: invoice.number, httpStatus: 401,
            responseCode: "4015600", outcome: "refused: Unauthorized. Signature Not Match", refusedBy: .signature)
        let transitions = [InvoiceTransition(invoiceNumber: invoice.number, from: nil, to: .created, at: invoice.createdAt, cause: "intent stored")]
        _ = ConsoleLogic.update(&state, .detailLoaded(InvoiceDetail(invoice: invoice, transitions: transitions, refunds: [], refusals: [refused])))
        let screen = render(state).lines.joined(separator: "\n")
        #expect(screen.contains(words(.historyRefused, "notification", "signature")), "\(screen)")
        expectNoPhraseKeys(render(state))
    }
}

/// The log pane filters by direction, operation, refusals and text, and keeps the marks ops set.
@Suite struct LogFilterTests {
    /// The live log in the cashier's language: operations, statuses, outcomes, DOKU's titles;
    /// filtering by the English words still finds the lines.
    @Test func theLogSpeaksIndonesianAndFiltersEitherWay() {
        let paid = AuditEntry(
            at: fixedNow, direction: .incoming, operation: "notification", invoiceNumber: "INV-1", httpStatus: 200, responseCode: "00",
            outcome: NotificationOutcome.transition(from: .awaitingPayment, to: .paid))
        let duplicate = AuditEntry(
            at: fixedNow, direction: .incoming, operation: "notification", invoiceNumber: "INV-1", httpStatus: 200, responseCode: "00",
            outcome: NotificationOutcome.duplicate.rawValue)
        let refused = AuditEntry(
            at: fixedNow, direction: .outgoing, operation: "refund", invoiceNumber: "INV-1", httpStatus: 404, responseCode: "4045801", outcome: "rejected")
        let id = Words.indonesian
        #expect(LogFormatter.line(paid, words: id).text.hasSuffix("← notifikasi INV-1 00 lunas — MENUNGGU → LUNAS"), "\(LogFormatter.line(paid, words: id).text)")
        #expect(LogFormatter.line(duplicate, words: id).text.contains("duplikat, tidak ada yang berubah"))
        let refund = LogFormatter.line(refused, words: id)
        #expect(refund.text.hasPrefix("→ pengembalian INV-1 4045801") && refund.text.contains(id.responseTitle("4045801") ?? "?"), "\(refund.text)")
        #expect(refund.tags.isSuperset(of: ["refund", "pengembalian", "out"]))
        // English stays as it was.
        #expect(LogFormatter.line(paid).text.hasSuffix("← notification INV-1 00 paid — AWAITING → PAID"), "\(LogFormatter.line(paid).text)")
    }

    @Test func slashWhileTheLogHasFocusFiltersItAndMarksStay() {
        var state = stateWithInvoices(width: 120, height: 40)
        let entries = ExchangeViewTests.exchanges()
        _ = ConsoleLogic.update(&state, .activityLoaded(ActivityPage(entries: [entries["payment"]!, entries["notification"]!], cursor: ActivityCursor(audit: 2), more: false)))
        _ = ConsoleLogic.update(&state, .key(.character("m")))
        _ = ConsoleLogic.update(&state, .activityLoaded(ActivityPage(entries: [entries["refused"]!, entries["refund"]!], cursor: ActivityCursor(audit: 4), more: false)))
        #expect(state.log.lines.contains { $0.text.contains("mark 18:06:40") || $0.tags.contains("mark") })
        func filter(_ text: String) -> [String] {
            _ = ConsoleLogic.update(&state, .key(.tab))
            if state.focus != .log { _ = ConsoleLogic.update(&state, .key(.tab)) }
            _ = ConsoleLogic.update(&state, .key(.character("/")))
            guard case .logFilter = state.modal else {
                Issue.record("/ with the log focused did not open the log filter: \(String(describing: state.modal))")
                return []
            }
            for _ in 0..<70 { _ = ConsoleLogic.update(&state, .key(.backspace)) }
            for character in text { _ = ConsoleLogic.update(&state, .key(.character(character))) }
            _ = ConsoleLogic.update(&state, .key(.enter))
            return state.log.visibleLines.filter { !$0.tags.contains("mark") }.map(\.text)
        }
        #expect(filter("refused").count == 1)
        #expect(filter("refused").first?.contains("refused") == true)
        #expect(filter("in").count == 2, "the accepted and the refused notification")
        #expect(filter("out").count == 2, "the payment and the refund")
        #expect(filter("in notification refused").count == 1, "every word must match")
        #expect(filter("refund").count == 1)
        #expect(state.log.visibleLines.contains { $0.tags.contains("mark") }, "marks stay whatever the filter")
        let screen = render(state).lines.joined(separator: "\n")
        #expect(screen.contains("filter: refund"))
        #expect(filter("").count == 4, "Enter on nothing clears it")
        // With the list focused, / still finds invoices.
        _ = ConsoleLogic.update(&state, .key(.tab))
        #expect(state.focus == .list)
        _ = ConsoleLogic.update(&state, .key(.character("/")))
        guard case .filter = state.modal else {
            Issue.record("/ on the list is the invoice search")
            return
        }
    }
}
