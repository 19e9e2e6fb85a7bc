import Foundation
import GRDB
import KasirCore

/// Group commit: items submitted while a transaction is being written are queued and written
/// together in the next one, so a burst costs one fsync per group instead of one per item.
/// An item that fails, fails alone (see `write`); a caller resumes only after its group committed.
///
/// The groups are written by a thread of its own, not from Swift's cooperative pool: measured
/// under wrk, waiting for a pool thread after each commit (the pool being busy verifying the
/// next notifications) took as long as the commit itself, and the writer is the one serial step.
/// The thread stays a moment after the queue empties, so a steady stream keeps one thread.
final class GroupCommitter<Item: Sendable, Result: Sendable>: @unchecked Sendable {
    typealias Apply = @Sendable (Item, Database) throws -> Result

    struct Waiting {
        let item: Item
        let continuation: CheckedContinuation<Result, any Error>
    }

    let pool: DatabasePool
    let apply: Apply
    let maximumGroup: Int
    /// How long the writing thread waits for more before it ends.
    let linger: TimeInterval
    /// Guards `queue` and `writing`; the writing thread waits on it. (Hence `@unchecked Sendable`:
    /// every mutable property is read and written only while it is locked.)
    private let condition = NSCondition()
    private var queue: [Waiting] = []
    private var writing = false

    init(pool: DatabasePool, maximumGroup: Int = 512, linger: TimeInterval = 0.05, apply: @escaping Apply) {
        self.pool = pool
        self.apply = apply
        self.maximumGroup = maximumGroup
        self.linger = linger
    }

    func submit(_ item: Item) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            queue.append(Waiting(item: item, continuation: continuation))
            let startThread = !writing
            writing = true
            condition.signal()
            condition.unlock()
            if startThread {
                let thread = Thread { self.writeUntilIdle() }
                thread.name = "kasir.commit"
                thread.start()
            }
        }
    }

    /// Takes the next group, waiting up to `linger` for one; nil (and no longer writing) if none came.
    private func nextGroup() -> [Waiting]? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: linger)
        while queue.isEmpty {
            if !condition.wait(until: deadline), queue.isEmpty {
                writing = false
                return nil
            }
        }
        let group = Array(queue.prefix(maximumGroup))
        queue.removeFirst(group.count)
        return group
    }

    /// Writes groups until none comes for `linger`.
    private func writeUntilIdle() {
        while let group = nextGroup() {
            let items = group.map(\.item)
            let results: [Swift.Result<Result, any Error>]
            do {
                results = try write(items)
            } catch {
                // The transaction did not commit: nobody's item is stored.
                for waiting in group { waiting.continuation.resume(throwing: error) }
                continue
            }
            for (waiting, result) in zip(group, results) { waiting.continuation.resume(with: result) }
        }
    }

    /// One transaction for the group. Items almost never fail, so the group is first written
    /// without a savepoint per item (two statements each, a tenth of the writer's time); if one
    /// fails the transaction is rolled back and the group written again, each item in its own
    /// savepoint, so that item fails alone.
    private func write(_ items: [Item]) throws -> [Swift.Result<Result, any Error>] {
        let apply = self.apply
        do {
            return try pool.write { db in try items.map { .success(try apply($0, db)) } }
        } catch {
            guard items.count > 1 else { return [.failure(error)] }
        }
        return try pool.write { db -> [Swift.Result<Result, any Error>] in
            var results: [Swift.Result<Result, any Error>] = []
            results.reserveCapacity(items.count)
            for item in items {
                var outcome: Swift.Result<Result, any Error>
                do {
                    try db.cachedStatement(sql: "SAVEPOINT item").execute()
                    do {
                        outcome = .success(try apply(item, db))
                        try db.cachedStatement(sql: "RELEASE SAVEPOINT item").execute()
                    } catch {
                        outcome = .failure(error)
                        try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT item").execute()
                        try db.cachedStatement(sql: "RELEASE SAVEPOINT item").execute()
                    }
                } catch {
                    outcome = .failure(error)
                }
                results.append(outcome)
            }
            return results
        }
    }
}
