import DokuSNAP
import Foundation

/// How long the audit log is kept, and pruning it in batches so the writer that notifications
/// wait for is never held long. Only the audit log: the shop's records are never pruned.
public enum AuditRetention {
    /// Rows deleted per transaction.
    public static let batch = 5_000
    /// How often `kasir listen` prunes.
    public static let interval: Duration = .seconds(3_600)

    /// Entries written before this are due for pruning; nil when the log is kept forever.
    public static func cutoff(now: Date, keep: TimeInterval?) -> Date? {
        keep.map { now.addingTimeInterval(-$0) }
    }

    /// Deletes every entry before `before`, a batch at a time; returns how many.
    public static func prune(_ store: any MerchantStore, before: Date) async throws(StoreError) -> Int {
        var total = 0
        while true {
            let deleted = try await store.pruneAudit(before: before, limit: batch)
            total += deleted
            guard deleted == batch, !Task.isCancelled else { return total }
        }
    }

    /// Prunes now and then every `interval` until cancelled; `report` hears each prune that deleted something.
    public static func keepPruning(
        _ store: any MerchantStore, keep: TimeInterval, clock: any WallClock = SystemClock(), report: @escaping @Sendable (Int, Date) -> Void
    ) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                if let cutoff = cutoff(now: clock.now(), keep: keep), let deleted = try? await prune(store, before: cutoff), deleted > 0 {
                    report(deleted, cutoff)
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
