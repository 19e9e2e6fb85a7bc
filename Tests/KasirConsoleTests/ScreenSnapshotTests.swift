import DokuSNAP
import Foundation
import KasirCore
import KasirTestSupport
import Testing
import TerminalUI

@testable import KasirConsole

/// Every screen and dialog at 80x24 and 120x40, compared cell by cell with its snapshot.
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    /// Each screen in English (`list-80x24`) and in Indonesian (`list-id-80x24`).
    func snapshot(_ name: String, _ build: (Int, Int) -> AppState) {
        for (width, height) in Self.sizes {
            for words in [Words.english, .indonesian] {
                let buffer = FixtureLanguage.$words.withValue(words) { render(build(width, height)) }
                expectSnapshot(buffer, words == .english ? "\(name)-\(width)x\(height)" : "\(name)-id-\(width)x\(height)")
                expectNoPhraseKeys(buffer)
            }
        }
    }

    func withDetail(_ state: AppState) -> AppState {
        var state = state
        guard let selected = state.selectedInvoice else { return state }
        let transitions = [
            InvoiceTransition(invoiceNumber: selected.number, from: nil, to: .created, at: selected.createdAt, cause: "intent stored"),
            InvoiceTransition(invoiceNumber: selected.number, from: .created, to: .awaitingPayment, at: selected.createdAt, cause: "payment 2005400"),
        ]
        _ = ConsoleLogic.update(&state, .detailLoaded(InvoiceDetail(invoice: selected, transitions: transitions, refunds: [])))
        let entry = AuditEntry(at: fixedNow, direction: .outgoing, operation: "payment", invoiceNumber: selected.number, responseCode: "2005400", latencyMs: 182, outcome: "success")
        _ = ConsoleLogic.update(&state, .activityLoaded(ActivityPage(entries: [entry], cursor: ActivityCursor(audit: 1), more: false)))
        return state
    }

    @Test func invoiceList() {
        snapshot("list") { withDetail(stateWithInvoices(width: $0, height: $1)) }
    }

    @Test(arguments: [Words.english, .indonesian]) func helpShowsEveryKeyAt80x24(words: Words) {
        var state = FixtureLanguage.$words.withValue(words) { stateWithInvoices(width: 80, height: 24) }
        _ = ConsoleLogic.update(&state, .key(.character("?")))
        let screen = render(state).lines.joined(separator: "\n")
        for keymap in ModalView.helpKeymaps(state) {
            for binding in keymap.bindings {
                #expect(screen.contains(binding.help), "'\(binding.help)' (\(binding.label)) is missing from the help at 80x24")
            }
        }
    }

    @Test func zoomedDetail() {
        snapshot("detail-zoom") { width, height in
            var state = withDetail(stateWithInvoices(width: width, height: height))
            let effects = ConsoleLogic.update(&state, .key(.character("d")))
            #expect(effects.isEmpty)
            #expect(state.zoomDetail)
            return state
        }
    }

    @Test func emptyListInProduction() {
        snapshot("empty-production") { makeState(width: $0, height: $1, environment: .production) }
    }

    @Test func paymentForm() {
        snapshot("payment-form") { width, height in
            var state = stateWithInvoices(width: width, height: height)
            _ = ConsoleLogic.update(&state, .key(.character("n")))
            _ = ConsoleLogic.update(&state, .nextInvoiceNumber("INV-20261117-0005"))
            _ = type("150000", into: &state)
            _ = ConsoleLogic.update(&state, .key(.tab))
            _ = ConsoleLogic.update(&state, .key(.tab))
            _ = ConsoleLogic.update(&state, .key(.tab))
            _ = ConsoleLogic.update(&state, .key(.ctrl("u")))
            _ = ConsoleLogic.update(&state, .key(.enter))
            return state
        }
    }

    @Test func qrAwaitingAndPaid() {
        snapshot("qr-awaiting") { width, height in
            var state = stateWithInvoices(width: width, height: height)
            _ = ConsoleLogic.update(&state, .key(.enter))
            return state
        }
        for status in [InvoiceStatus.paid, .failed, .expired] {
            snapshot("qr-\(status.rawValue)") { width, height in
                var state = stateWithInvoices(width: width, height: height)
                _ = ConsoleLogic.update(&state, .key(.enter))
                var decided = state.selectedInvoice!
                decided.status = status
                if status == .paid { decided.paidAt = fixedNow }
                let effects = ConsoleLogic.update(&state, .desk(.invoiceChanged(decided, nil)))
                #expect(effects.contains(.cue(status == .paid ? .paid : .failed)), "a decided sale of this terminal rings")
                return state
            }
        }
        // No UTF-8: a code of `##` pairs does not fit 80x24, so the link is shown with the reason.
        snapshot("qr-ascii") { width, height in
            var state = stateWithInvoices(width: width, height: height)
            state.unicode = false
            _ = ConsoleLogic.update(&state, .key(.enter))
            return state
        }
    }

    @Test func refundFormAndConfirmation() {
        func opened(_ width: Int, _ height: Int) -> AppState {
            var state = stateWithInvoices(width: width, height: height)
            _ = ConsoleLogic.update(&state, .key(.down))
            _ = ConsoleLogic.update(&state, .refundableLoaded(invoice: state.selectedInvoice!, refundable: idr(150_000), refundNumber: "INV-20261117-0003-R1"))
            return state
        }
        snapshot("refund-form") { opened($0, $1) }
        snapshot("refund-confirm") { width, height in
            var state = opened(width, height)
            _ = ConsoleLogic.update(&state, .key(.enter))
            return state
        }
    }

    @Test func helpCommandLineNoticeAndTooSmall() {
        snapshot("help") { width, height in
            var state = stateWithInvoices(width: width, height: height)
            _ = ConsoleLogic.update(&state, .key(.character("?")))
            return state
        }
        snapshot("command-line") { width, height in
            var state = stateWithInvoices(width: width, height: height)
            _ = ConsoleLogic.update(&state, .key(.character(":")))
            _ = type("refund INV-20261117-0003 50000", into: &state)
            return state
        }
        snapshot("notice") { width, height in
            var state = stateWithInvoices(width: width, height: height)
            let w = state.words
            state.modal = .notice(title: w(.paymentUnknownTitle), lines: [w(.paymentUnknown1, "INV-9"), w(.paymentUnknown2)])
            return state
        }
        expectSnapshot(render(makeState(width: 60, height: 20)), "too-small-60x20")
        expectSnapshot(FixtureLanguage.$words.withValue(.indonesian) { render(makeState(width: 60, height: 20)) }, "too-small-id-60x20")
    }

    @Test(arguments: [(Words.english, "= 15 minutes"), (.indonesian, "= 15 menit")])
    func theFormSaysHowLongTheLinkStaysValidInWords(words: Words, reading: String) {
        var state = FixtureLanguage.$words.withValue(words) { stateWithInvoices() }
        _ = ConsoleLogic.update(&state, .key(.character("n")))
        #expect(render(state).lines.joined().contains(reading))
    }

    @Test func shiftReportOverTheList() {
        snapshot("shift-x") { width, height in
            var state = stateWithInvoices(width: width, height: height)
            let effects = ConsoleLogic.update(&state, .key(.character("X")))
            #expect(effects == [.shift(.report)])
            let report = SalesReport.make(.x, from: fixedNow.addingTimeInterval(-3600), to: fixedNow, terminal: "POS01", cashier: "Sari", invoices: state.list.rows, refunds: [])
            _ = ConsoleLogic.update(&state, .shiftDone(.success(.report(report))))
            return state
        }
    }

    @Test func receiptOverTheList() {
        snapshot("receipt") { width, height in
            var state = stateWithInvoices(width: width, height: height)
            _ = ConsoleLogic.update(&state, .key(.down))
            let effects = ConsoleLogic.update(&state, .key(.character("P")))
            #expect(effects.contains(.loadReceipt(invoiceNumber: state.selectedInvoice!.number)))
            _ = ConsoleLogic.update(&state, .receiptLoaded(state.selectedInvoice!, []))
            return state
        }
    }

    @Test func untrustedTextIsCleanedOnScreen() {
        var state = makeState()
        var evil = invoice("INV-1")
        evil.title = "Kopi\u{1B}[2J\u{202E}susu"
        _ = ConsoleLogic.update(&state, .storeChanged)
        _ = ConsoleLogic.update(&state, .pageLoaded(tag: state.list.pageTag, rows: [evil], total: 1, pageStart: 0, hasOlder: false))
        let screen = render(state).lines.joined(separator: "\n")
        #expect(!screen.contains("\u{1B}"))
        #expect(!screen.contains("\u{202E}"))
        #expect(screen.contains("Kopi[2Jsusu"))
    }
}

/// How the detail pane fits long values into its column.
@Suite struct DetailWrapTests {
    @Test func linksWrapWholeAndSentencesBreakBetweenWords() {
        let url = "http://127.0.0.1:32819/link/962930597569027"
        let lines = DetailPane.wrap(url, width: 18, indent: 0, maxLines: 4)
        #expect(lines.joined() == url, "nothing of the link is lost")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 18 })

        let history = DetailPane.wrap("09:57:58 PAID — notification 2005600", width: 28, indent: 9, maxLines: 2)
        #expect(history == ["09:57:58 PAID — notification", "         2005600"])

        let words = DetailPane.wrap("09:57:55 AWAITING — payment 2005400 accepted", width: 28, indent: 9, maxLines: 2)
        #expect(words == ["09:57:55 AWAITING — payment", "         2005400 accepted"], "the break falls between words")
    }

    @Test func whatDoesNotFitEndsInAnEllipsis() {
        let lines = DetailPane.wrap(String(repeating: "x", count: 100), width: 20, indent: 2, maxLines: 2)
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("…"))
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(DetailPane.wrap("short", width: 20, indent: 0, maxLines: 3) == ["short"])
    }
}
