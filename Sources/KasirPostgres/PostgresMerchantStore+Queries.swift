import DokuSNAP
import Foundation
import KasirCore
import Logging
import PostgresNIO

extension PostgresMerchantStore {
    /// The WHERE clause of `query` (as `InvoiceQuery.matches` decides it), and its binds.
    static func filter(_ query: InvoiceQuery, paging: Bool) -> (String, PostgresBindings) {
        var conditions: [String] = []
        var binds = PostgresBindings()
        func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if !query.statuses.isEmpty {
            conditions.append("status IN (" + query.statuses.map(\.rawValue).sorted().map { bind($0) }.joined(separator: ", ") + ")")
        }
        if let since = query.since { conditions.append("created_at >= \(bind(since.timeIntervalSince1970))") }
        if let terminal = query.terminal { conditions.append("device_id = \(bind(terminal))") }
        if let text = query.searchText {
            if text.count >= 3 {
                // Taken literally: LIKE's own characters are escaped.
                let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
                let p = bind(pattern)
                conditions.append("(number ILIKE \(p) OR title ILIKE \(p) OR reference_no ILIKE \(p))")
            } else {
                let t = bind(text)
                conditions.append("(starts_with(number, \(t)) OR reference_no = \(t))")
            }
        }
        if paging, let (createdAt, number) = query.before {
            conditions.append("(created_at, number) < (\(bind(createdAt.timeIntervalSince1970)), \(bind(number)))")
        }
        if paging, let (createdAt, number) = query.after {
            conditions.append("(created_at, number) > (\(bind(createdAt.timeIntervalSince1970)), \(bind(number)))")
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), binds)
    }

    public func invoices(_ query: InvoiceQuery) async throws(StoreError) -> [Invoice] {
        try await run { connection, logger in
            // Pages above the current one and the oldest page are read upwards, then turned newest first.
            let ascending = query.after != nil || query.oldest
            let (whereClause, binds) = Self.filter(query, paging: true)
            let order = ascending ? "ASC" : "DESC"
            let sql = "SELECT \(PostgresRows.invoiceColumns) FROM invoice \(whereClause) ORDER BY created_at \(order), number \(order) LIMIT \(max(0, query.limit))"
            let rows = try await Self.rows(connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger), PostgresRows.invoice)
            return ascending ? rows.reversed() : rows
        }
    }

    public func count(_ query: InvoiceQuery) async throws(StoreError) -> Int {
        try await count(sql: { "SELECT count(*) FROM invoice \($0)" }, query)
    }

    public func count(_ query: InvoiceQuery, upTo limit: Int) async throws(StoreError) -> Int {
        try await count(sql: { "SELECT count(*) FROM (SELECT 1 FROM invoice \($0) LIMIT \(max(0, limit))) AS found" }, query)
    }

    func count(sql: @Sendable (String) -> String, _ query: InvoiceQuery) async throws(StoreError) -> Int {
        try await run { connection, logger in
            let (whereClause, binds) = Self.filter(query, paging: false)
            var count: Int64 = 0
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql(whereClause), binds: binds), logger: logger).decode(Int64.self) { count = value }
            return Int(count)
        }
    }

    public func invoicesToReconcile(now: Date, limit: Int) async throws(StoreError) -> [Invoice] {
        try await run { connection, logger in
            try await Self.rows(
                connection.query(
                    """
                    SELECT \(unescaped: PostgresRows.invoiceColumns) FROM invoice
                    WHERE next_check_at IS NOT NULL AND next_check_at <= \(now.timeIntervalSince1970) AND status IN ('created','awaiting','unknown')
                    ORDER BY next_check_at, number LIMIT \(Int64(limit))
                    """, logger: logger),
                PostgresRows.invoice)
        }
    }

    public func activity(after cursor: ActivityCursor?, limit: Int) async throws(StoreError) -> ActivityPage {
        try await run { connection, logger in
            func query(_ table: String, _ columns: String, after id: Int64?) -> PostgresQuery {
                guard let id else { return PostgresQuery(unsafeSQL: "SELECT * FROM (SELECT \(columns) FROM \(table) ORDER BY id DESC LIMIT \(limit)) AS newest ORDER BY id") }
                return PostgresQuery(unsafeSQL: "SELECT \(columns) FROM \(table) WHERE id > \(id) ORDER BY id LIMIT \(limit)")
            }
            let audits = try await Self.rows(connection.query(query("audit", PostgresRows.auditColumns, after: cursor?.audit), logger: logger), PostgresRows.audit)
            let notifications = try await Self.rows(
                connection.query(query("notification", PostgresRows.notificationColumns, after: cursor?.notification), logger: logger), PostgresRows.notification)
            return ActivityPage.merging(
                audit: audits, notifications: notifications.map { ($0.id, AuditEntry.received($0.notification, flag: $0.flag)) }, after: cursor, limit: limit)
        }
    }

    /// Yields whenever any process committed a change: `LISTEN kasir_changes` on a connection of
    /// its own, so a notification stored by any receiver reaches every console without polling.
    /// When the connection is lost it listens again, and yields once, since a change may have
    /// been missed meanwhile.
    public func changes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let client = self.client
        let logger = self.logger
        let listening = Task {
            var first = true
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        try await connection.listen(on: Self.channel) { notifications in
                            if !first { continuation.yield() }
                            first = false
                            for try await _ in notifications { continuation.yield() }
                        }
                    }
                } catch {
                    logger.debug("listening for changes stopped: \(error)")
                }
                try? await Task.sleep(for: .milliseconds(500))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in listening.cancel() }
        return stream
    }
}

extension PostgresMerchantStore {
    /// Inserts many invoices in few statements, without transitions: for `kasir store copy` and benchmarks.
    public func bulkInsert(_ invoices: [Invoice]) async throws(StoreError) {
        let columns = PostgresRows.invoiceColumns.split(separator: ",").count
        // A statement takes at most 65,535 parameters.
        for start in stride(from: 0, to: invoices.count, by: 1_000) {
            let chunk = Array(invoices[start..<min(start + 1_000, invoices.count)])
            var binds = PostgresBindings(capacity: chunk.count * columns)
            var rows: [String] = []
            for invoice in chunk {
                let first = binds.count
                PostgresRows.appendInvoice(invoice, to: &binds)
                rows.append("(" + (1...columns).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
            }
            let query = PostgresQuery(unsafeSQL: "INSERT INTO invoice (\(PostgresRows.invoiceColumns)) VALUES " + rows.joined(separator: ", "), binds: binds)
            try await transaction { connection, logger in try await connection.query(query, logger: logger) }
        }
    }
}

extension PostgresMerchantStore {
    /// Writes a whole history into this store, in one transaction, and only into an empty
    /// store: a copy half made, or made over a shop's live data, would mix two histories.
    public func importHistory(_ history: StoreHistory) async throws(StoreError) {
        try await transaction { connection, logger in
            var existing: Int64 = 0
            for try await count in try await connection.query("SELECT count(*) FROM invoice", logger: logger).decode(Int64.self) { existing = count }
            guard existing == 0 else {
                throw StoreError.duplicate("this PostgreSQL store already holds \(existing) invoices; copy into an empty database")
            }
            for invoice in history.invoices { try await connection.query(PostgresRows.insertInvoice(invoice), logger: logger) }
            for transition in history.transitions { try await connection.query(PostgresRows.insertTransition(transition), logger: logger) }
            for refund in history.refunds { try await connection.query(PostgresRows.insertRefund(refund), logger: logger) }
            for stored in history.notifications {
                let n = stored.notification
                try await connection.query(
                    """
                    INSERT INTO notification (dedupe_key, partner_reference_no, reference_no, status, amount, external_id, received_at, body, flag, path, headers)
                    VALUES (\(n.dedupeKey), \(n.partnerReferenceNo), \(n.referenceNo), \(n.status.rawValue), \(n.amount?.minorUnits), \(n.externalID),
                        \(n.receivedAt.timeIntervalSince1970), \(n.body), \(stored.flag), \(n.path), \(n.headers))
                    """, logger: logger)
            }
            for entry in history.audit { try await connection.query(PostgresRows.insertAudit(entry), logger: logger) }
        }
    }

    /// The whole history, oldest first (to compare a copy with its source).
    public func history() async throws(StoreError) -> StoreHistory {
        try await run { connection, logger in
            StoreHistory(
                invoices: try await Self.rows(
                    connection.query("SELECT \(unescaped: PostgresRows.invoiceColumns) FROM invoice ORDER BY created_at, number", logger: logger), PostgresRows.invoice),
                transitions: try await Self.rows(
                    connection.query("SELECT \(unescaped: PostgresRows.transitionColumns) FROM invoice_transition ORDER BY id", logger: logger), PostgresRows.transition),
                refunds: try await Self.rows(
                    connection.query("SELECT \(unescaped: PostgresRows.refundColumns) FROM refund ORDER BY created_at, number", logger: logger), PostgresRows.refund),
                notifications: try await Self.rows(
                    connection.query("SELECT \(unescaped: PostgresRows.notificationColumns) FROM notification ORDER BY id", logger: logger), PostgresRows.notification
                ).map { StoreHistory.StoredNotification(notification: $0.notification, flag: $0.flag) },
                audit: try await Self.rows(
                    connection.query("SELECT \(unescaped: PostgresRows.auditColumns) FROM audit ORDER BY id", logger: logger), PostgresRows.audit
                ).map(\.entry))
        }
    }
}
