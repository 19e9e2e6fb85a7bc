import DokuSNAP
import Foundation
import Synchronization

/// `MerchantStore` in memory, for unit tests of the desk and the console: the same decisions
/// as every store (they live in `KasirCore`), executed under one lock, kept for the process's life.
public final class InMemoryMerchantStore: MerchantStore {
    struct State {
        var invoices: [String: Invoice] = [:]
        /// Invoice numbers in the order they were stored.
        var order: [String] = []
        var transitions: [InvoiceTransition] = []
        var refunds: [String: Refund] = [:]
        var refundOrder: [String] = []
        var notifications: [(id: Int64, notification: ReceivedNotification, flag: String?)] = []
        var dedupeKeys: Set<String> = []
        var audit: [(id: Int64, entry: AuditEntry)] = []
        var heartbeats: [String: ReceiverHeartbeat] = [:]
        var shifts: [Shift] = []
        var watchers: [UUID: AsyncStream<Void>.Continuation] = [:]
    }

    let state = Mutex(State())

    public init() {}

    /// Runs `body` as one transaction: it sees and changes the state alone, and watchers hear of it.
    func write<T>(_ body: (inout State) throws(StoreError) -> T) throws(StoreError) -> T {
        let (result, watchers) = try state.withLock { state throws(StoreError) in
            var copy = state
            let result = try body(&copy)
            state = copy
            return (result, Array(state.watchers.values))
        }
        for watcher in watchers { watcher.yield() }
        return result
    }

    func read<T>(_ body: (borrowing State) -> T) -> T {
        state.withLock { state in body(state) }
    }

    // MARK: invoices

    public func insert(_ invoice: Invoice, cause: String) async throws(StoreError) {
        try write { state throws(StoreError) in
            guard state.invoices[invoice.number] == nil else { throw .duplicate("invoice \(invoice.number)") }
            state.invoices[invoice.number] = invoice
            state.order.append(invoice.number)
            state.transitions.append(InvoiceTransition(invoiceNumber: invoice.number, from: nil, to: invoice.status, at: invoice.createdAt, cause: cause))
        }
    }

    public func lastSequence(prefix: String) async throws(StoreError) -> Int {
        read { state in
            state.order.filter { $0.hasPrefix(prefix) }.max().flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
        }
    }

    public func invoice(_ number: String) async throws(StoreError) -> Invoice? {
        read { $0.invoices[number] }
    }

    public func apply(_ event: InvoiceEvent?, to number: String, at: Date, cause: String, update: @escaping @Sendable (inout Invoice) -> Void) async throws(StoreError)
        -> InvoiceChange?
    {
        try write { state throws(StoreError) in
            guard let invoice = state.invoices[number] else { throw .notFound("invoice \(number)") }
            let (updated, change) = InvoiceLifecycle.applied(event, to: invoice, at: at, cause: cause, update: update)
            state.invoices[number] = updated
            if let change { state.transitions.append(change.transition) }
            return change
        }
    }

    public func transitions(of invoiceNumber: String) async throws(StoreError) -> [InvoiceTransition] {
        read { $0.transitions.filter { $0.invoiceNumber == invoiceNumber } }
    }

    public func invoices(_ query: InvoiceQuery) async throws(StoreError) -> [Invoice] {
        read { state in
            let key = { (invoice: Invoice) in (invoice.createdAt, invoice.number) }
            var matching = state.order.compactMap { state.invoices[$0] }.filter(query.matches)
            if let before = query.before { matching = matching.filter { key($0) < before } }
            if let after = query.after { matching = matching.filter { key($0) > after } }
            matching.sort { key($0) > key($1) }
            let page = query.after != nil || query.oldest ? Array(matching.suffix(query.limit)) : Array(matching.prefix(query.limit))
            return page
        }
    }

    public func count(_ query: InvoiceQuery) async throws(StoreError) -> Int {
        read { state in state.invoices.values.filter(query.matches).count }
    }

    public func count(_ query: InvoiceQuery, upTo limit: Int) async throws(StoreError) -> Int {
        min(try await count(query), limit)
    }

    public func invoicesToReconcile(now: Date, limit: Int) async throws(StoreError) -> [Invoice] {
        read { state in
            let open: Set<InvoiceStatus> = [.created, .awaitingPayment, .unknown]
            let due = state.invoices.values.filter { invoice in
                guard let next = invoice.nextCheckAt else { return false }
                return next <= now && open.contains(invoice.status)
            }
            return Array(due.sorted { ($0.nextCheckAt ?? now, $0.number) < ($1.nextCheckAt ?? now, $1.number) }.prefix(limit))
        }
    }

    // MARK: refunds

    public func reserve(_ refund: Refund) async throws(StoreError) {
        try write { state throws(StoreError) in
            let refunds = Self.refunds(of: refund.invoiceNumber, state)
            if let refusal = RefundPolicy.refusal(refund, invoice: state.invoices[refund.invoiceNumber], refunds: refunds) { throw refusal }
            guard state.refunds[refund.number] == nil else { throw .duplicate("refund \(refund.number)") }
            state.refunds[refund.number] = refund
            state.refundOrder.append(refund.number)
        }
    }

    public func settle(refund number: String, on event: RefundEvent, at: Date) async throws(StoreError) -> (Refund, InvoiceChange?) {
        try write { state throws(StoreError) in
            guard let refund = state.refunds[number] else { throw .notFound("refund \(number)") }
            guard let invoice = state.invoices[refund.invoiceNumber] else { throw .notFound("invoice \(refund.invoiceNumber)") }
            let siblings = Self.refunds(of: refund.invoiceNumber, state)
            guard let settlement = RefundPolicy.settlement(refund, on: event, at: at, invoice: invoice, siblings: siblings) else { return (refund, nil) }
            state.refunds[number] = settlement.refund
            if let updated = settlement.invoice { state.invoices[updated.number] = updated }
            if let change = settlement.change { state.transitions.append(change.transition) }
            return (settlement.refund, settlement.change)
        }
    }

    static func refunds(of invoiceNumber: String, _ state: borrowing State) -> [Refund] {
        state.refundOrder.compactMap { state.refunds[$0] }.filter { $0.invoiceNumber == invoiceNumber }
            .sorted { ($0.createdAt, $0.number) < ($1.createdAt, $1.number) }
    }

    public func refund(_ number: String) async throws(StoreError) -> Refund? {
        read { $0.refunds[number] }
    }

    public func refunds(of invoiceNumber: String) async throws(StoreError) -> [Refund] {
        read { Self.refunds(of: invoiceNumber, $0) }
    }

    public func unsettledRefunds(limit: Int) async throws(StoreError) -> [Refund] {
        read { state in
            Array(state.refundOrder.compactMap { state.refunds[$0] }.filter { $0.status == .requested || $0.status == .unknown }.sorted { $0.createdAt < $1.createdAt }.prefix(limit))
        }
    }

    // MARK: notifications

    public func record(_ notification: ReceivedNotification) async throws(StoreError) -> NotificationRecord {
        try write { state throws(StoreError) in
            let recording = NotificationPolicy.recording(notification, stored: state.invoices[notification.partnerReferenceNo])
            guard state.dedupeKeys.insert(notification.dedupeKey).inserted else { return .duplicate }
            state.notifications.append((Int64(state.notifications.count + 1), notification, recording.flag?.rawValue))
            if let updated = recording.invoice { state.invoices[updated.number] = updated }
            if let transition = recording.transition { state.transitions.append(transition) }
            return recording.record
        }
    }

    // MARK: audit

    public func append(_ entry: AuditEntry) async throws(StoreError) {
        // After the last id, not the count: a prune removes entries and ids must not repeat.
        try write { state throws(StoreError) in state.audit.append(((state.audit.last?.0 ?? 0) + 1, entry)) }
    }

    public func pruneAudit(before: Date, limit: Int) async throws(StoreError) -> Int {
        try write { state throws(StoreError) in
            let old = state.audit.enumerated().filter { $0.element.entry.at < before }.sorted { $0.element.entry.at < $1.element.entry.at }.prefix(limit).map(\.offset)
            for index in old.sorted(by: >) { state.audit.remove(at: index) }
            return old.count
        }
    }

    public func auditCount(before: Date) async throws(StoreError) -> Int {
        read { state in state.audit.filter { $0.entry.at < before }.count }
    }

    public func audit(limit: Int) async throws(StoreError) -> [AuditEntry] {
        read { state in Array(state.audit.reversed().prefix(limit).map(\.entry)) }
    }

    public func refusals(of invoiceNumber: String, limit: Int) async throws(StoreError) -> [AuditEntry] {
        read { state in
            Array(state.audit.reversed().map(\.entry).filter { $0.invoiceNumber == invoiceNumber && $0.direction == .incoming && $0.outcome.hasPrefix("refused") }.prefix(limit))
        }
    }

    public func activity(after cursor: ActivityCursor?, limit: Int) async throws(StoreError) -> ActivityPage {
        read { state in
            func page<Row>(_ rows: [Row], id: (Row) -> Int64, after: Int64?) -> [Row] {
                guard let after else { return Array(rows.suffix(limit)) }
                return Array(rows.filter { id($0) > after }.prefix(limit))
            }
            let audits = page(state.audit, id: \.id, after: cursor?.audit)
            let notifications = page(state.notifications, id: \.id, after: cursor?.notification)
            return ActivityPage.merging(
                audit: audits, notifications: notifications.map { ($0.id, AuditEntry.received($0.notification, flag: $0.flag)) }, after: cursor, limit: limit)
        }
    }

    public func changes() -> AsyncStream<Void> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        state.withLock { $0.watchers[id] = continuation }
        continuation.onTermination = { [weak self] _ in self?.state.withLock { _ = $0.watchers.removeValue(forKey: id) } }
        return stream
    }

    // MARK: receivers

    public func beat(_ heartbeat: ReceiverHeartbeat) async throws(StoreError) {
        try write { state throws(StoreError) in state.heartbeats["\(heartbeat.address)|\(heartbeat.processID)"] = heartbeat }
    }

    public func latestHeartbeat() async throws(StoreError) -> ReceiverHeartbeat? {
        read { state in state.heartbeats.values.max { $0.beatAt < $1.beatAt } }
    }

    public func refunds(createdFrom from: Date, to: Date) async throws(StoreError) -> [Refund] {
        read { state in
            state.refundOrder.compactMap { state.refunds[$0] }.filter { $0.createdAt >= from && $0.createdAt < to }.sorted { ($0.createdAt, $0.number) < ($1.createdAt, $1.number) }
        }
    }

    public func openShift(_ shift: Shift) async throws(StoreError) {
        try write { state throws(StoreError) in
            guard !state.shifts.contains(where: { $0.terminal == shift.terminal && $0.isOpen }), !state.shifts.contains(where: { $0.id == shift.id }) else {
                throw .duplicate("open shift on \(shift.terminal)")
            }
            state.shifts.append(shift)
        }
    }

    public func closeShift(terminal: String, at: Date) async throws(StoreError) -> Shift {
        try write { state throws(StoreError) in
            guard let index = state.shifts.firstIndex(where: { $0.terminal == terminal && $0.isOpen }) else { throw .notFound("open shift on \(terminal)") }
            state.shifts[index].closedAt = at
            return state.shifts[index]
        }
    }

    public func openShift(terminal: String) async throws(StoreError) -> Shift? {
        read { state in state.shifts.first { $0.terminal == terminal && $0.isOpen } }
    }

    public func shifts(from: Date, to: Date) async throws(StoreError) -> [Shift] {
        read { state in state.shifts.filter { $0.openedAt < to && ($0.closedAt ?? .distantFuture) >= from }.sorted { $0.openedAt < $1.openedAt } }
    }
}
