import DokuSNAP
import Foundation
import GRDB
import KasirCore

/// `MerchantStore` on SQLite (GRDB, WAL). Several processes may share the file: each sees the
/// others' commits through `changes()` within a tenth of a second (it reads `PRAGMA data_version` that often).
public final class SQLiteMerchantStore: MerchantStore {
    let pool: DatabasePool
    let path: String
    let notificationBatcher: GroupCommitter<ReceivedNotification, NotificationRecord>

    /// How a commit reaches the disk. `full` (the default) fsyncs the WAL on every commit;
    /// `normal` exists only so `kasir-bench` can show what durability costs.
    public enum Synchronous: String, Sendable { case full = "FULL", normal = "NORMAL" }

    /// Opens (creating if needed) the database at `path` and runs pending migrations. The file and
    /// its WAL are private to the user (0600): they hold customers' IPs and DOKU's answers.
    public init(path: String, synchronous: Synchronous = .full) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Self.makePrivate(path)
            let pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB's WAL set-up runs after `prepareDatabase` and sets `synchronous = NORMAL` on the
            // writer, which commits without fsync. An acknowledged notification must survive a power
            // cut, so the one writer connection is set back to FULL here, after that set-up.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue)") }
            try Schema.migrator.migrate(pool)
            self.pool = pool
            notificationBatcher = GroupCommitter(pool: pool) { notification, db in try Self.recordOne(notification, db) }
        } catch {
            throw .unavailable("cannot open \(path): \(error)")
        }
    }

    /// Creates the database file 0600 (SQLite gives its -wal and -shm files the same mode), or
    /// takes group and other permissions off an existing one.
    static func makePrivate(_ path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            guard chmod(file, 0o600) == 0 else { throw StoreError.unavailable("cannot make \(file) private (chmod 600): errno \(errno)") }
        }
        if !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw StoreError.unavailable("cannot create \(path): errno \(errno)") }
            fchmod(fd, 0o600)
            close(fd)
        }
    }

    /// `PRAGMA synchronous` as the writer connection has it: 2 is FULL.
    public func writerSynchronous() async throws(StoreError) -> Int {
        do {
            return try await pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
        } catch {
            throw Self.translate(error)
        }
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw Self.translate(error)
        }
    }

    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.translate(error)
        }
    }

    /// Every failure as a `StoreError`: refusals pass through, SQLite's errors are named.
    static func translate(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return .unavailable("\(error)") }
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_PRIMARYKEY, .SQLITE_CONSTRAINT_UNIQUE: return .duplicate("that number")
        default: return .unavailable(error.message ?? "\(error.resultCode)")
        }
    }

    // MARK: invoices

    public func insert(_ invoice: Invoice, cause: String) async throws(StoreError) {
        do {
            try await write { db in
                try Rows.insert(invoice, db)
                try Rows.insertTransition(InvoiceTransition(invoiceNumber: invoice.number, from: nil, to: invoice.status, at: invoice.createdAt, cause: cause), db)
            }
        } catch StoreError.duplicate {
            throw StoreError.duplicate("invoice \(invoice.number)")
        }
    }

    public func lastSequence(prefix: String) async throws(StoreError) -> Int {
        try await read { db in
            let upper = prefix + "\u{10FFFF}"
            let last = try String.fetchOne(db, sql: "SELECT max(number) FROM invoice WHERE number >= ? AND number < ?", arguments: [prefix, upper])
            return last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
        }
    }

    public func invoice(_ number: String) async throws(StoreError) -> Invoice? {
        try await read { db in try Rows.invoice(number, db) }
    }

    public func apply(_ event: InvoiceEvent?, to number: String, at: Date, cause: String, update: @escaping @Sendable (inout Invoice) -> Void) async throws(StoreError) -> InvoiceChange? {
        try await write { db in try Self.apply(event, to: number, at: at, cause: cause, update: update, db) }
    }

    /// Executes `InvoiceLifecycle.applied` on the stored invoice.
    static func apply(_ event: InvoiceEvent?, to number: String, at: Date, cause: String, update: (inout Invoice) -> Void, _ db: Database) throws -> InvoiceChange? {
        guard let invoice = try Rows.invoice(number, db) else { throw StoreError.notFound("invoice \(number)") }
        let (updated, change) = InvoiceLifecycle.applied(event, to: invoice, at: at, cause: cause, update: update)
        try Rows.update(updated, db)
        if let change { try Rows.insertTransition(change.transition, db) }
        return change
    }

    public func transitions(of invoiceNumber: String) async throws(StoreError) -> [InvoiceTransition] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM invoice_transition WHERE invoiceNumber = ? ORDER BY id", arguments: [invoiceNumber]).map(Rows.transition)
        }
    }

    // MARK: refunds

    /// Executes `RefundPolicy.refusal` on the invoice and its refunds as stored; the
    /// `refund_within_paid` trigger defends the same rule should the policy ever be bypassed.
    public func reserve(_ refund: Refund) async throws(StoreError) {
        try await write { db in
            let invoice = try Rows.invoice(refund.invoiceNumber, db)
            let refunds = try Rows.refunds(of: refund.invoiceNumber, db)
            if let refusal = RefundPolicy.refusal(refund, invoice: invoice, refunds: refunds) { throw refusal }
            do {
                try Rows.insert(refund, db)
            } catch let error as DatabaseError where error.message?.contains("refund exceeds") == true {
                throw StoreError.exceedsRefundable(available: invoice.map { RefundPolicy.refundable($0, refunds: refunds) } ?? .zero())
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                // The number is another invoice's refund.
                throw StoreError.duplicate("refund \(refund.number)")
            }
        }
    }

    /// Executes `RefundPolicy.settlement` on the refund, its siblings and its invoice as stored.
    public func settle(refund number: String, on event: RefundEvent, at: Date) async throws(StoreError) -> (Refund, InvoiceChange?) {
        try await write { db in
            guard let refund = try Rows.refund(number, db) else { throw StoreError.notFound("refund \(number)") }
            guard let invoice = try Rows.invoice(refund.invoiceNumber, db) else { throw StoreError.notFound("invoice \(refund.invoiceNumber)") }
            let siblings = try Rows.refunds(of: refund.invoiceNumber, db)
            guard let settlement = RefundPolicy.settlement(refund, on: event, at: at, invoice: invoice, siblings: siblings) else { return (refund, nil) }
            try Rows.update(settlement.refund, db)
            if let updated = settlement.invoice { try Rows.update(updated, db) }
            if let change = settlement.change { try Rows.insertTransition(change.transition, db) }
            return (settlement.refund, settlement.change)
        }
    }

    public func refund(_ number: String) async throws(StoreError) -> Refund? {
        try await read { db in try Rows.refund(number, db) }
    }

    public func refunds(of invoiceNumber: String) async throws(StoreError) -> [Refund] {
        try await read { db in
            try Rows.refunds(of: invoiceNumber, db)
        }
    }

    public func unsettledRefunds(limit: Int) async throws(StoreError) -> [Refund] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM refund WHERE status IN ('requested','unknown') ORDER BY createdAt LIMIT ?", arguments: [limit]).map(Rows.refund)
        }
    }

    // MARK: notifications

    /// Notifications are committed in groups: whatever arrives while a commit is running goes into
    /// the next one. Each notification still sits in its own savepoint, so one failing does not
    /// affect the others, and each caller returns only after its group has committed.
    public func record(_ notification: ReceivedNotification) async throws(StoreError) -> NotificationRecord {
        do {
            return try await notificationBatcher.submit(notification)
        } catch {
            throw Self.translate(error)
        }
    }

    /// Executes `NotificationPolicy` for one notification: the row first (its unique key makes a
    /// duplicate change nothing), then, unless it is flagged, the invoice and its transition.
    static func recordOne(_ notification: ReceivedNotification, _ db: Database) throws -> NotificationRecord {
        let recording = NotificationPolicy.recording(notification, stored: try Rows.invoice(notification.partnerReferenceNo, db))
        try db.cachedStatement(sql: """
                INSERT INTO notification (dedupeKey, partnerReferenceNo, referenceNo, status, amount, externalId, receivedAt, body, flag, path, headers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupeKey) DO NOTHING
                """).execute(arguments: [
                notification.dedupeKey, notification.partnerReferenceNo, notification.referenceNo, notification.status.rawValue,
                notification.amount?.minorUnits, notification.externalID, notification.receivedAt.timeIntervalSince1970, notification.body,
                recording.flag?.rawValue, notification.path, notification.headers,
            ])
        guard db.changesCount > 0 else { return .duplicate }
        if let updated = recording.invoice { try Rows.updateFromNotification(updated, db) }
        if let transition = recording.transition { try Rows.insertTransition(transition, db) }
        return recording.record
    }

    /// Notifications flagged for a person: unknown invoices and amount mismatches.
    public func flaggedNotifications() async throws(StoreError) -> [(ReceivedNotification, String)] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notification WHERE flag IS NOT NULL ORDER BY id").map { row in
                (Rows.notification(row), row["flag"] as String? ?? "")
            }
        }
    }

    /// How many notifications are stored (all, including duplicates' first copies).
    public func notificationCount() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM notification") ?? 0 }
    }

    // MARK: audit

    public func append(_ entry: AuditEntry) async throws(StoreError) {
        try await write { db in try Rows.insert(entry, db) }
    }

    public func audit(limit: Int) async throws(StoreError) -> [AuditEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Rows.audit)
        }
    }

    public func pruneAudit(before: Date, limit: Int) async throws(StoreError) -> Int {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < ? ORDER BY at LIMIT ?)",
                arguments: [before.timeIntervalSince1970, limit])
            return db.changesCount
        }
    }

    public func auditCount(before: Date) async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit WHERE at < ?", arguments: [before.timeIntervalSince1970]) ?? 0 }
    }

    public func refusals(of invoiceNumber: String, limit: Int) async throws(StoreError) -> [AuditEntry] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM audit WHERE invoiceNumber = ? AND direction = 'in' AND outcome LIKE 'refused%' ORDER BY id DESC LIMIT ?",
                arguments: [invoiceNumber, limit]
            ).map(Rows.audit)
        }
    }

    public func activity(after cursor: ActivityCursor?, limit: Int) async throws(StoreError) -> ActivityPage {
        try await read { db in
            func rows(_ table: String, after id: Int64?) throws -> [Row] {
                guard let id else {
                    return try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id DESC LIMIT ?", arguments: [limit]).reversed()
                }
                return try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit])
            }
            let audits = try rows("audit", after: cursor?.audit)
            let notifications = try rows("notification", after: cursor?.notification)
            return ActivityPage.merging(
                audit: audits.map { ($0["id"], Rows.audit($0)) }, notifications: notifications.map { ($0["id"], Rows.notificationEntry($0)) }, after: cursor,
                limit: limit)
        }
    }

    // MARK: receivers

    public func beat(_ heartbeat: ReceiverHeartbeat) async throws(StoreError) {
        try await write { db in
            try db.cachedStatement(sql: """
                    INSERT INTO receiver_heartbeat (address, processId, owner, startedAt, beatAt, stoppedAt) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (address, processId) DO UPDATE SET beatAt = excluded.beatAt, stoppedAt = excluded.stoppedAt
                    """).execute(arguments: [
                    heartbeat.address, heartbeat.processID, heartbeat.owner, heartbeat.startedAt.timeIntervalSince1970, heartbeat.beatAt.timeIntervalSince1970,
                    heartbeat.stoppedAt?.timeIntervalSince1970,
                ])
            // Old receivers are forgotten after a day.
            try db.execute(sql: "DELETE FROM receiver_heartbeat WHERE beatAt < ?", arguments: [heartbeat.beatAt.timeIntervalSince1970 - 86_400])
        }
    }

    // MARK: shifts

    public func refunds(createdFrom from: Date, to: Date) async throws(StoreError) -> [Refund] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM refund WHERE createdAt >= ? AND createdAt < ? ORDER BY createdAt, number",
                arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970]
            ).map(Rows.refund)
        }
    }

    public func openShift(_ shift: Shift) async throws(StoreError) {
        try await write { db in
            let open = try Int.fetchOne(db, sql: "SELECT count(*) FROM shift WHERE terminal = ? AND closedAt IS NULL", arguments: [shift.terminal]) ?? 0
            guard open == 0 else { throw StoreError.duplicate("open shift on \(shift.terminal)") }
            try db.execute(
                sql: "INSERT INTO shift (id, terminal, cashier, openedAt, closedAt) VALUES (?, ?, ?, ?, NULL)",
                arguments: [shift.id, shift.terminal, shift.cashier, shift.openedAt.timeIntervalSince1970])
        }
    }

    public func closeShift(terminal: String, at: Date) async throws(StoreError) -> Shift {
        try await write { db in
            guard var shift = try Row.fetchOne(db, sql: "SELECT * FROM shift WHERE terminal = ? AND closedAt IS NULL", arguments: [terminal]).map(Self.shift) else {
                throw StoreError.notFound("open shift on \(terminal)")
            }
            shift.closedAt = at
            try db.execute(sql: "UPDATE shift SET closedAt = ? WHERE id = ?", arguments: [at.timeIntervalSince1970, shift.id])
            return shift
        }
    }

    public func openShift(terminal: String) async throws(StoreError) -> Shift? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM shift WHERE terminal = ? AND closedAt IS NULL", arguments: [terminal]).map(Self.shift)
        }
    }

    public func shifts(from: Date, to: Date) async throws(StoreError) -> [Shift] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM shift WHERE openedAt < ? AND (closedAt IS NULL OR closedAt >= ?) ORDER BY openedAt",
                arguments: [to.timeIntervalSince1970, from.timeIntervalSince1970]
            ).map(Self.shift)
        }
    }

    static func shift(_ row: Row) -> Shift {
        Shift(id: row["id"], terminal: row["terminal"], cashier: row["cashier"], openedAt: Rows.date(row, "openedAt") ?? .distantPast, closedAt: Rows.date(row, "closedAt"))
    }

    public func latestHeartbeat() async throws(StoreError) -> ReceiverHeartbeat? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM receiver_heartbeat ORDER BY beatAt DESC LIMIT 1").map { row in
                ReceiverHeartbeat(
                    address: row["address"], owner: row["owner"], processID: row["processId"], startedAt: Rows.date(row, "startedAt") ?? .distantPast,
                    beatAt: Rows.date(row, "beatAt") ?? .distantPast, stoppedAt: Rows.date(row, "stoppedAt"))
            }
        }
    }
}
