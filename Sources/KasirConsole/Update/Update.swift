import DokuSNAP
import Foundation
import KasirCore
import QRCodes
import TerminalUI

/// The console's logic as one pure function: state and action in, new state and effects out.
public enum ConsoleLogic {
    /// Rows of the invoice table that fit on screen (kept in step with `render`).
    public static func visibleRows(_ state: AppState) -> Int {
        max(1, ScreenLayout(state).listBody.height - 1)
    }

    /// Applies `action`, then keeps the console's promise: the highlighted row and the detail pane
    /// name the same invoice. When the highlight moved, the old detail goes and the new one is asked for.
    public static func update(_ state: inout AppState, _ action: Action) -> [Effect] {
        let before = state.selectedInvoice?.number
        let shownBefore = openSales(state)
        var effects = apply(&state, action)
        effects += announce(&state, decidedSince: shownBefore)
        state.list.selected = state.list.rows.isEmpty ? 0 : max(0, min(state.list.selected, state.list.rows.count - 1))
        let after = state.selectedInvoice?.number
        if let detail = state.detail, detail.invoice.number != after { state.detail = nil }
        if after != before, let after, !effects.contains(.loadDetail(invoiceNumber: after)) { effects.append(.loadDetail(invoiceNumber: after)) }
        if after != nil { state.list.hidden = nil }
        return effects
    }

    static func apply(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .tick(let now):
            state.now = now
            state.tick += 1
            // While the database is away it is asked every second, so the console recovers by itself.
            return state.storeProblem != nil || state.tick % receiverCheckEvery == 1 ? [.observeReceiver] : []
        case .receiverObserved(let heartbeat):
            return storeReachable(&state) + receiverObserved(&state, heartbeat)
        case .storeUnreachable(let reason):
            storeUnreachable(&state, reason)
            return []
        case .pageFailed(let tag, let reason):
            guard tag == state.list.pageTag else { return [] }
            state.list.loading = false
            state.list.pending = nil
            storeUnreachable(&state, reason)
            return []
        case .receiverStarted(let result):
            return receiverStarted(&state, result)
        case .resized(let width, let height):
            state.width = width
            state.height = height
            return []
        case .storeChanged:
            return reloadPage(&state, keepPosition: true) + detailEffects(state) + loadActivity(&state)
        case .activityLoaded(let page):
            state.activity.loading = false
            if let page {
                for entry in page.entries {
                    appendToLog(&state, entry)
                    if entry.direction == .incoming && entry.operation == "notification" {
                        state.lastNotificationAt = max(state.lastNotificationAt ?? entry.at, entry.at)
                    }
                }
                state.activity.cursor = page.cursor
                if page.more { state.activity.stale = true }
            }
            guard state.activity.stale else { return [] }
            return loadActivity(&state)
        case .pageLoaded(let tag, let rows, let total, let pageStart, let hasOlder):
            guard tag == state.list.pageTag else { return [] }
            state.list.hasOlder = hasOlder
            let previous = state.selectedInvoice?.number
            state.list.loading = false
            state.list.rows = rows
            state.list.total = total
            state.list.pageStart = pageStart
            let pending = state.list.pending?.selection
            state.list.pending = nil
            state.list.hidden = nil
            switch pending {
            case .first?: state.list.selected = 0
            case .last?: state.list.selected = rows.count - 1
            case .index(let index)?: state.list.selected = index
            case .number(let number)?:
                if let index = rows.firstIndex(where: { $0.number == number }) {
                    state.list.selected = index
                } else {
                    state.list.selected = 0
                    state.list.hidden = number
                }
            case nil:
                if let previous, let index = rows.firstIndex(where: { $0.number == previous }) { state.list.selected = index }
            }
            state.list.selected = rows.isEmpty ? 0 : max(0, min(state.list.selected, rows.count - 1))
            refreshQR(&state)
            return detailEffects(state)
        case .detailLoaded(let detail):
            guard detail.invoice.number == state.selectedInvoice?.number || qrNumber(state) == detail.invoice.number else { return [] }
            state.detail = detail
            refreshQR(&state, with: detail.invoice)
            return []
        case .nextInvoiceNumber(let number):
            if case .paymentForm(var form) = state.modal, form.pendingTag == nil, form.invoice.text.isEmpty || form.invoice.text.hasPrefix("INV-") {
                form.invoice.setText(number)
                state.modal = .paymentForm(form)
            }
            return []
        case .refundableLoaded(let invoice, let refundable, let refundNumber):
            guard state.modal == nil else { return [] }
            if refundable.isZero {
                state.message = Message(.error, state.words(.nothingLeftToRefund, invoice.number))
                return []
            }
            var form = RefundForm(invoice: invoice, refundable: refundable, refundNumber: refundNumber, reason: state.words(.defaultRefundReason))
            if let typed = state.pendingRefundAmount {
                form.amount.setText(typed)
                AmountEntry.check(&form.amount, words: state.words)
            }
            state.pendingRefundAmount = nil
            state.modal = .refundForm(form)
            return []
        case .paymentCreated(let tag, let result):
            return paymentCreated(&state, tag: tag, result)
        case .refunded(let tag, let result):
            state.inFlight[tag] = nil
            if case .confirmRefund(let form) = state.modal, form.pendingTag == tag { state.modal = nil }
            switch result {
            case .success(let refund):
                state.message = Message(.success, state.words(.refundedMessage, refund.amount.displayText, refund.invoiceNumber, refund.number))
            case .failure(.refundOutcomeUnknown(let number, let reason)):
                let w = state.words
                state.modal = .notice(
                    title: w(.refundUnknownTitle), lines: [w(.refundUnknown1, number, reason), w(.refundUnknown2), w(.refundUnknown3), w(.refundUnknown4)])
                state.message = Message(.error, w(.refundUnknownMessage, number))
            case .failure(let error):
                state.message = Message(.error, state.words(.refundError, state.words.deskError(error)))
            }
            return []
        case .statusChecked(let tag, let result):
            state.inFlight[tag] = nil
            switch result {
            case .success(let invoice):
                state.message = Message(invoice.status.isPaid ? .success : .info, state.words(.statusAtDoku, invoice.number, state.words.status(invoice.status)))
                refreshQR(&state, with: invoice)
            case .failure(let error): state.message = Message(.error, state.words(.statusCheckError, state.words.deskError(error)))
            }
            return []
        case .reconciled(let report):
            state.message = Message(report.failed > 0 ? .error : .info, state.words(.reconciled, String(report.checked), String(report.changed), String(report.failed)))
            return []
        case .receiptLoaded(let invoice, let refunds):
            guard state.modal == nil else { return [] }
            showReceipt(&state, invoice, refunds)
            return []
        case .shiftDone(let result):
            shiftDone(&state, result)
            return []
        case .exported(let path, let error):
            state.message = path.map { Message(.success, state.words(.exported, $0)) } ?? Message(.error, state.words(.exportFailed, error ?? state.words(.unknownError)))
            return []
        case .clipboardCopied(let copied):
            state.copiedToClipboard = copied
            return []
        case .curlSaved(let path, let error):
            state.message = path.map { Message(.success, state.words(state.copiedToClipboard ? .exchangeCopied : .exchangeSaved, $0)) } ?? Message(.error, state.words(.exchangeSaveFailed, error ?? state.words(.unknownError)))
            return []
        case .desk(let event):
            return deskEvent(&state, event)
        case .themeLoaded(let theme, let error):
            state.theme = theme
            state.themeName = theme.name
            state.message = error.map { Message(.error, state.words(.themeError, $0)) } ?? Message(.info, state.words(.themeChosen, theme.name))
            return []
        case .resent(let message):
            state.message = message
            return []
        case .simulated(let text):
            state.message = Message(.info, text)
            return []
        case .key(let key):
            if key == .resize { return [] }
            return handleKey(&state, key)
        }
    }

    static func paymentCreated(_ state: inout AppState, tag: Int, _ result: Result<Invoice, DeskError>) -> [Effect] {
        state.inFlight[tag] = nil
        let formIsWaiting: Bool = {
            if case .paymentForm(let form) = state.modal { return form.pendingTag == tag }
            return false
        }()
        switch result {
        case .success(let invoice):
            state.message = Message(.success, state.words(.paymentCreated, invoice.number, invoice.amount.displayText))
            if formIsWaiting { openQR(&state, invoice) }
            // The new invoice becomes the highlighted one, so s, r and Enter act on it.
            return reloadPage(&state, keepPosition: false, select: .number(invoice.number))
        case .failure(let error):
            if formIsWaiting, case .paymentForm(var form) = state.modal {
                form.pendingTag = nil
                switch error {
                case .invalid(let field, let problem):
                    form.mark(field, state.words.problem(problem))
                    state.modal = .paymentForm(form)
                    return []
                case .duplicate:
                    form.invoice.error = state.words(.invoiceNumberTaken)
                    state.modal = .paymentForm(form)
                    return [.allocateInvoiceNumber]
                case .outcomeUnknown(let number, _):
                    let w = state.words
                    state.modal = .notice(title: w(.paymentUnknownTitle), lines: [w(.paymentUnknown1, number), w(.paymentUnknown2), w(.paymentUnknown3)])
                    return reloadPage(&state, keepPosition: false)
                default:
                    form.invoice.setText("")
                    state.modal = .paymentForm(form)
                    state.message = Message(.error, state.words.deskError(error))
                    return [.allocateInvoiceNumber] + reloadPage(&state, keepPosition: false)
                }
            }
            state.message = Message(.error, state.words(.paymentError, state.words.deskError(error)))
            return reloadPage(&state, keepPosition: false)
        }
    }

    /// One read of the live log at a time; a change during a read asks for another after it.
    static func loadActivity(_ state: inout AppState) -> [Effect] {
        guard !state.activity.loading else {
            state.activity.stale = true
            return []
        }
        state.activity.loading = true
        state.activity.stale = false
        return [.loadActivity(after: state.activity.cursor)]
    }

    static func deskEvent(_ state: inout AppState, _ event: DeskEvent) -> [Effect] {
        switch event {
        case .audit:
            // Written to the store before it is announced: the live log reads it from there, with
            // whatever other processes wrote, so nothing shows twice.
            return loadActivity(&state)
        case .invoiceChanged(let invoice, _):
            refreshQR(&state, with: invoice)
            if let index = state.list.rows.firstIndex(where: { $0.number == invoice.number }) { state.list.rows[index] = invoice }
            if state.detail?.invoice.number == invoice.number { return [.loadDetail(invoiceNumber: invoice.number)] }
            return []
        case .refundChanged(let refund):
            return state.detail?.invoice.number == refund.invoiceNumber ? [.loadDetail(invoiceNumber: refund.invoiceNumber)] : []
        }
    }

    // MARK: list paging

    /// Loads the page again: from the top (`select` says what to highlight there), or where it is.
    /// A move still on its way is asked for again rather than lost.
    static func reloadPage(_ state: inout AppState, keepPosition: Bool, select: PendingPage.Selection? = nil) -> [Effect] {
        state.list.pageTag += 1
        state.list.loading = true
        var page = PageRequest.first
        if let select {
            state.list.pending = PendingPage(page: .first, selection: select)
        } else if keepPosition, let pending = state.list.pending {
            page = pending.page
        } else if keepPosition, state.list.pageStart > 0, let first = state.list.rows.first {
            page = .after(first.createdAt.addingTimeInterval(0.000_001), first.number + "\u{10FFFF}", pageStart: state.list.pageStart)
        } else if !keepPosition {
            state.list.pending = PendingPage(page: .first, selection: .first)
        }
        return [.loadPage(tag: state.list.pageTag, query: state.list.query, page: page, recount: true)]
    }

    /// Asks for another page; the highlight moves when it arrives.
    static func navigate(_ state: inout AppState, to page: PageRequest, select: PendingPage.Selection) -> [Effect] {
        state.list.pageTag += 1
        state.list.pending = PendingPage(page: page, selection: select)
        return [.loadPage(tag: state.list.pageTag, query: state.list.query, page: page, recount: false)]
    }

    static func detailEffects(_ state: AppState) -> [Effect] {
        var effects: [Effect] = []
        if let number = state.selectedInvoice?.number { effects.append(.loadDetail(invoiceNumber: number)) }
        if let qr = qrNumber(state), qr != state.selectedInvoice?.number { effects.append(.loadDetail(invoiceNumber: qr)) }
        return effects
    }

    static func move(_ state: inout AppState, by delta: Int) -> [Effect] {
        let target = state.list.selected + delta
        if target >= state.list.rows.count, state.list.hasOlder, let last = state.list.rows.last {
            let page = PageRequest.after(last.createdAt, last.number, pageStart: state.list.pageStart + state.list.rows.count)
            return navigate(&state, to: page, select: .index(max(0, target - state.list.rows.count)))
        }
        if target < 0, state.list.pageStart > 0, let first = state.list.rows.first {
            let pageSize = pageSize(state)
            let page = PageRequest.before(first.createdAt, first.number, pageStart: max(0, state.list.pageStart - pageSize))
            return navigate(&state, to: page, select: .index(max(0, pageSize + target)))
        }
        let clamped = max(0, min(target, state.list.rows.count - 1))
        guard clamped != state.list.selected else { return [] }
        state.list.selected = clamped
        return []
    }

    /// Rows asked for per page: a screenful, so paging never loads the whole table.
    public static func pageSize(_ state: AppState) -> Int { max(20, visibleRows(state)) }

    // MARK: QR

    static func qrNumber(_ state: AppState) -> String? {
        if case .qr(let screen) = state.modal { return screen.invoice.number }
        return nil
    }

    static func openQR(_ state: inout AppState, _ invoice: Invoice) {
        state.modal = .qr(QRScreen(invoice: invoice))
    }

    static func refreshQR(_ state: inout AppState, with invoice: Invoice? = nil) {
        guard case .qr(var screen) = state.modal else { return }
        if let invoice, invoice.number == screen.invoice.number {
            screen.invoice = invoice
        } else if invoice == nil, let fresh = state.list.rows.first(where: { $0.number == screen.invoice.number }) {
            screen.invoice = fresh
        } else {
            return
        }
        state.modal = .qr(screen)
    }
}
