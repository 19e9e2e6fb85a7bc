import DokuSNAP
import Foundation
import GRDB
import KasirCore

/// `MerchantStore` on SQLite (GRDB, WAL). Several processes may share the file: each sees the
/// others' commits through `changes()` within a quarter of a second.
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
    public func writerSynchronous() async throws -> Int {
        try await pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
    }

    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
    }

    static func translate(_ error: DatabaseError) -> StoreError {
        if error.message?.contains("refund exceeds") == true { return .exceedsRefundable(available: .zero()) }
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_PRIMARYKEY, .SQLITE_CONSTRAINT_UNIQUE: return .duplicate("that number")
        default: return .unavailable(error.message ?? "\(error.resultCode)")
        }
    }

    // MARK: invoices

    public func insert(_ invoice: Invoice, cause: String) async throws {
        do {
            try await write { db in
                try Rows.insert(invoice, db)
                try Rows.insertTransition(InvoiceTransition(invoiceNumber: invoice.number, from: nil, to: invoice.status, at: invoice.createdAt, cause: cause), db)
            }
        } catch StoreError.duplicate {
            throw StoreError.duplicate("invoice \(invoice.number)")
        }
    }

    public func lastSequence(prefix: String) async throws -> Int {
        try await read { db in
            let upper = prefix + "\u{10FFFF}"
            let last = try String.fetchOne(db, sql: "SELECT max(number) FROM invoice WHERE number >= ? AND number < ?", arguments: [prefix, upper])
            return last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
        }
    }

    public func invoice(_ number: String) async throws -> Invoice? {
        try await read { db in try Rows.invoice(number, db) }
    }

    public func apply(_ event: InvoiceEvent?, to number: String, at: Date, cause: String, update: @escaping @Sendable (inout Invoice) -> Void) async throws -> InvoiceChange? {
        try await write { db in try Self.apply(event, to: number, at: at, cause: cause, update: update, db) }
    }

    static func apply(_ event: InvoiceEvent?, to number: String, at: Date, cause: String, update: (inout Invoice) -> Void, _ db: Database) throws -> InvoiceChange? {
        guard var invoice = try Rows.invoice(number, db) else { throw StoreError.notFound("invoice \(number)") }
        let before = invoice.status
        let outcome = event.flatMap { InvoiceLifecycle.next(before, on: $0, amount: invoice.amount) }
        if let outcome { invoice.status = outcome.status }
        update(&invoice)
        invoice.updatedAt = at
        try Rows.update(invoice, db)
        guard let outcome else { return nil }
        let transition = InvoiceTransition(invoiceNumber: number, from: before, to: outcome.status, at: at, cause: cause)
        try Rows.insertTransition(transition, db)
        return InvoiceChange(invoice: invoice, transition: transition, actions: outcome.actions)
    }

    public func transitions(of invoiceNumber: String) async throws -> [InvoiceTransition] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM invoice_transition WHERE invoiceNumber = ? ORDER BY id", arguments: [invoiceNumber]).map(Rows.transition)
        }
    }

    // MARK: refunds

    public func reserve(_ refund: Refund) async throws {
        try await write { db in
            guard let invoice = try Rows.invoice(refund.invoiceNumber, db) else { throw StoreError.notFound("invoice \(refund.invoiceNumber)") }
            guard invoice.status == .paid || invoice.status == .partiallyRefunded else {
                throw StoreError.notRefundable("\(invoice.number) is \(invoice.status.label.lowercased())")
            }
            if try Rows.refund(refund.number, db) != nil { throw StoreError.duplicate("refund \(refund.number)") }
            let held = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM refund WHERE invoiceNumber = ? AND status != 'failed'", arguments: [invoice.number]) ?? 0
            let available = try Money(minorUnits: max(0, invoice.amount.minorUnits - held), currency: invoice.amount.currency)
            guard refund.amount <= available else { throw StoreError.exceedsRefundable(available: available) }
            try Rows.insert(refund, db)
        }
    }

    public func settle(refund number: String, on event: RefundEvent, at: Date) async throws -> (Refund, InvoiceChange?) {
        try await write { db in
            guard var refund = try Rows.refund(number, db) else { throw StoreError.notFound("refund \(number)") }
            guard let next = RefundLifecycle.next(refund.status, on: event) else { return (refund, nil) }
            refund.status = next
            refund.updatedAt = at
            switch event {
            case .confirmed(let dokuRefundNo): refund.dokuRefundNo = dokuRefundNo
            case .rejected(let code, let message):
                refund.lastResponseCode = code
                refund.lastMessage = message
            case .outcomeUnknown(let reason): refund.lastMessage = reason
            }
            try Rows.update(refund, db)
            guard next == .succeeded else { return (refund, nil) }
            let total = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM refund WHERE invoiceNumber = ? AND status = 'succeeded'", arguments: [refund.invoiceNumber]) ?? 0
            let totalMoney = try Money(minorUnits: total, currency: refund.amount.currency)
            let change = try Self.apply(.refundConfirmed(totalRefunded: totalMoney), to: refund.invoiceNumber, at: at, cause: "refund \(number) of \(refund.amount.displayText) confirmed", update: { $0.refunded = totalMoney }, db)
            return (refund, change)
        }
    }

    public func refund(_ number: String) async throws -> Refund? {
        try await read { db in try Rows.refund(number, db) }
    }

    public func refunds(of invoiceNumber: String) async throws -> [Refund] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM refund WHERE invoiceNumber = ? ORDER BY createdAt, number", arguments: [invoiceNumber]).map(Rows.refund)
        }
    }

    public func unsettledRefunds(limit: Int) async throws -> [Refund] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM refund WHERE status IN ('requested','unknown') ORDER BY createdAt LIMIT ?", arguments: [limit]).map(Rows.refund)
        }
    }

    // MARK: notifications

    /// Notifications are committed in groups: whatever arrives while a commit is running goes into
    /// the next one. Each notification still sits in its own savepoint, so one failing does not
    /// affect the others, and each caller returns only after its group has committed.
    public func record(_ notification: ReceivedNotification) async throws -> NotificationRecord {
        try await notificationBatcher.submit(notification)
    }

    /// Executes `NotificationPolicy` for one notification: the row first (its unique key makes a
    /// duplicate change nothing), then, unless it is flagged, the invoice and its transition.
    static func recordOne(_ notification: ReceivedNotification, _ db: Database) throws -> NotificationRecord {
        let invoice = try Rows.invoice(notification.partnerReferenceNo, db)
        let flag = NotificationPolicy.flag(notification, stored: invoice)
        try db.cachedStatement(sql: """
                INSERT INTO notification (dedupeKey, partnerReferenceNo, referenceNo, status, amount, externalId, receivedAt, body, flag)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupeKey) DO NOTHING
                """).execute(arguments: [
                notification.dedupeKey, notification.partnerReferenceNo, notification.referenceNo, notification.status.rawValue,
                notification.amount?.minorUnits, notification.externalID, notification.receivedAt.timeIntervalSince1970, notification.body, flag?.rawValue,
            ])
        guard db.changesCount > 0 else { return .duplicate }
        if let flag { return flag.record }
        guard let invoice else { return .unknownInvoice }
        let (updated, outcome) = NotificationPolicy.applied(notification, to: invoice)
        if updated != invoice { try Rows.updateFromNotification(updated, db) }
        guard let outcome else { return .applied(nil) }
        let transition = InvoiceTransition(
            invoiceNumber: invoice.number, from: invoice.status, to: outcome.status, at: notification.receivedAt, cause: NotificationPolicy.cause(notification))
        try Rows.insertTransition(transition, db)
        return .applied(InvoiceChange(invoice: updated, transition: transition, actions: outcome.actions))
    }

    /// Notifications flagged for a person: unknown invoices and amount mismatches.
    public func flaggedNotifications() async throws -> [(ReceivedNotification, String)] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notification WHERE flag IS NOT NULL ORDER BY id").map { row in
                (Rows.notification(row), row["flag"] as String? ?? "")
            }
        }
    }

    /// How many notifications are stored (all, including duplicates' first copies).
    public func notificationCount() async throws -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM notification") ?? 0 }
    }

    // MARK: audit

    public func append(_ entry: AuditEntry) async throws {
        try await write { db in try Rows.insert(entry, db) }
    }

    public func audit(limit: Int) async throws -> [AuditEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Rows.audit)
        }
    }

    public func activity(after cursor: ActivityCursor?, limit: Int) async throws -> ActivityPage {
        try await read { db in
            func rows(_ table: String, after id: Int64?) throws -> [Row] {
                guard let id else {
                    return try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id DESC LIMIT ?", arguments: [limit]).reversed()
                }
                return try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit])
            }
            let audits = try rows("audit", after: cursor?.audit)
            let notifications = try rows("notification", after: cursor?.notification)
            let entries = (audits.map(Rows.audit) + notifications.map(Rows.notificationEntry)).enumerated()
                .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
            let next = ActivityCursor(
                audit: audits.last.map { $0["id"] } ?? cursor?.audit ?? 0, notification: notifications.last.map { $0["id"] } ?? cursor?.notification ?? 0)
            return ActivityPage(entries: entries, cursor: next, more: cursor != nil && (audits.count == limit || notifications.count == limit))
        }
    }

    // MARK: receivers

    public func beat(_ heartbeat: ReceiverHeartbeat) async throws {
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

    public func latestHeartbeat() async throws -> ReceiverHeartbeat? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM receiver_heartbeat ORDER BY beatAt DESC LIMIT 1").map { row in
                ReceiverHeartbeat(
                    address: row["address"], owner: row["owner"], processID: row["processId"], startedAt: Rows.date(row, "startedAt") ?? .distantPast,
                    beatAt: Rows.date(row, "beatAt") ?? .distantPast, stoppedAt: Rows.date(row, "stoppedAt"))
            }
        }
    }
}
