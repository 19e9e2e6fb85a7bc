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

    init(client: PostgresClient, logger: Logger, maximumGroup: Int = 256, maximumWriters: Int = 4) {
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
                    try await PostgresMerchantStore.inTransaction(connection, notify: true, logger: logger) {
                        var results = [NotificationRecord?](repeating: nil, count: notifications.count)
                        // Lock order is number order; the same invoice's news stays in arrival order.
                        let order = notifications.indices.sorted { (notifications[$0].partnerReferenceNo, $0) < (notifications[$1].partnerReferenceNo, $1) }
                        for index in order {
                            results[index] = try await Self.recordOne(notifications[index], connection, logger)
                        }
                        return results.map { $0 ?? .duplicate }
                    }
                }
            } catch where attempt < 8 && PostgresMerchantStore.isRetryable(error) {
                try? await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }

    /// Executes `NotificationPolicy.recording` for one notification, with its invoice locked: the
    /// row first (its unique key makes a duplicate change nothing), then the invoice and its transition.
    static func recordOne(_ notification: ReceivedNotification, _ connection: PostgresConnection, _ logger: Logger) async throws -> NotificationRecord {
        let stored = try await PostgresMerchantStore.lockedInvoice(notification.partnerReferenceNo, connection, logger)
        let recording = NotificationPolicy.recording(notification, stored: stored)
        var inserted = false
        for try await _ in try await connection.query(PostgresRows.insertNotification(notification, flag: recording.flag?.rawValue), logger: logger) { inserted = true }
        guard inserted else { return .duplicate }
        if let updated = recording.invoice {
            try await connection.query(
                """
                UPDATE invoice SET status = \(updated.status.rawValue), reference_no = \(updated.referenceNo), paid_at = \(updated.paidAt?.timeIntervalSince1970),
                    next_check_at = \(updated.nextCheckAt?.timeIntervalSince1970), updated_at = \(updated.updatedAt.timeIntervalSince1970)
                WHERE number = \(updated.number)
                """, logger: logger)
        }
        if let transition = recording.transition { try await connection.query(PostgresRows.insertTransition(transition), logger: logger) }
        return recording.record
    }
}
