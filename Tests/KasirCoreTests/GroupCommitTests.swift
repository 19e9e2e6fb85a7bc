import Foundation
import GRDB
import Testing

@testable import KasirStore

/// Group commit: items that arrive together share a transaction, and one that fails fails alone.
@Suite struct GroupCommitTests {
    func pool() throws -> DatabasePool {
        let path = temporaryDatabase()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path)
        try pool.write { db in try db.execute(sql: "CREATE TABLE item (n INTEGER PRIMARY KEY CHECK (n % 7 != 0))") }
        return pool
    }

    @Test func aFailingItemFailsAloneAndTheRestOfItsGroupIsStored() async throws {
        let pool = try pool()
        let committer = GroupCommitter<Int, Int>(pool: pool) { n, db in
            try db.execute(sql: "INSERT INTO item (n) VALUES (?)", arguments: [n])
            return n
        }
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for n in 1...300 { group.addTask { (n, (try? await committer.submit(n)) == n) } }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        let stored = try await pool.read { db in try Set(Int.fetchAll(db, sql: "SELECT n FROM item")) }
        for n in 1...300 {
            #expect(outcomes[n] == (n % 7 != 0), "item \(n)")
            #expect(stored.contains(n) == (n % 7 != 0), "item \(n) stored")
        }
        // The same numbers again are duplicates: every one fails, nothing is added.
        let again = await withTaskGroup(of: Bool.self) { group in
            for n in 1...50 { group.addTask { (try? await committer.submit(n)) != nil } }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(again == 0)
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM item") } == stored.count)
    }

    @Test func theWritingThreadComesBackAfterItEnded() async throws {
        let pool = try pool()
        let committer = GroupCommitter<Int, Int>(pool: pool, linger: 0.01) { n, db in
            try db.execute(sql: "INSERT INTO item (n) VALUES (?)", arguments: [n])
            return n
        }
        #expect(try await committer.submit(1) == 1)
        try await Task.sleep(for: .milliseconds(50))
        #expect(try await committer.submit(2) == 2, "a new thread writes after the first one ended")
    }
}
