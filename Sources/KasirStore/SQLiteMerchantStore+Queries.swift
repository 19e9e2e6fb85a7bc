import DokuSNAP
import Foundation
import GRDB
import KasirCore

extension SQLiteMerchantStore {
    public func invoices(_ query: InvoiceQuery) async throws(StoreError) -> [Invoice] {
        try await read { db in
            // Pages above the current one and the oldest page are read upwards, then turned newest first.
            let ascending = query.after != nil || query.oldest
            if let text = Self.searchText(query), let pattern = Self.trigramPattern(text) {
                // Searches are read from the trigram index in the order invoices were stored (rowid),
                // which is the order they were created, so a page of matches costs a page of index
                // reads however many match. The page cursor is the rowid of the invoice it names.
                var conditions = ["invoice_search MATCH ?"]
                var args: StatementArguments = [pattern]
                Self.statusAndTime(query, table: "i.", &conditions, &args)
                if let (_, number) = query.before {
                    conditions.append("s.rowid < (SELECT rowid FROM invoice WHERE number = ?)")
                    _ = args.append(contentsOf: [number])
                }
                if let (_, number) = query.after {
                    conditions.append("s.rowid > (SELECT rowid FROM invoice WHERE number = ?)")
                    _ = args.append(contentsOf: [number])
                }
                _ = args.append(contentsOf: [query.limit])
                let columns = Rows.invoiceColumns.split(separator: ",").map { "i." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
                let sql = """
                    SELECT \(columns) FROM invoice_search s JOIN invoice i ON i.rowid = s.rowid
                    WHERE \(conditions.joined(separator: " AND ")) ORDER BY s.rowid \(ascending ? "ASC" : "DESC") LIMIT ?
                    """
                let rows = try Row.fetchAll(db, sql: sql, arguments: args).map(Rows.invoice)
                return ascending ? rows.reversed() : rows
            }
            // One or two characters: a number-prefix range that may cover most invoices. Few matches
            // are found through the number index and sorted; many, by reading the time index.
            var broad = false
            if let text = Self.searchText(query) {
                broad = try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM (SELECT 1 FROM invoice WHERE number >= ? AND number < ? LIMIT ?)",
                    arguments: [text, text + "\u{10FFFF}", Self.broadPrefix]) ?? 0 >= Self.broadPrefix
            }
            let (whereClause, arguments) = Self.filter(query, paging: true, broad: broad)
            var args = arguments
            _ = args.append(contentsOf: [query.limit])
            let sql = "SELECT \(Rows.invoiceColumns) FROM invoice \(whereClause) ORDER BY createdAt \(ascending ? "ASC" : "DESC"), number \(ascending ? "ASC" : "DESC") LIMIT ?"
            let rows = try Row.fetchAll(db, sql: sql, arguments: args).map(Rows.invoice)
            return ascending ? rows.reversed() : rows
        }
    }

    public func count(_ query: InvoiceQuery) async throws(StoreError) -> Int {
        try await read { db in
            let (whereClause, arguments) = Self.filter(query, paging: false)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM invoice \(whereClause)", arguments: arguments) ?? 0
        }
    }

    public func count(_ query: InvoiceQuery, upTo limit: Int) async throws(StoreError) -> Int {
        try await read { db in
            if let text = Self.searchText(query), let pattern = Self.trigramPattern(text) {
                // Streamed from the trigram index, so the count stops at `limit` (an IN over the
                // index would gather every match first: a third of a second at a million).
                var conditions = ["invoice_search MATCH ?"]
                var args: StatementArguments = [pattern]
                Self.statusAndTime(query, table: "i.", &conditions, &args)
                _ = args.append(contentsOf: [limit])
                return try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM (SELECT 1 FROM invoice_search s JOIN invoice i ON i.rowid = s.rowid
                        WHERE \(conditions.joined(separator: " AND ")) LIMIT ?)
                        """, arguments: args) ?? 0
            }
            let (whereClause, arguments) = Self.filter(query, paging: false)
            var args = arguments
            _ = args.append(contentsOf: [limit])
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM invoice \(whereClause) LIMIT ?)", arguments: args) ?? 0
        }
    }

    static func searchText(_ query: InvoiceQuery) -> String? {
        guard let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    /// The text as one FTS5 phrase for the trigram index, which needs three characters at least.
    static func trigramPattern(_ text: String) -> String? {
        guard text.count >= 3 else { return nil }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The status and `since` conditions, on columns of `table` (e.g. "i.").
    static func statusAndTime(_ query: InvoiceQuery, table: String, _ conditions: inout [String], _ arguments: inout StatementArguments) {
        if !query.statuses.isEmpty {
            let sorted = query.statuses.map(\.rawValue).sorted()
            conditions.append("\(table)status IN (\(sorted.map { _ in "?" }.joined(separator: ",")))")
            _ = arguments.append(contentsOf: StatementArguments(sorted))
        }
        if let since = query.since {
            conditions.append("\(table)createdAt >= ?")
            _ = arguments.append(contentsOf: [since.timeIntervalSince1970])
        }
        if let terminal = query.terminal {
            conditions.append("\(table)deviceId = ?")
            _ = arguments.append(contentsOf: [terminal])
        }
    }

    /// A number prefix matching more than this many invoices is read along the time index.
    static let broadPrefix = 2_000

    static func filter(_ query: InvoiceQuery, paging: Bool, broad: Bool = false) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        statusAndTime(query, table: "", &conditions, &arguments)
        if let text = searchText(query) {
            if let pattern = trigramPattern(text) {
                // Anywhere in number, title or DOKU reference, case-insensitively, through the trigram index.
                conditions.append("rowid IN (SELECT rowid FROM invoice_search WHERE invoice_search MATCH ?)")
                _ = arguments.append(contentsOf: [pattern])
            } else {
                // One or two characters say too little for the trigram index: they match the start
                // of an invoice number or a whole DOKU reference, both indexed.
                // The unary + keeps SQLite off the number and reference indexes for broad prefixes.
                conditions.append(broad ? "((+number >= ? AND +number < ?) OR +referenceNo = ?)" : "((number >= ? AND number < ?) OR referenceNo = ?)")
                _ = arguments.append(contentsOf: [text, text + "\u{10FFFF}", text])
            }
        }
        if paging, let (createdAt, number) = query.before {
            conditions.append("(createdAt, number) < (?, ?)")
            _ = arguments.append(contentsOf: [createdAt.timeIntervalSince1970, number])
        }
        if paging, let (createdAt, number) = query.after {
            conditions.append("(createdAt, number) > (?, ?)")
            _ = arguments.append(contentsOf: [createdAt.timeIntervalSince1970, number])
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    public func invoicesToReconcile(now: Date, limit: Int) async throws(StoreError) -> [Invoice] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Rows.invoiceColumns) FROM invoice
                    WHERE nextCheckAt IS NOT NULL AND nextCheckAt <= ? AND status IN ('created','awaiting','unknown')
                    ORDER BY nextCheckAt LIMIT ?
                    """,
                arguments: [now.timeIntervalSince1970, limit]
            ).map(Rows.invoice)
        }
    }

    /// Yields whenever any connection, in this process or another, committed a change. It polls
    /// `PRAGMA data_version` on a connection of its own every `interval`.
    public func changes() -> AsyncStream<Void> {
        changes(every: .milliseconds(100))
    }

    public func changes(every interval: Duration) -> AsyncStream<Void> {
        // The starting point is read before returning, so no commit made after this call is missed.
        guard let watcher = try? DatabaseQueue(path: path),
            let initial = try? watcher.read({ db in try Int.fetchOne(db, sql: "PRAGMA data_version") })
        else {
            return AsyncStream { $0.finish() }
        }
        return AsyncStream { continuation in
            let task = Task {
                var last = initial
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard let now = try? await watcher.read({ db in try Int.fetchOne(db, sql: "PRAGMA data_version") }) else { continue }
                    if now != last {
                        last = now
                        continuation.yield()
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension SQLiteMerchantStore {
    /// Inserts many invoices in one transaction, without transitions: for imports and benchmarks.
    public func bulkInsert(_ invoices: [Invoice]) async throws(StoreError) {
        try await write { db in
            for invoice in invoices { try Rows.insert(invoice, db) }
        }
    }
}

extension SQLiteMerchantStore {
    /// The whole history, oldest first, read in one transaction (a consistent picture).
    public func history() async throws(StoreError) -> StoreHistory {
        try await read { db in
            StoreHistory(
                invoices: try Row.fetchAll(db, sql: "SELECT \(Rows.invoiceColumns) FROM invoice ORDER BY rowid").map(Rows.invoice),
                transitions: try Row.fetchAll(db, sql: "SELECT * FROM invoice_transition ORDER BY id").map(Rows.transition),
                refunds: try Row.fetchAll(db, sql: "SELECT * FROM refund ORDER BY createdAt, number").map(Rows.refund),
                notifications: try Row.fetchAll(db, sql: "SELECT * FROM notification ORDER BY id").map { row in
                    StoreHistory.StoredNotification(notification: Rows.notification(row), flag: row["flag"])
                },
                audit: try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id").map(Rows.audit))
        }
    }
}
