import DokuSNAP
import Foundation

/// Where kasir keeps the merchant's truth. Each method is one transaction: it either happens
/// whole or not at all. Narrow on purpose, so a PostgreSQL store stays easy to add.
public protocol MerchantStore: Sendable {
    /// Stores a new invoice (the intent, before DOKU is called). Throws `StoreError.duplicate` if the number exists.
    func insert(_ invoice: Invoice, cause: String) async throws(StoreError)
    /// The highest sequence used by invoice numbers that start with `prefix` (for `INV-YYYYMMDD-NNNN`).
    func lastSequence(prefix: String) async throws(StoreError) -> Int
    func invoice(_ number: String) async throws(StoreError) -> Invoice?
    /// Applies an event through `InvoiceLifecycle`, then `update` (other fields, run whether or
    /// not the status moved), atomically. Returns the change, or `nil` if the status did not move.
    /// Throws `StoreError.notFound` for an unknown invoice.
    func apply(_ event: InvoiceEvent?, to number: String, at: Date, cause: String, update: @escaping @Sendable (inout Invoice) -> Void) async throws(StoreError)
        -> InvoiceChange?
    /// Stores a refund intent if the invoice is paid and `amount` fits in what is refundable
    /// (paid minus refunds succeeded or in flight), checked inside the same transaction.
    func reserve(_ refund: Refund) async throws(StoreError)
    /// Moves a refund on; a confirmed refund adds to the invoice's refunded total in the same transaction.
    func settle(refund number: String, on event: RefundEvent, at: Date) async throws(StoreError) -> (Refund, InvoiceChange?)
    func refund(_ number: String) async throws(StoreError) -> Refund?
    func refunds(of invoiceNumber: String) async throws(StoreError) -> [Refund]
    /// Records a verified notification and applies it, once: a notification already recorded
    /// (same payment, same status) changes nothing. Unknown invoices are kept and flagged.
    func record(_ notification: ReceivedNotification) async throws(StoreError) -> NotificationRecord
    func transitions(of invoiceNumber: String) async throws(StoreError) -> [InvoiceTransition]
    func invoices(_ query: InvoiceQuery) async throws(StoreError) -> [Invoice]
    func count(_ query: InvoiceQuery) async throws(StoreError) -> Int
    /// Counts at most `limit` matching invoices: a filter matching most of a million rows stays fast.
    func count(_ query: InvoiceQuery, upTo limit: Int) async throws(StoreError) -> Int
    /// Invoices reconciliation must look at: unknown, created, open past their next check, refunds unknown.
    func invoicesToReconcile(now: Date, limit: Int) async throws(StoreError) -> [Invoice]
    func unsettledRefunds(limit: Int) async throws(StoreError) -> [Refund]
    func append(_ entry: AuditEntry) async throws(StoreError)
    func audit(limit: Int) async throws(StoreError) -> [AuditEntry]
    /// Deletes up to `limit` audit entries written before `before`, oldest first, and says how
    /// many it deleted. Only the audit log: invoices, refunds, notifications, transitions and
    /// shifts are the shop's records and are never pruned.
    func pruneAudit(before: Date, limit: Int) async throws(StoreError) -> Int
    /// How many audit entries were written before `before` (what a prune would delete).
    func auditCount(before: Date) async throws(StoreError) -> Int
    /// Refused requests that named this invoice, newest first (its history shows them).
    func refusals(of invoiceNumber: String, limit: Int) async throws(StoreError) -> [AuditEntry]
    /// The live log as the store has it: audit entries and received notifications written after
    /// `cursor` by any process, oldest first; with no cursor, the newest `limit` of them.
    func activity(after cursor: ActivityCursor?, limit: Int) async throws(StoreError) -> ActivityPage
    /// A sequence that yields whenever any process changed the store (within about a second).
    func changes() -> AsyncStream<Void>
    /// Records a receiver's heartbeat (one row per address and process, replaced each beat).
    func beat(_ heartbeat: ReceiverHeartbeat) async throws(StoreError)
    /// The most recent heartbeat of any receiver on this store.
    func latestHeartbeat() async throws(StoreError) -> ReceiverHeartbeat?
    /// Refunds created in `from..<to`, oldest first (for shift and day reports).
    func refunds(createdFrom from: Date, to: Date) async throws(StoreError) -> [Refund]
    /// Opens a shift; `StoreError.duplicate` if its terminal already has one open.
    func openShift(_ shift: Shift) async throws(StoreError)
    /// Closes the terminal's open shift at `at` and returns it; `StoreError.notFound` if none is open.
    func closeShift(terminal: String, at: Date) async throws(StoreError) -> Shift
    /// The terminal's open shift, or nil.
    func openShift(terminal: String) async throws(StoreError) -> Shift?
    /// Shifts that overlap `from..<to`, of every terminal, oldest first (for the day's report).
    func shifts(from: Date, to: Date) async throws(StoreError) -> [Shift]
}

/// The result of `MerchantStore.apply`.
public struct InvoiceChange: Sendable, Equatable {
    public var invoice: Invoice
    public var transition: InvoiceTransition
    public var actions: [InvoiceAction]

    public init(invoice: Invoice, transition: InvoiceTransition, actions: [InvoiceAction]) {
        self.invoice = invoice
        self.transition = transition
        self.actions = actions
    }
}

/// Filters and a page of the invoice list. Pages are keyset-based (`before`), so the millionth
/// page costs what the first does.
public struct InvoiceQuery: Sendable, Equatable {
    public var statuses: Set<InvoiceStatus>
    public var since: Date?
    /// Found anywhere in the invoice number, the title or DOKU's reference, case-insensitively.
    public var text: String?
    /// Only invoices this terminal (device id) created; nil: every terminal's.
    public var terminal: String?
    /// Only invoices created strictly before this (createdAt, number) position: the last row of the previous page.
    public var before: (Date, String)?
    /// Only invoices created strictly after this position: the page above the current one.
    public var after: (Date, String)?
    /// The oldest invoices instead of the newest (still returned newest first).
    public var oldest: Bool
    public var limit: Int

    public init(
        statuses: Set<InvoiceStatus> = [], since: Date? = nil, text: String? = nil, terminal: String? = nil, before: (Date, String)? = nil,
        after: (Date, String)? = nil, oldest: Bool = false, limit: Int = 50
    ) {
        self.terminal = terminal
        self.statuses = statuses
        self.since = since
        self.text = text
        self.before = before
        self.after = after
        self.oldest = oldest
        self.limit = limit
    }

    public static func == (lhs: InvoiceQuery, rhs: InvoiceQuery) -> Bool {
        lhs.statuses == rhs.statuses && lhs.since == rhs.since && lhs.text == rhs.text && lhs.terminal == rhs.terminal && lhs.limit == rhs.limit && lhs.oldest == rhs.oldest
            && lhs.before?.0 == rhs.before?.0 && lhs.before?.1 == rhs.before?.1 && lhs.after?.0 == rhs.after?.0 && lhs.after?.1 == rhs.after?.1
    }
}

/// A verified payment notification as it is stored.
public struct ReceivedNotification: Sendable, Equatable {
    public var partnerReferenceNo: String
    public var referenceNo: String
    public var status: TransactionStatus
    public var amount: Money?
    public var externalID: String?
    public var receivedAt: Date
    /// The body as received, cleaned of control characters (it holds no secrets).
    public var body: String
    /// The path it was posted to, and its headers (`ExchangeHeader.lines`, secrets redacted).
    public var path: String?
    public var headers: String

    /// Same payment, same status: the same news, however often it is delivered.
    public var dedupeKey: String { referenceNo + "|" + partnerReferenceNo + "|" + status.rawValue }

    public init(
        partnerReferenceNo: String, referenceNo: String, status: TransactionStatus, amount: Money?, externalID: String?, receivedAt: Date, body: String,
        path: String? = nil, headers: String = ""
    ) {
        self.path = path
        self.headers = headers
        self.partnerReferenceNo = partnerReferenceNo
        self.referenceNo = referenceNo
        self.status = status
        self.amount = amount
        self.externalID = externalID
        self.receivedAt = receivedAt
        self.body = body
    }
}

/// What recording a notification did.
public enum NotificationRecord: Sendable, Equatable {
    /// New news, applied (the change is nil when it did not move the invoice, e.g. out of date).
    case applied(InvoiceChange?)
    /// Already recorded before: nothing changed.
    case duplicate
    /// No such invoice here: kept and flagged for a person to look at.
    case unknownInvoice
    /// The amount differs from the invoice's: kept and flagged, the invoice untouched.
    case amountMismatch
    /// DOKU's reference differs from the one DOKU gave for this invoice: kept and flagged, the invoice untouched.
    case referenceMismatch
}

/// Why the store refused something.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case duplicate(String)
    case notFound(String)
    /// The invoice is not in a state that can be refunded.
    case notRefundable(InvoiceStatus)
    case exceedsRefundable(available: Money)
    case unavailable(String)

    public var description: String {
        switch self {
        case .duplicate(let what): "\(what) already exists; choose another number"
        case .notFound(let what): "\(what) does not exist"
        case .notRefundable(let status): "cannot refund an invoice that is \(status.rawValue)"
        case .exceedsRefundable(let available): "cannot refund more than the \(available.displayText) still refundable"
        case .unavailable(let why): "the database is unavailable: \(why)"
        }
    }
}

extension InvoiceQuery {
    /// The search text, trimmed; nil when there is none.
    public var searchText: String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    /// Whether `invoice` passes the filters (not the paging), as every store must decide it:
    /// three characters or more are found anywhere in the number, the title or DOKU's reference,
    /// case-insensitively; one or two match the start of the number or the whole reference.
    public func matches(_ invoice: Invoice) -> Bool {
        if !statuses.isEmpty && !statuses.contains(invoice.status) { return false }
        if let since, invoice.createdAt < since { return false }
        if let terminal, invoice.deviceID != terminal { return false }
        guard let text = searchText else { return true }
        if text.count >= 3 {
            return [invoice.number, invoice.title ?? "", invoice.referenceNo ?? ""].contains { $0.range(of: text, options: .caseInsensitive) != nil }
        }
        return invoice.number.hasPrefix(text) || invoice.referenceNo == text
    }
}
