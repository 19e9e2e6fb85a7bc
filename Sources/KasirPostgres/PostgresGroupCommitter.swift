import Foundation
import KasirCore
import Logging
import PostgresNIO
import Synchronization

/// Group commit for notifications on PostgreSQL: whatever arrives while a group is being written
/// goes into a following one, so a burst costs one durable commit per group. Several groups are
/// written at once on separate connections, since most of a group's time is round trips.
///
/// A group takes its invoices' row locks in number order (so two receivers writing overlapping
/// groups never deadlock), and runs without savepoints; should one notification fail, the group
/// is rolled back and each of its notifications is written again in a transaction of its own.
final class PostgresGroupCommitter: Sendable {
    struct Waiting {
        let notification: ReceivedNotification
        let continuation: CheckedContinuation<NotificationRecord, any Error>
    }

    struct State {
        var queue: [Waiting] = []
        var writers = 0
    }

    let client: PostgresClient
    let logger: Logger
    let maximumGroup: Int
    let maximumWriters: Int
    let state = Mutex(State())

    init(client: PostgresClient, logger: Logger, maximumGroup: Int = 256, maximumWriters: Int = 2) {
        self.client = client
        self.logger = logger
        self.maximumGroup = maximumGroup
        self.maximumWriters = maximumWriters
    }

    func submit(_ notification: ReceivedNotification) async throws -> NotificationRecord {
        try await withCheckedThrowingContinuation { continuation in
            let startWriter = state.withLock { state -> Bool in
                state.queue.append(Waiting(notification: notification, continuation: continuation))
                guard state.writers < maximumWriters else { return false }
                state.writers += 1
                return true
            }
            if startWriter { Task { await self.drain() } }
        }
    }

    /// Writes groups until the queue is empty.
    func drain() async {
        while true {
            let group = state.withLock { state -> [Waiting] in
                let group = Array(state.queue.prefix(maximumGroup))
                state.queue.removeFirst(group.count)
                if group.isEmpty { state.writers -= 1 }
                return group
            }
            guard !group.isEmpty else { return }
            do {
                let results = try await write(group.map(\.notification))
                for (waiting, result) in zip(group, results) { waiting.continuation.resume(returning: result) }
            } catch where group.count > 1 {
                // One of them failed the group: each is written alone, so only it fails.
                for waiting in group {
                    do {
                        waiting.continuation.resume(returning: try await write([waiting.notification])[0])
                    } catch {
                        waiting.continuation.resume(throwing: error)
                    }
                }
            } catch {
                group[0].continuation.resume(throwing: error)
            }
        }
    }

    /// Writes `notifications` in one transaction and returns what each did, in their order.
    func write(_ notifications: [ReceivedNotification]) async throws -> [NotificationRecord] {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.withConnection { connection in
                    // `record` sends the NOTIFY itself, in its one writing statement, when it writes anything.
                    try await PostgresMerchantStore.inTransaction(connection, notify: false, logger: logger) {
                        try await Self.record(notifications, connection, logger)
                    }
                }
            } catch where attempt < 8 && PostgresMerchantStore.isRetryable(error) {
                try? await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }

    /// Executes `NotificationPolicy.recording` for a whole group in a few statements, since each
    /// statement is a round trip: the group's invoices are locked at once (in number order, so
    /// overlapping groups never deadlock), the notifications already stored are read, each
    /// notification is decided in arrival order against the invoice as the ones before it left
    /// it, and the rows, invoices and transitions are written one statement each.
    ///
    /// Every writer of an invoice's notifications holds that invoice's lock, so the stored keys
    /// read here cannot change before this transaction ends; for a notification naming no invoice
    /// the unique key still makes a second copy change nothing.
    static func record(_ notifications: [ReceivedNotification], _ connection: PostgresConnection, _ logger: Logger) async throws -> [NotificationRecord] {
        let numbers = Array(Set(notifications.map(\.partnerReferenceNo))).sorted()
        var invoices: [String: Invoice] = [:]
        for invoice in try await PostgresMerchantStore.rows(
            connection.query(
                "SELECT \(unescaped: PostgresRows.invoiceColumns) FROM invoice WHERE number = ANY(\(numbers)) ORDER BY number FOR UPDATE", logger: logger),
            PostgresRows.invoice)
        {
            invoices[invoice.number] = invoice
        }
        var known: Set<String> = []
        let keys = notifications.map(\.dedupeKey)
        for try await key in try await connection.query("SELECT dedupe_key FROM notification WHERE dedupe_key = ANY(\(keys))", logger: logger).decode(String.self) {
            known.insert(key)
        }

        var results: [NotificationRecord] = []
        var rows: [(ReceivedNotification, String?)] = []
        var changed: [String: Invoice] = [:]
        var transitions: [InvoiceTransition] = []
        for notification in notifications {
            guard known.insert(notification.dedupeKey).inserted else {
                results.append(.duplicate)
                continue
            }
            let recording = NotificationPolicy.recording(notification, stored: invoices[notification.partnerReferenceNo])
            rows.append((notification, recording.flag?.rawValue))
            if let updated = recording.invoice {
                invoices[updated.number] = updated
                changed[updated.number] = updated
            }
            if let transition = recording.transition { transitions.append(transition) }
            results.append(recording.record)
        }
        guard !rows.isEmpty else { return results }

        // One statement, one round trip: the rows, the invoices, the transitions and the NOTIFY
        // every console listens for, as data-modifying parts of one query.
        var binds = PostgresBindings(capacity: rows.count * 11 + changed.count * 6 + transitions.count * 5)
        func placeholders(_ count: Int, types: [String] = []) -> String {
            let first = binds.count - count
            return "(" + (1...count).map { "$\(first + $0)" + ($0 <= types.count ? "::" + types[$0 - 1] : "") }.joined(separator: ", ") + ")"
        }
        var notificationValues: [String] = []
        for (notification, flag) in rows {
            binds.append(notification.dedupeKey)
            binds.append(notification.partnerReferenceNo)
            binds.append(notification.referenceNo)
            binds.append(notification.status.rawValue)
            binds.append(notification.amount?.minorUnits)
            binds.append(notification.externalID)
            binds.append(notification.receivedAt.timeIntervalSince1970)
            binds.append(notification.body)
            binds.append(flag)
            binds.append(notification.path)
            binds.append(notification.headers)
            notificationValues.append(placeholders(11))
        }
        var parts = [
            """
            stored AS (INSERT INTO notification (dedupe_key, partner_reference_no, reference_no, status, amount, external_id, received_at, body, flag, path, headers)
                VALUES \(notificationValues.joined(separator: ", ")) ON CONFLICT (dedupe_key) DO NOTHING)
            """
        ]
        if !changed.isEmpty {
            var values: [String] = []
            for invoice in changed.values.sorted(by: { $0.number < $1.number }) {
                binds.append(invoice.number)
                binds.append(invoice.status.rawValue)
                binds.append(invoice.referenceNo)
                binds.append(invoice.paidAt?.timeIntervalSince1970)
                binds.append(invoice.nextCheckAt?.timeIntervalSince1970)
                binds.append(invoice.updatedAt.timeIntervalSince1970)
                values.append(placeholders(6, types: ["text", "text", "text", "double precision", "double precision", "double precision"]))
            }
            parts.append(
                """
                moved AS (UPDATE invoice AS i SET status = v.status, reference_no = v.reference_no, paid_at = v.paid_at, next_check_at = v.next_check_at,
                        updated_at = v.updated_at
                    FROM (VALUES \(values.joined(separator: ", "))) AS v (number, status, reference_no, paid_at, next_check_at, updated_at)
                    WHERE i.number = v.number)
                """)
        }
        if !transitions.isEmpty {
            var values: [String] = []
            for transition in transitions {
                binds.append(transition.invoiceNumber)
                binds.append(transition.from?.rawValue)
                binds.append(transition.to.rawValue)
                binds.append(transition.at.timeIntervalSince1970)
                binds.append(transition.cause)
                values.append(placeholders(5, types: ["text", "text", "text", "double precision", "text"]))
            }
            parts.append("history AS (INSERT INTO invoice_transition (invoice_number, from_status, to_status, at, cause) VALUES \(values.joined(separator: ", ")))")
        }
        let sql = "WITH " + parts.joined(separator: ",\n") + "\nSELECT pg_notify('\(PostgresMerchantStore.channel)', '')"
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        return results
    }
}
