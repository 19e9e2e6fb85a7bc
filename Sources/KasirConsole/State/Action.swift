import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// Everything that can happen to the console: keys, time, answers to effects, store changes.
public enum Action: Sendable {
    case key(Key)
    case tick(Date)
    case resized(width: Int, height: Int)
    case storeChanged
    /// A page of the list; `hasOlder` is false on the last (oldest) page. `total` is capped at `InvoiceList.countCap`.
    case pageLoaded(tag: Int, rows: [Invoice], total: Int, pageStart: Int, hasOlder: Bool)
    case detailLoaded(InvoiceDetail)
    /// New live-log entries from the store; nil when the read failed (kept for the next change).
    case activityLoaded(ActivityPage?)
    case refundableLoaded(invoice: Invoice, refundable: Money, refundNumber: String)
    case nextInvoiceNumber(String)
    case paymentCreated(tag: Int, Result<Invoice, DeskError>)
    case refunded(tag: Int, Result<Refund, DeskError>)
    case statusChecked(tag: Int, Result<Invoice, DeskError>)
    case reconciled(ReconcileReport)
    /// A shift opened, an X report, or a closed shift's Z report (after asking DOKU), or why not.
    case shiftDone(Result<ShiftOutcome, DeskError>)
    /// An invoice and its refunds, for its receipt.
    case receiptLoaded(Invoice, [Refund])
    /// The CSV export: the file written, or why it failed.
    case exported(path: String?, error: String?)
    /// An exchange saved as a curl script: the file, or why it failed.
    case curlSaved(path: String?, error: String?)
    /// Whether the terminal took the clipboard text (it comes before `curlSaved`).
    case clipboardCopied(Bool)
    case desk(DeskEvent)
    case themeLoaded(Theme, error: String?)
    case simulated(String)
    /// What `:resend` did, in words.
    case resent(Message)
    /// The newest receiver heartbeat in the store (nil: none ever). Read, so the store is reachable.
    case receiverObserved(ReceiverHeartbeat?)
    /// The store could not be read or written: the database is down or unreachable.
    case storeUnreachable(reason: String)
    /// A page of the invoice list could not be read; the rows shown stay.
    case pageFailed(tag: Int, reason: String)
    /// The console's own receiver started (host, port), or why not.
    case receiverStarted(Result<ReceiverAddress, ReceiverStartFailure>)
}

/// Where a receiver listens.
public struct ReceiverAddress: Sendable, Equatable {
    public var host: String
    public var port: Int
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// Why the console could not start its receiver.
public struct ReceiverStartFailure: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// What `update` asks the runtime to do: plain data, so tests can check it without doing it.
public enum Effect: Sendable, Equatable {
    /// Loads a page of the list: `.first`, the page after the last row shown, or before the first.
    /// `recount` asks for a fresh total (the store or the filter changed); paging reuses it.
    case loadPage(tag: Int, query: InvoiceQuery, page: PageRequest, recount: Bool)
    case loadDetail(invoiceNumber: String)
    /// Reads the live log from the store after `after` (the newest lines when nil).
    case loadActivity(after: ActivityCursor?)
    case loadRefundable(invoiceNumber: String)
    case allocateInvoiceNumber
    case createPayment(tag: Int, PaymentDraft)
    case refund(tag: Int, invoiceNumber: String, amount: Money, reason: String?, refundNumber: String)
    case checkStatus(tag: Int, invoiceNumber: String)
    case reconcile
    case shift(ShiftRequest)
    /// Reads an invoice and its refunds to show its receipt.
    case loadReceipt(invoiceNumber: String)
    case export(query: InvoiceQuery)
    /// Writes `script` (an exchange as curl) to a private file named after `name`.
    case saveCurl(script: String, name: String)
    /// The terminal's clipboard (OSC 52), run by the runtime itself like a cue.
    case clipboard(String)
    case loadTheme(String)
    /// Demo only: the simulated customer pays, fails or lets the link expire.
    case simulate(invoiceNumber: String, outcome: SimulatedOutcome)
    /// Sandbox or demo only: the notification of a finished sale, sent again.
    case resend(invoiceNumber: String)
    /// Reads the newest receiver heartbeat.
    case observeReceiver
    /// Starts this console's own receiver on the configured address.
    case startReceiver
    /// The bell (and the flash, if asked for): a sale of this terminal was decided.
    case cue(Cue)
    case quit
}

/// Which page of the list to load.
public enum PageRequest: Sendable, Equatable {
    case first
    /// The page of older invoices after this (createdAt, number).
    case after(Date, String, pageStart: Int)
    /// The page of newer invoices before this one.
    case before(Date, String, pageStart: Int)
    /// The oldest invoices.
    case last
}

/// What the console asks of the shift.
public enum ShiftRequest: Sendable, Equatable {
    case open(cashier: String)
    case report
    case close
}

/// What came of a shift request.
public enum ShiftOutcome: Sendable, Equatable {
    case opened(Shift)
    case report(SalesReport)
    case closed(ShiftClosing)
}

public enum SimulatedOutcome: String, Sendable, Equatable { case pay, fail, expire }
