import DokuSNAP
import Foundation
import KasirCore

extension ConsoleLogic {
    /// A shift opened says so; an X or Z report opens over the list as the cashier would print it.
    static func shiftDone(_ state: inout AppState, _ result: Result<ShiftOutcome, DeskError>) {
        let w = state.words
        switch result {
        case .failure(let error):
            // In the console the way to open one is the console's own command, not the CLI's.
            if case .noOpenShift(let terminal) = error {
                state.message = Message(.error, w(.shiftError, w(.consoleNoShift, terminal)))
            } else {
                state.message = Message(.error, w(.shiftError, w.deskError(error)))
            }
        case .success(.opened(let shift)):
            state.message = Message(.success, w(.shiftOpened, shift.id, shift.cashier, shift.terminal, w.dateTime(shift.openedAt)))
        case .success(.report(let report)):
            state.message = nil
            showReport(&state, report, reconciled: nil)
        case .success(.closed(let closing)):
            state.message = Message(.success, w(.shiftClosed, closing.shift.id, w.dateTime(closing.shift.closedAt ?? state.now)))
            showReport(&state, closing.report, reconciled: closing.reconcile)
        }
    }

    /// The sale's receipt as it prints on 58 mm paper; `kasir receipt` sends it to the printer.
    static func showReceipt(_ state: inout AppState, _ invoice: Invoice, _ refunds: [Refund]) {
        let document = Receipt.document(invoice, refunds: refunds, shop: state.shopName, words: state.words, printedAt: state.now)
        let lines = PrintText.lines(Array(document.dropFirst(2)), width: PaperWidth.narrow.rawValue) + ["", state.words(.receiptPrintHint, invoice.number)]
        state.modal = .notice(title: state.words(.receiptTitle), lines: lines)
    }

    static func showReport(_ state: inout AppState, _ report: SalesReport, reconciled: ReconcileReport?) {
        let document = report.document(shop: state.shopName, words: state.words, reconciled: reconciled, printedAt: state.now)
        // The shop's name and the title go in the dialog's frame; the body as printed on 80 mm paper.
        let lines = PrintText.lines(Array(document.dropFirst(2)), width: PaperWidth.wide.rawValue)
        state.modal = .notice(title: PrintText.lines([document[1]], width: 48).first?.trimmingCharacters(in: .whitespaces) ?? "", lines: lines)
    }
}
