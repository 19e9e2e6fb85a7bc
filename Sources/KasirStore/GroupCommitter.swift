import Foundation
import GRDB
import KasirCore
import Synchronization

/// Group commit: items submitted while a transaction is being written are queued and written
/// together in the next one, so a burst costs one fsync per group instead of one per item.
/// Each item runs in its own savepoint; a caller resumes only after its group committed.
final class GroupCommitter<Item: Sendable, Result: Sendable>: Sendable {
    typealias Apply = @Sendable (Item, Database) throws -> Result

    struct Waiting {
        let item: Item
        let continuation: CheckedContinuation<Result, any Error>
    }

    struct State {
        var queue: [Waiting] = []
        var writing = false
    }

    let pool: DatabasePool
    let apply: Apply
    let maximumGroup: Int
    let state = Mutex(State())

    init(pool: DatabasePool, maximumGroup: Int = 512, apply: @escaping Apply) {
        self.pool = pool
        self.apply = apply
        self.maximumGroup = maximumGroup
    }

    func submit(_ item: Item) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let startWriter = state.withLock { state -> Bool in
                state.queue.append(Waiting(item: item, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
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
                if group.isEmpty { state.writing = false }
                return group
            }
            guard !group.isEmpty else { return }
            let items = group.map(\.item)
            let apply = self.apply
            do {
                let results = try await pool.write { db -> [Swift.Result<Result, any Error>] in
                    var results: [Swift.Result<Result, any Error>] = []
                    for item in items {
                        // A savepoint of its own, by cached statements (preparing them anew was a
                        // twentieth of ingest's time): one item failing leaves the others in the group.
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
                for (waiting, result) in zip(group, results) { waiting.continuation.resume(with: result) }
            } catch {
                // The transaction did not commit: nobody's item is stored.
                for waiting in group { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}
