import DokuSNAP
import Foundation
import KasirCore
import Logging
import NIOPosix
import PostgresNIO

/// `MerchantStore` on PostgreSQL, for a shop with several terminals and receivers on one
/// database. Every write is one transaction committed with `synchronous_commit = on`; rows an
/// operation decides on are locked (`FOR UPDATE`) so two machines never both spend the same
/// refundable amount; every commit sends `NOTIFY kasir_changes`, which every console hears.
public final class PostgresMerchantStore: MerchantStore {
    public let location: PostgresLocation
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger: Logger
    let notificationBatcher: PostgresGroupCommitter

    /// The channel every commit notifies.
    static let channel = "kasir_changes"

    /// Connects to the database at `location` and applies the migrations it lacks.
    public init(location: PostgresLocation, password: String?, logger: Logger = Logger(label: "kasir.postgres", factory: { _ in SwiftLogNoOpLogHandler() }))
        async throws(StoreError)
    {
        self.location = location
        self.logger = logger
        var configuration = location.clientConfiguration(password: password)
        // Durable: a commit returns only once its WAL record is on disk, whatever the server's default.
        configuration.options.additionalStartupParameters.append(("synchronous_commit", "on"))
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
        notificationBatcher = PostgresGroupCommitter(client: client, logger: logger)
        do {
            let connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: try location.connectionConfiguration(password: password), id: 0, logger: logger
            ).get()
            defer { Task { try? await connection.close() } }
            _ = try await PostgresSchema.migrate(connection, logger: logger)
        } catch {
            runner.cancel()
            throw Self.translate(error, location: location)
        }
    }

    /// Closes the connections.
    public func shutdown() async {
        runner.cancel()
        await runner.value
    }

    deinit { runner.cancel() }

    /// The names of the migrations applied, oldest first, and the server's version.
    public func serverSummary() async throws(StoreError) -> (version: String, migrations: [String]) {
        try await run { connection, logger in
            var version = ""
            for try await value in try await connection.query("SHOW server_version", logger: logger).decode(String.self) { version = value }
            var names: [String] = []
            for try await name in try await connection.query("SELECT name FROM kasir_migration ORDER BY applied_at, name", logger: logger).decode(String.self) {
                names.append(name)
            }
            return (version, names)
        }
    }

    // MARK: running statements

    /// Runs `body` in one transaction (with `NOTIFY` when `notify`), retrying a serialization
    /// failure or deadlock, which PostgreSQL resolves by failing one side.
    @discardableResult
    func transaction<T: Sendable>(notify: Bool = true, _ body: @Sendable (PostgresConnection, Logger) async throws -> T) async throws(StoreError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.withConnection { connection in
                    try await Self.inTransaction(connection, notify: notify, logger: logger) { try await body(connection, logger) }
                }
            } catch {
                if attempt < 8 && Self.isRetryable(error) {
                    try? await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
                    continue
                }
                throw Self.translate(error, location: location)
            }
        }
    }

    static func inTransaction<T>(_ connection: PostgresConnection, notify: Bool, logger: Logger, _ body: () async throws -> T) async throws -> T {
        try await connection.query("BEGIN", logger: logger)
        do {
            let result = try await body()
            if notify { try await connection.query("NOTIFY kasir_changes", logger: logger) }
            try await connection.query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Runs `body` outside a transaction (reads).
    func run<T: Sendable>(_ body: @Sendable (PostgresConnection, Logger) async throws -> T) async throws(StoreError) -> T {
        do {
            return try await client.withConnection { connection in try await body(connection, logger) }
        } catch {
            throw Self.translate(error, location: location)
        }
    }

    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func isRetryable(_ error: any Error) -> Bool {
        ["40001", "40P01"].contains(sqlState(error) ?? "")
    }

    /// Every failure as a `StoreError`: refusals pass through, the server's errors are named.
    static func translate(_ error: any Error, location: PostgresLocation) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? PSQLError else {
            if "\(error)".contains("ConnectionPoolError") {
                return .unavailable("cannot reach the database at \(location): no connection could be made (kasir keeps trying)")
            }
            return .unavailable("\(location): \(error)")
        }
        let message = error.serverInfo?[.message]
        switch error.serverInfo?[.sqlState] {
        case "23505": return .duplicate("that number")
        case .some(let state):
            return .unavailable("\(location): \(message ?? "error") (SQLSTATE \(state))")
        case nil:
            let reason = error.underlying.map { "\($0)" } ?? error.code.description
            return .unavailable("cannot reach the database at \(location): \(reason); check that the server runs and the URL is right")
        }
    }

    static func rows<T>(_ sequence: PostgresRowSequence, _ map: (PostgresRow) throws -> T) async throws -> [T] {
        var result: [T] = []
        for try await row in sequence { result.append(try map(row)) }
        return result
    }

    static func lockedInvoice(_ number: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> Invoice? {
        try await rows(
            connection.query(PostgresQuery(unsafeSQL: "SELECT \(PostgresRows.invoiceColumns) FROM invoice WHERE number = $1 FOR UPDATE", binds: binds(number)), logger: logger),
            PostgresRows.invoice
        ).first
    }

    static func refund(_ number: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> Refund? {
        try await rows(
            connection.query(PostgresQuery(unsafeSQL: "SELECT \(PostgresRows.refundColumns) FROM refund WHERE number = $1", binds: binds(number)), logger: logger),
            PostgresRows.refund
        ).first
    }

    static func refunds(of invoiceNumber: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> [Refund] {
        try await rows(
            connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(PostgresRows.refundColumns) FROM refund WHERE invoice_number = $1 ORDER BY created_at, number", binds: binds(invoiceNumber)),
                logger: logger),
            PostgresRows.refund)
    }

    static func binds(_ values: String...) -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { binds.append(value) }
        return binds
    }

    // MARK: invoices

    public func insert(_ invoice: Invoice, cause: String) async throws(StoreError) {
        do {
            try await transaction { connection, logger in
                try await connection.query(PostgresRows.insertInvoice(invoice), logger: logger)
                try await connection.query(
                    PostgresRows.insertTransition(InvoiceTransition(invoiceNumber: invoice.number, from: nil, to: invoice.status, at: invoice.createdAt, cause: cause)),
                    logger: logger)
            }
        } catch .duplicate {
            throw .duplicate("invoice \(invoice.number)")
        }
    }

    public func lastSequence(prefix: String) async throws(StoreError) -> Int {
        try await run { connection, logger in
            let query = PostgresQuery(unsafeSQL: "SELECT number FROM invoice WHERE starts_with(number, $1) ORDER BY number DESC LIMIT 1", binds: Self.binds(prefix))
            var last: String?
            for try await number in try await connection.query(query, logger: logger).decode(String.self) { last = number }
            return last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
        }
    }

    public func invoice(_ number: String) async throws(StoreError) -> Invoice? {
        try await run { connection, logger in
            try await Self.rows(
                connection.query(PostgresQuery(unsafeSQL: "SELECT \(PostgresRows.invoiceColumns) FROM invoice WHERE number = $1", binds: Self.binds(number)), logger: logger),
                PostgresRows.invoice
            ).first
        }
    }

    /// Executes `InvoiceLifecycle.applied` on the invoice, locked.
    public func apply(_ event: InvoiceEvent?, to number: String, at: Date, cause: String, update: @escaping @Sendable (inout Invoice) -> Void) async throws(StoreError)
        -> InvoiceChange?
    {
        try await transaction { connection, logger in
            guard let invoice = try await Self.lockedInvoice(number, connection, logger) else { throw StoreError.notFound("invoice \(number)") }
            let (updated, change) = InvoiceLifecycle.applied(event, to: invoice, at: at, cause: cause, update: update)
            try await connection.query(PostgresRows.updateInvoice(updated), logger: logger)
            if let change { try await connection.query(PostgresRows.insertTransition(change.transition), logger: logger) }
            return change
        }
    }

    public func transitions(of invoiceNumber: String) async throws(StoreError) -> [InvoiceTransition] {
        try await run { connection, logger in
            try await Self.rows(
                connection.query(
                    PostgresQuery(unsafeSQL: "SELECT \(PostgresRows.transitionColumns) FROM invoice_transition WHERE invoice_number = $1 ORDER BY id", binds: Self.binds(invoiceNumber)),
                    logger: logger),
                PostgresRows.transition)
        }
    }

    // MARK: refunds

    /// Executes `RefundPolicy.refusal` with the invoice's row locked, so reservations from any
    /// number of machines are taken one after the other; the trigger defends the same rule.
    public func reserve(_ refund: Refund) async throws(StoreError) {
        try await transaction { connection, logger in
            let invoice = try await Self.lockedInvoice(refund.invoiceNumber, connection, logger)
            let refunds = try await Self.refunds(of: refund.invoiceNumber, connection, logger)
            if let refusal = RefundPolicy.refusal(refund, invoice: invoice, refunds: refunds) { throw refusal }
            do {
                try await connection.query(PostgresRows.insertRefund(refund), logger: logger)
            } catch where Self.sqlState(error) == "23514" {
                throw StoreError.exceedsRefundable(available: invoice.map { RefundPolicy.refundable($0, refunds: refunds) } ?? .zero())
            } catch where Self.sqlState(error) == "23505" {
                throw StoreError.duplicate("refund \(refund.number)")
            }
        }
    }

    /// Executes `RefundPolicy.settlement` with the invoice's row locked.
    public func settle(refund number: String, on event: RefundEvent, at: Date) async throws(StoreError) -> (Refund, InvoiceChange?) {
        try await transaction { connection, logger in
            guard let refund = try await Self.refund(number, connection, logger) else { throw StoreError.notFound("refund \(number)") }
            guard let invoice = try await Self.lockedInvoice(refund.invoiceNumber, connection, logger) else {
                throw StoreError.notFound("invoice \(refund.invoiceNumber)")
            }
            let siblings = try await Self.refunds(of: refund.invoiceNumber, connection, logger)
            let current = siblings.first { $0.number == number } ?? refund
            guard let settlement = RefundPolicy.settlement(current, on: event, at: at, invoice: invoice, siblings: siblings) else { return (current, nil) }
            try await connection.query(PostgresRows.updateRefund(settlement.refund), logger: logger)
            if let updated = settlement.invoice { try await connection.query(PostgresRows.updateInvoice(updated), logger: logger) }
            if let change = settlement.change { try await connection.query(PostgresRows.insertTransition(change.transition), logger: logger) }
            return (settlement.refund, settlement.change)
        }
    }

    public func refund(_ number: String) async throws(StoreError) -> Refund? {
        try await run { connection, logger in try await Self.refund(number, connection, logger) }
    }

    public func refunds(of invoiceNumber: String) async throws(StoreError) -> [Refund] {
        try await run { connection, logger in try await Self.refunds(of: invoiceNumber, connection, logger) }
    }

    public func unsettledRefunds(limit: Int) async throws(StoreError) -> [Refund] {
        try await run { connection, logger in
            try await Self.rows(
                connection.query(
                    "SELECT \(unescaped: PostgresRows.refundColumns) FROM refund WHERE status IN ('requested','unknown') ORDER BY created_at LIMIT \(Int64(limit))",
                    logger: logger),
                PostgresRows.refund)
        }
    }

    // MARK: notifications

    /// Notifications are committed in groups (see `PostgresGroupCommitter`); each caller returns
    /// only after the transaction holding its notification committed.
    public func record(_ notification: ReceivedNotification) async throws(StoreError) -> NotificationRecord {
        do {
            return try await notificationBatcher.submit(notification)
        } catch {
            throw Self.translate(error, location: location)
        }
    }

    /// Notifications flagged for a person, oldest first, with their flag.
    public func flaggedNotifications() async throws(StoreError) -> [(ReceivedNotification, String)] {
        try await run { connection, logger in
            try await Self.rows(
                connection.query("SELECT \(unescaped: PostgresRows.notificationColumns) FROM notification WHERE flag IS NOT NULL ORDER BY id", logger: logger),
                PostgresRows.notification
            ).map { ($0.notification, $0.flag ?? "") }
        }
    }

    /// How many notifications are stored.
    public func notificationCount() async throws(StoreError) -> Int {
        try await run { connection, logger in
            var count: Int64 = 0
            for try await value in try await connection.query("SELECT count(*) FROM notification", logger: logger).decode(Int64.self) { count = value }
            return Int(count)
        }
    }

    // MARK: audit

    public func append(_ entry: AuditEntry) async throws(StoreError) {
        try await transaction { connection, logger in try await connection.query(PostgresRows.insertAudit(entry), logger: logger) }
    }

    public func audit(limit: Int) async throws(StoreError) -> [AuditEntry] {
        try await run { connection, logger in
            try await Self.rows(
                connection.query("SELECT \(unescaped: PostgresRows.auditColumns) FROM audit ORDER BY id DESC LIMIT \(Int64(limit))", logger: logger), PostgresRows.audit
            ).map(\.entry)
        }
    }

    public func pruneAudit(before: Date, limit: Int) async throws(StoreError) -> Int {
        try await run { connection, logger in
            let rows = try await connection.query(
                "WITH old AS (SELECT id FROM audit WHERE at < \(before.timeIntervalSince1970) ORDER BY at LIMIT \(Int64(limit))) DELETE FROM audit WHERE id IN (SELECT id FROM old) RETURNING id",
                logger: logger)
            var deleted = 0
            for try await _ in rows { deleted += 1 }
            return deleted
        }
    }

    public func auditCount(before: Date) async throws(StoreError) -> Int {
        try await run { connection, logger in
            var count = 0
            for try await value in try await connection.query("SELECT count(*) FROM audit WHERE at < \(before.timeIntervalSince1970)", logger: logger).decode(Int64.self) {
                count = Int(value)
            }
            return count
        }
    }

    public func refusals(of invoiceNumber: String, limit: Int) async throws(StoreError) -> [AuditEntry] {
        try await run { connection, logger in
            try await Self.rows(
                connection.query(
                    """
                    SELECT \(unescaped: PostgresRows.auditColumns) FROM audit
                    WHERE invoice_number = \(invoiceNumber) AND direction = 'in' AND outcome LIKE 'refused%' ORDER BY id DESC LIMIT \(Int64(limit))
                    """, logger: logger), PostgresRows.audit
            ).map(\.entry)
        }
    }

    // MARK: receivers

    public func beat(_ heartbeat: ReceiverHeartbeat) async throws(StoreError) {
        try await transaction(notify: false) { connection, logger in
            try await connection.query(
                """
                INSERT INTO receiver_heartbeat (address, process_id, owner, started_at, beat_at, stopped_at)
                VALUES (\(heartbeat.address), \(Int64(heartbeat.processID)), \(heartbeat.owner), \(heartbeat.startedAt.timeIntervalSince1970),
                    \(heartbeat.beatAt.timeIntervalSince1970), \(heartbeat.stoppedAt?.timeIntervalSince1970))
                ON CONFLICT (address, process_id) DO UPDATE SET beat_at = excluded.beat_at, stopped_at = excluded.stopped_at
                """, logger: logger)
            // Old receivers are forgotten after a day.
            try await connection.query("DELETE FROM receiver_heartbeat WHERE beat_at < \(heartbeat.beatAt.timeIntervalSince1970 - 86_400)", logger: logger)
        }
    }

    // MARK: shifts

    public func refunds(createdFrom from: Date, to: Date) async throws(StoreError) -> [Refund] {
        try await run { connection, logger in
            try await Self.rows(
                connection.query(
                    """
                    SELECT \(unescaped: PostgresRows.refundColumns) FROM refund
                    WHERE created_at >= \(from.timeIntervalSince1970) AND created_at < \(to.timeIntervalSince1970) ORDER BY created_at, number
                    """, logger: logger),
                PostgresRows.refund)
        }
    }

    public func openShift(_ shift: Shift) async throws(StoreError) {
        try await transaction { connection, logger in
            // The unique index on open shifts refuses a second one, even from another terminal's process.
            try await connection.query(
                """
                INSERT INTO shift (id, terminal, cashier, opened_at, closed_at)
                VALUES (\(shift.id), \(shift.terminal), \(shift.cashier), \(shift.openedAt.timeIntervalSince1970), NULL)
                """, logger: logger)
        }
    }

    public func closeShift(terminal: String, at: Date) async throws(StoreError) -> Shift {
        try await transaction { connection, logger in
            let closed = try await Self.rows(
                connection.query(
                    """
                    UPDATE shift SET closed_at = \(at.timeIntervalSince1970) WHERE terminal = \(terminal) AND closed_at IS NULL
                    RETURNING id, terminal, cashier, opened_at, closed_at
                    """, logger: logger), Self.shift)
            guard let shift = closed.first else { throw StoreError.notFound("open shift on \(terminal)") }
            return shift
        }
    }

    public func openShift(terminal: String) async throws(StoreError) -> Shift? {
        try await run { connection, logger in
            try await Self.rows(
                connection.query("SELECT id, terminal, cashier, opened_at, closed_at FROM shift WHERE terminal = \(terminal) AND closed_at IS NULL", logger: logger),
                Self.shift
            ).first
        }
    }

    public func shifts(from: Date, to: Date) async throws(StoreError) -> [Shift] {
        try await run { connection, logger in
            try await Self.rows(
                connection.query(
                    """
                    SELECT id, terminal, cashier, opened_at, closed_at FROM shift
                    WHERE opened_at < \(to.timeIntervalSince1970) AND (closed_at IS NULL OR closed_at >= \(from.timeIntervalSince1970)) ORDER BY opened_at
                    """, logger: logger),
                Self.shift)
        }
    }

    static func shift(_ row: PostgresRow) throws -> Shift {
        let r = try row.decode((String, String, String, Double, Double?).self)
        return Shift(id: r.0, terminal: r.1, cashier: r.2, openedAt: Date(timeIntervalSince1970: r.3), closedAt: PostgresRows.date(r.4))
    }

    public func latestHeartbeat() async throws(StoreError) -> ReceiverHeartbeat? {
        try await run { connection, logger in
            try await Self.rows(
                connection.query(
                    "SELECT address, owner, process_id, started_at, beat_at, stopped_at FROM receiver_heartbeat ORDER BY beat_at DESC LIMIT 1", logger: logger)
            ) { row in
                let r = try row.decode((String, String, Int64, Double, Double, Double?).self)
                return ReceiverHeartbeat(
                    address: r.0, owner: r.1, processID: Int32(truncatingIfNeeded: r.2), startedAt: Date(timeIntervalSince1970: r.3),
                    beatAt: Date(timeIntervalSince1970: r.4), stoppedAt: PostgresRows.date(r.5))
            }.first
        }
    }
}
