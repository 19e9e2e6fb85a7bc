import DokuSNAP
import Foundation
import GRDB
import KasirCore

extension SQLiteMerchantStore {
    public func invoices(_ query: InvoiceQuery) async throws -> [Invoice] {
        try await read { db in
            // A search that matches many invoices is best read along the time index and filtered;
            // one that matches few is best found through the number and reference indexes, then sorted.
            var broad = false
            if query.text?.trimmingCharacters(in: .whitespaces).isEmpty == false {
                let (textOnly, textArguments) = Self.filter(InvoiceQuery(text: query.text), paging: false)
                var args = textArguments
                _ = args.append(contentsOf: [Self.broadSearch])
                broad = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM invoice \(textOnly) LIMIT ?)", arguments: args) ?? 0 >= Self.broadSearch
            }
            let (whereClause, arguments) = Self.filter(query, paging: true, broad: broad)
            var args = arguments
            _ = args.append(contentsOf: [query.limit])
            // Pages above the current one and the oldest page are read upwards, then turned newest first.
            let ascending = query.after != nil || query.oldest
            let sql = "SELECT \(Rows.invoiceColumns) FROM invoice \(whereClause) ORDER BY createdAt \(ascending ? "ASC" : "DESC"), number \(ascending ? "ASC" : "DESC") LIMIT ?"
            let rows = try Row.fetchAll(db, sql: sql, arguments: args).map(Rows.invoice)
            return ascending ? rows.reversed() : rows
        }
    }

    public func count(_ query: InvoiceQuery) async throws -> Int {
        try await read { db in
            let (whereClause, arguments) = Self.filter(query, paging: false)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM invoice \(whereClause)", arguments: arguments) ?? 0
        }
    }

    public func count(_ query: InvoiceQuery, upTo limit: Int) async throws -> Int {
        try await read { db in
            let (whereClause, arguments) = Self.filter(query, paging: false)
            var args = arguments
            _ = args.append(contentsOf: [limit])
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM invoice \(whereClause) LIMIT ?)", arguments: args) ?? 0
        }
    }

    /// The WHERE clause for a query. Text matches an invoice-number prefix or an exact DOKU reference,
    /// both indexed, so a search over a million invoices stays a few index probes.
    /// Matches above this many make a search "broad" (see `invoices`).
    static let broadSearch = 20_000

    static func filter(_ query: InvoiceQuery, paging: Bool, broad: Bool = false) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if !query.statuses.isEmpty {
            let sorted = query.statuses.map(\.rawValue).sorted()
            conditions.append("status IN (\(sorted.map { _ in "?" }.joined(separator: ",")))")
            _ = arguments.append(contentsOf: StatementArguments(sorted))
        }
        if let since = query.since {
            conditions.append("createdAt >= ?")
            _ = arguments.append(contentsOf: [since.timeIntervalSince1970])
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            // The unary + keeps SQLite off the number and reference indexes for broad searches.
            conditions.append(broad ? "((+number >= ? AND +number < ?) OR +referenceNo = ?)" : "((number >= ? AND number < ?) OR referenceNo = ?)")
            _ = arguments.append(contentsOf: [text, text + "\u{10FFFF}", text])
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

    public func invoicesToReconcile(now: Date, limit: Int) async throws -> [Invoice] {
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
        changes(every: .milliseconds(250))
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
    public func bulkInsert(_ invoices: [Invoice]) async throws {
        try await write { db in
            for invoice in invoices { try Rows.insert(invoice, db) }
        }
    }
}
