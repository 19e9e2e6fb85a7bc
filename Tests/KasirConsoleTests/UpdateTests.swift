import DokuSNAP
import Foundation
import KasirCore
import Testing
import TerminalUI

@testable import KasirConsole

/// `update` alone: which state follows an action and which DOKU calls are asked for.
@Suite struct UpdateTests {
    @Test func aNewPaymentValidatesThenAsksDokuThenShowsTheQR() throws {
        var state = stateWithInvoices()
        #expect(ConsoleLogic.update(&state, .key(.character("n"))) == [.allocateInvoiceNumber])
        guard case .paymentForm = state.modal else { Issue.record("no form"); return }
        _ = ConsoleLogic.update(&state, .nextInvoiceNumber("INV-20261117-0005"))
        // Enter on an empty amount: nothing is sent, the field says what is wrong.
        #expect(ConsoleLogic.update(&state, .key(.enter)).isEmpty)
        guard case .paymentForm(let empty) = state.modal else { Issue.record("form closed"); return }
        #expect(empty.amount.error?.contains("150000") == true)

        #expect(type("150.000", into: &state).isEmpty)
        guard case .paymentForm(let typed) = state.modal else { return }
        #expect(typed.amount.display.text == "150.000")
        let effects = ConsoleLogic.update(&state, .key(.enter))
        guard case .createPayment(let tag, let draft)? = effects.first else { Issue.record("no payment effect: \(effects)"); return }
        #expect(draft.amount == idr(150_000))
        #expect(draft.invoiceNumber == "INV-20261117-0005")
        #expect(draft.deviceID == "POS01")
        #expect(state.inFlight[tag] == "payment")
        // While DOKU answers, keys do nothing but Esc.
        #expect(ConsoleLogic.update(&state, .key(.enter)).isEmpty)

        let created = invoice("INV-20261117-0005")
        let after = ConsoleLogic.update(&state, .paymentCreated(tag: tag, .success(created)))
        #expect(after.contains { if case .loadPage = $0 { return true } else { return false } })
        guard case .qr(let screen) = state.modal else { Issue.record("no QR"); return }
        #expect(screen.invoice.number == "INV-20261117-0005")
        #expect(screen.matrix != nil)
        #expect(state.inFlight.isEmpty)
    }

    @Test func aLateAnswerForAClosedFormOpensNothing() {
        var state = stateWithInvoices()
        _ = ConsoleLogic.update(&state, .key(.character("n")))
        _ = ConsoleLogic.update(&state, .nextInvoiceNumber("INV-9"))
        _ = type("5000", into: &state)
        guard case .createPayment(let tag, _)? = ConsoleLogic.update(&state, .key(.enter)).first else { Issue.record("no effect"); return }
        _ = ConsoleLogic.update(&state, .key(.escape))
        #expect(state.modal == nil)
        _ = ConsoleLogic.update(&state, .paymentCreated(tag: tag, .success(invoice("INV-9"))))
        #expect(state.modal == nil)
        #expect(state.message?.text.contains("INV-9") == true)
    }

    @Test func formErrorsComeBackIntoTheForm() {
        var state = stateWithInvoices()
        _ = ConsoleLogic.update(&state, .key(.character("n")))
        _ = ConsoleLogic.update(&state, .nextInvoiceNumber("INV-7"))
        _ = type("5000", into: &state)
        guard case .createPayment(let tag, _)? = ConsoleLogic.update(&state, .key(.enter)).first else { return }
        let effects = ConsoleLogic.update(&state, .paymentCreated(tag: tag, .failure(.rejected(number: "INV-7", code: "4035414", message: "Insufficient Funds"))))
        #expect(effects.contains(.allocateInvoiceNumber))
        #expect(state.message?.text.contains("4035414") == true)
        guard case .paymentForm(let form) = state.modal else { Issue.record("form closed"); return }
        #expect(form.pendingTag == nil)
        #expect(form.invoice.text.isEmpty, "the rejected number is used up")
        _ = ConsoleLogic.update(&state, .nextInvoiceNumber("INV-8"))

        guard case .createPayment(let second, _)? = ConsoleLogic.update(&state, .key(.enter)).first else { Issue.record("cannot resend"); return }
        _ = ConsoleLogic.update(&state, .paymentCreated(tag: second, .failure(.outcomeUnknown(number: "INV-8", reason: "timed out"))))
        guard case .notice(let title, _) = state.modal else { Issue.record("no notice"); return }
        #expect(title == "Outcome unknown")
    }

    @Test func refundOnlyOnPaidInvoicesWithConfirmation() {
        var state = stateWithInvoices()
        #expect(ConsoleLogic.update(&state, .key(.character("r"))).isEmpty)
        #expect(state.message?.text.contains("cannot be refunded") == true)
        _ = ConsoleLogic.update(&state, .key(.down))
        #expect(state.selectedInvoice?.number == "INV-20261117-0003")
        #expect(ConsoleLogic.update(&state, .key(.character("r"))) == [.loadRefundable(invoiceNumber: "INV-20261117-0003")])
        _ = ConsoleLogic.update(&state, .refundableLoaded(invoice: state.selectedInvoice!, refundable: idr(150_000), refundNumber: "INV-20261117-0003-R1"))
        guard case .refundForm(let form) = state.modal else { Issue.record("no refund form"); return }
        #expect(form.amount.text == "150.000")
        _ = ConsoleLogic.update(&state, .key(.ctrl("u")))
        _ = type("200000", into: &state)
        _ = ConsoleLogic.update(&state, .key(.enter))
        guard case .refundForm(let tooMuch) = state.modal else { Issue.record("accepted too much"); return }
        #expect(tooMuch.amount.error == "at most Rp 150.000 can still be refunded")
        _ = ConsoleLogic.update(&state, .key(.ctrl("u")))
        _ = type("50000", into: &state)
        _ = ConsoleLogic.update(&state, .key(.enter))
        guard case .confirmRefund = state.modal else { Issue.record("no confirmation"); return }
        let effects = ConsoleLogic.update(&state, .key(.character("y")))
        guard case .refund(let tag, let number, let amount, let reason, let refundNumber)? = effects.first else { Issue.record("no refund: \(effects)"); return }
        #expect(number == "INV-20261117-0003")
        #expect(amount == idr(50_000))
        #expect(reason == "Customer request")
        #expect(refundNumber == "INV-20261117-0003-R1")
        var refund = Refund(number: refundNumber, invoiceNumber: number, amount: amount, reason: reason, createdAt: fixedNow)
        refund.status = .succeeded
        _ = ConsoleLogic.update(&state, .refunded(tag: tag, .success(refund)))
        #expect(state.modal == nil)
        #expect(state.message?.kind == .success)
    }

    @Test func readOnlyHidesPaymentsAndRefunds() {
        var state = makeState(readOnly: true)
        #expect(ConsoleLogic.update(&state, .key(.character("n"))).isEmpty)
        #expect(state.modal == nil)
        #expect(state.message?.text.contains("Read-only") == true)
        #expect(!Keymaps.list(readOnly: true, words: .english).bindings.contains { $0.action == .newPayment || $0.action == .refund })
    }

    @Test func pagingAsksTheStoreForTheNextPageOnly() {
        var state = stateWithInvoices()
        state.list.total = 1_000_000
        state.list.hasOlder = true
        for _ in 0..<3 { _ = ConsoleLogic.update(&state, .key(.character("j"))) }
        let effects = ConsoleLogic.update(&state, .key(.character("j")))
        guard case .loadPage(let tag, _, let page, let recount)? = effects.first else { Issue.record("no page load: \(effects)"); return }
        #expect(!recount)
        guard case .after(_, let number, let pageStart) = page else { Issue.record("wrong page \(page)"); return }
        #expect(number == "INV-20261117-0001")
        #expect(pageStart == 4)
        // A page answer for an older request is ignored.
        _ = ConsoleLogic.update(&state, .pageLoaded(tag: tag - 1, rows: [], total: 0, pageStart: 0, hasOlder: false))
        #expect(state.list.rows.count == 4)
        _ = ConsoleLogic.update(&state, .pageLoaded(tag: tag, rows: [invoice("INV-20261116-0999")], total: 1_000_000, pageStart: 4, hasOlder: true))
        #expect(state.selectedInvoice?.number == "INV-20261116-0999")
        guard case .loadPage(_, _, .last, _)? = ConsoleLogic.update(&state, .key(.end)).first else { Issue.record("End does not load the oldest page"); return }
    }

    @Test func filtersReloadWithAFreshCount() {
        var state = stateWithInvoices()
        _ = ConsoleLogic.update(&state, .key(.character("/")))
        _ = type("INV-2026", into: &state)
        let effects = ConsoleLogic.update(&state, .key(.enter))
        guard case .loadPage(_, let query, .first, true)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(query.text == "INV-2026")
        guard case .loadPage(_, let byStatus, _, _)? = ConsoleLogic.update(&state, .key(.character("f"))).first else { return }
        #expect(byStatus.statuses == [.awaitingPayment, .created])
    }

    @Test func quittingWithARequestInFlightAsksFirst() {
        var state = stateWithInvoices()
        _ = ConsoleLogic.update(&state, .key(.character("s")))
        #expect(state.inFlight.count == 1)
        #expect(ConsoleLogic.update(&state, .key(.character("q"))).isEmpty)
        #expect(state.modal == .confirmQuit)
        #expect(ConsoleLogic.update(&state, .key(.character("y"))) == [.quit])
        var idle = stateWithInvoices()
        #expect(ConsoleLogic.update(&idle, .key(.character("q"))) == [.quit])
    }

    @Test func theCommandLine() {
        var state = stateWithInvoices()
        func run(_ line: String) -> [Effect] {
            _ = ConsoleLogic.update(&state, .key(.character(":")))
            _ = type(line, into: &state)
            return ConsoleLogic.update(&state, .key(.enter))
        }
        guard case .checkStatus(_, "INV-1")? = run("status INV-1").first else { Issue.record("status"); return }
        #expect(run("theme light") == [.loadTheme("light")])
        #expect(run("refund INV-20261117-0003 50000") == [.loadRefundable(invoiceNumber: "INV-20261117-0003")])
        #expect(state.pendingRefundAmount == "50000")
        #expect(run("nonsense").isEmpty)
        #expect(state.message?.kind == .error)
        #expect(run("pay 25000") == [.allocateInvoiceNumber])
        guard case .paymentForm(let form) = state.modal else { Issue.record("no form"); return }
        #expect(form.amount.text == "25000")
    }

    @Test func theDemoQRSimulatesTheCustomerAndFollowsTheStatus() {
        var state = stateWithInvoices(environment: .demo)
        _ = ConsoleLogic.update(&state, .key(.enter))
        guard case .qr = state.modal else { Issue.record("no QR"); return }
        #expect(ConsoleLogic.update(&state, .key(.character("p"))) == [.simulate(invoiceNumber: "INV-20261117-0004", outcome: .pay)])
        var paid = invoice("INV-20261117-0004")
        paid.status = .paid
        _ = ConsoleLogic.update(&state, .desk(.invoiceChanged(paid, nil)))
        guard case .qr(let screen) = state.modal else { return }
        #expect(screen.invoice.status == .paid)
        var real = stateWithInvoices(environment: .sandbox)
        _ = ConsoleLogic.update(&real, .key(.enter))
        #expect(ConsoleLogic.update(&real, .key(.character("p"))).isEmpty)
    }

    @Test func zoomsAreExclusiveAndMovingStillSelects() {
        var state = makeState()
        _ = ConsoleLogic.update(&state, .pageLoaded(tag: state.list.pageTag, rows: [invoice("INV-2"), invoice("INV-1")], total: 2, pageStart: 0, hasOlder: false))
        _ = ConsoleLogic.update(&state, .key(.character("d")))
        #expect(state.zoomDetail && !state.zoomLog)
        #expect(ConsoleLogic.update(&state, .key(.character("j"))).contains(.loadDetail(invoiceNumber: "INV-1")), "j shows the next invoice's detail")
        _ = ConsoleLogic.update(&state, .key(.character("z")))
        #expect(state.zoomLog && !state.zoomDetail)
        _ = ConsoleLogic.update(&state, .key(.character("d")))
        #expect(state.zoomDetail && !state.zoomLog && state.focus == .list)
        _ = ConsoleLogic.update(&state, .key(.tab))
        #expect(state.focus == .log && !state.zoomDetail, "the log cannot have focus while hidden")
        _ = ConsoleLogic.update(&state, .key(.tab))
        _ = ConsoleLogic.update(&state, .key(.character("d")))
        _ = ConsoleLogic.update(&state, .key(.character("d")))
        #expect(!state.zoomDetail)
    }

    @Test func theLiveLogReadsTheStoreOneReadAtATime() {
        var state = makeState()
        // The first change reads the newest lines; the desk's own news and further changes during
        // that read ask for one more read, after it.
        #expect(ConsoleLogic.update(&state, .storeChanged).contains(.loadActivity(after: nil)))
        #expect(ConsoleLogic.update(&state, .desk(.audit(AuditEntry(at: fixedNow, direction: .outgoing, operation: "payment", outcome: "ok")))) == [])
        #expect(!ConsoleLogic.update(&state, .storeChanged).contains { if case .loadActivity = $0 { true } else { false } })

        let entries = [
            AuditEntry(at: fixedNow, direction: .outgoing, operation: "payment", invoiceNumber: "INV-1", responseCode: "2005400", latencyMs: 182, outcome: "success"),
            AuditEntry(at: fixedNow, direction: .incoming, operation: "notification", invoiceNumber: "INV-1", responseCode: "00", outcome: "applied"),
            AuditEntry(at: fixedNow, direction: .outgoing, operation: "refund", invoiceNumber: "INV-1", responseCode: "4045813", latencyMs: 20, outcome: "rejected"),
        ]
        let cursor = ActivityCursor(audit: 2, notification: 1)
        #expect(ConsoleLogic.update(&state, .activityLoaded(ActivityPage(entries: entries, cursor: cursor, more: false))) == [.loadActivity(after: cursor)])
        #expect(state.log.lines.map(\.text) == [
            "→ payment INV-1 2005400 182 ms", "← notification INV-1 00 paid — applied", "→ refund INV-1 4045813 20 ms Invalid Amount",
        ])
        #expect(state.log.lines.map(\.level) == [.info, .info, .error])
        #expect(state.lastNotificationAt == fixedNow)

        // Nothing changed since: no further read. A failed read keeps the cursor for the next change.
        #expect(ConsoleLogic.update(&state, .activityLoaded(ActivityPage(entries: [], cursor: cursor, more: false))) == [])
        #expect(ConsoleLogic.update(&state, .desk(.audit(entries[0]))) == [.loadActivity(after: cursor)])
        #expect(ConsoleLogic.update(&state, .activityLoaded(nil)) == [])
        #expect(state.activity.cursor == cursor)
        #expect(state.log.lines.count == 3)
        // A full page reads on at once.
        _ = ConsoleLogic.update(&state, .storeChanged)
        let later = ActivityCursor(audit: 502, notification: 1)
        #expect(ConsoleLogic.update(&state, .activityLoaded(ActivityPage(entries: [], cursor: later, more: true))) == [.loadActivity(after: later)])
    }
}

/// The header never lies about who receives DOKU's notifications.
@Suite struct ReceiverStatusTests {
    func beat(_ secondsAgo: Double, stopped: Bool = false) -> ReceiverHeartbeat {
        ReceiverHeartbeat(
            address: "127.0.0.1:8787", owner: "kasir listen", processID: 1, startedAt: fixedNow.addingTimeInterval(-600),
            beatAt: fixedNow.addingTimeInterval(-secondsAgo), stoppedAt: stopped ? fixedNow.addingTimeInterval(-secondsAgo) : nil)
    }

    func header(_ state: AppState) -> String { render(state).lines[0] }

    @Test func kasirListenAliveThenStoppedThenTakenOver() {
        var state = makeState()
        state.receiver = .notRunning("127.0.0.1:8787 is in use by another program")
        state.canReceive = true
        #expect(ConsoleLogic.update(&state, .receiverObserved(beat(2))).isEmpty)
        #expect(state.receiver == .external(address: "127.0.0.1:8787", owner: "kasir listen", lastBeat: fixedNow.addingTimeInterval(-2)))
        #expect(header(state).contains("⇄ via kasir listen 127.0.0.1:8787"), "\(header(state))")
        // It stops: the console takes the port over, once.
        #expect(ConsoleLogic.update(&state, .receiverObserved(beat(1, stopped: true))) == [.startReceiver])
        #expect(ConsoleLogic.update(&state, .receiverObserved(beat(1, stopped: true))).isEmpty)
        #expect(header(state).contains("not receiving") || header(state).contains("NOT RECEIVING"), "\(header(state))")
        _ = ConsoleLogic.update(&state, .receiverStarted(.success(ReceiverAddress(host: "127.0.0.1", port: 8787))))
        #expect(state.receiver == .listening(host: "127.0.0.1", port: 8787))
        #expect(header(state).contains("⇄ receiving on 127.0.0.1:8787"), "\(header(state))")
        // Its own receiver is never replaced by what others do.
        #expect(ConsoleLogic.update(&state, .receiverObserved(beat(1))).isEmpty)
        #expect(state.receiver == .listening(host: "127.0.0.1", port: 8787))
    }

    @Test func aConsoleThatMayNotReceiveSaysPlainlyThatNobodyDoes() {
        var state = makeState()
        state.receiver = .external(address: "127.0.0.1:8787", owner: "kasir listen", lastBeat: fixedNow.addingTimeInterval(-5))
        // Silent for longer than a heartbeat allows: it died without a word.
        #expect(ConsoleLogic.update(&state, .receiverObserved(beat(60))).isEmpty)
        guard case .notRunning(let why) = state.receiver else { Issue.record("\(state.receiver)"); return }
        #expect(why.contains("NOT RECEIVING: start kasir listen"))
        #expect(state.message?.text.contains("Notifications are not being received") == true)
        #expect(header(state).contains("NOT RECEIVING"), "\(header(state))")
        for width in [80, 120, 200] {
            state.width = width
            let line = header(state)
            #expect(line.contains("NOT RECEIVING"), "\(width): \(line)")
        }
    }
}

/// Amounts typed in the form: read as `AmountInput` reads them, large ones confirmed once more.
@Suite struct AmountEntryTests {
    @Test func refusedWhereTypedAndLargeAmountsConfirmed() {
        var state = stateWithInvoices()
        _ = ConsoleLogic.update(&state, .key(.character("n")))
        _ = ConsoleLogic.update(&state, .nextInvoiceNumber("INV-20261117-0005"))
        _ = type("-5", into: &state)
        guard case .paymentForm(let negative) = state.modal else { Issue.record("no form"); return }
        #expect(negative.amount.error?.contains("cannot be negative") == true)
        _ = ConsoleLogic.update(&state, .key(.ctrl("u")))
        _ = ConsoleLogic.update(&state, .key(.ctrl("k")))
        _ = type("15000000", into: &state)
        #expect(ConsoleLogic.update(&state, .key(.enter)).isEmpty, "no payment before the second confirmation")
        guard case .confirmPayment = state.modal else { Issue.record("not asked to confirm: \(String(describing: state.modal))"); return }
        #expect(render(state).lines.contains { $0.contains("Charge Rp 15.000.000?") })
        _ = ConsoleLogic.update(&state, .key(.character("n")))
        guard case .paymentForm = state.modal else { Issue.record("n did not go back"); return }
        _ = ConsoleLogic.update(&state, .key(.enter))
        let effects = ConsoleLogic.update(&state, .key(.character("y")))
        guard case .createPayment(_, let draft)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(draft.amount == idr(15_000_000))
        // Below the threshold there is no second question.
        var small = stateWithInvoices()
        _ = ConsoleLogic.update(&small, .key(.character("n")))
        _ = ConsoleLogic.update(&small, .nextInvoiceNumber("INV-20261117-0005"))
        _ = type("150000.00", into: &small)
        let direct = ConsoleLogic.update(&small, .key(.enter))
        guard case .createPayment(_, let smallDraft)? = direct.first else { Issue.record("\(direct)"); return }
        #expect(smallDraft.amount == idr(150_000))
    }
}

/// An action acts on what the cashier sees: the highlighted row and the detail pane name the same
/// invoice after every kind of change.
@Suite struct SelectionTests {
    func rows(_ numbers: [String]) -> [Invoice] { numbers.enumerated().map { invoice($0.element, minutesAgo: Double($0.offset)) } }

    func load(_ state: inout AppState, _ numbers: [String], hasOlder: Bool = false) -> [Effect] {
        ConsoleLogic.update(&state, .pageLoaded(tag: state.list.pageTag, rows: rows(numbers), total: numbers.count, pageStart: 0, hasOlder: hasOlder))
    }

    @Test func aNewInvoiceBecomesTheHighlightedOneAndClosingItsQRKeepsIt() {
        var state = stateWithInvoices()
        _ = ConsoleLogic.update(&state, .key(.down))
        #expect(state.selectedInvoice?.number == "INV-20261117-0003")
        _ = ConsoleLogic.update(&state, .key(.character("n")))
        _ = ConsoleLogic.update(&state, .nextInvoiceNumber("INV-20261117-0005"))
        _ = type("25000", into: &state)
        let effects = ConsoleLogic.update(&state, .key(.enter))
        guard case .createPayment(let tag, _)? = effects.first else { Issue.record("\(effects)"); return }
        let created = invoice("INV-20261117-0005", units: 25_000)
        _ = ConsoleLogic.update(&state, .paymentCreated(tag: tag, .success(created)))
        guard case .qr = state.modal else { Issue.record("no QR view"); return }
        // The new page arrives with the new invoice on top: it is highlighted, and the detail asked for is its.
        let effectsAfter = load(&state, ["INV-20261117-0005", "INV-20261117-0004", "INV-20261117-0003"])
        #expect(state.selectedInvoice?.number == "INV-20261117-0005")
        #expect(effectsAfter.contains(.loadDetail(invoiceNumber: "INV-20261117-0005")))
        _ = ConsoleLogic.update(&state, .key(.escape))
        #expect(state.modal == nil)
        #expect(state.selectedInvoice?.number == "INV-20261117-0005")
        // r acts on it.
        #expect(ConsoleLogic.update(&state, .key(.character("s"))).contains { if case .checkStatus(_, "INV-20261117-0005") = $0 { return true } else { return false } })
        #expect(state.invariantViolations.isEmpty)
    }

    @Test func aStaleDetailIsNeverShownBesideAnotherHighlight() {
        var state = stateWithInvoices()
        _ = ConsoleLogic.update(&state, .detailLoaded(InvoiceDetail(invoice: state.list.rows[0], transitions: [], refunds: [])))
        #expect(state.detail?.invoice.number == state.selectedInvoice?.number)
        _ = ConsoleLogic.update(&state, .key(.down))
        #expect(state.detail == nil, "the detail of the row just left is dropped")
        // A late detail for a row no longer highlighted is ignored.
        _ = ConsoleLogic.update(&state, .detailLoaded(InvoiceDetail(invoice: state.list.rows[0], transitions: [], refunds: [])))
        #expect(state.detail == nil)
        #expect(render(state).lines.contains { $0.contains(state.selectedInvoice!.number) })
        #expect(state.invariantViolations.isEmpty)
    }

    @Test func aFilterThatHidesEverythingSaysSoInsteadOfAStaleInvoice() {
        var state = stateWithInvoices()
        _ = ConsoleLogic.update(&state, .detailLoaded(InvoiceDetail(invoice: state.list.rows[0], transitions: [], refunds: [])))
        _ = ConsoleLogic.update(&state, .key(.character("/")))
        _ = type("nothing", into: &state)
        _ = ConsoleLogic.update(&state, .key(.enter))
        _ = load(&state, [])
        #expect(state.selectedInvoice == nil)
        #expect(state.detail == nil)
        let screen = render(state).lines.joined(separator: "\n")
        #expect(screen.contains("No invoice matches"), "\(screen)")
        #expect(!screen.contains("INV-20261117-0004"), "\(screen)")
        // Reopening / starts empty.
        _ = ConsoleLogic.update(&state, .key(.character("/")))
        guard case .filter(let field) = state.modal else { Issue.record("no search line"); return }
        #expect(field.text.isEmpty)
    }

    @Test func endWaitsForTheOldestPageAndResizeKeepsTheHighlight() {
        var state = stateWithInvoices()
        let highlighted = state.selectedInvoice?.number
        let effects = ConsoleLogic.update(&state, .key(.character("G")))
        #expect(effects.contains { if case .loadPage(_, _, .last, _) = $0 { return true } else { return false } })
        #expect(state.selectedInvoice?.number == highlighted, "the highlight stays until the page arrives")
        #expect(state.invariantViolations.isEmpty)
        _ = ConsoleLogic.update(&state, .resized(width: 20, height: 10))
        _ = render(state)
        _ = load(&state, ["INV-A", "INV-B", "INV-C"])
        #expect(state.selectedInvoice?.number == "INV-C")
        _ = ConsoleLogic.update(&state, .resized(width: 250, height: 80))
        #expect(state.selectedInvoice?.number == "INV-C")
        #expect(state.invariantViolations.isEmpty)
    }
}
