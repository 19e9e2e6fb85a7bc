import Foundation

/// How far a reader of the live log has got in the store: the last audit row and the last
/// received notification it has seen. Rows are only ever appended, so ids only grow.
public struct ActivityCursor: Sendable, Equatable {
    public var audit: Int64
    public var notification: Int64

    public init(audit: Int64 = 0, notification: Int64 = 0) {
        self.audit = audit
        self.notification = notification
    }
}

/// Live-log entries read from the store, whichever process wrote them, oldest first.
public struct ActivityPage: Sendable, Equatable {
    public var entries: [AuditEntry]
    /// Where to read on from.
    public var cursor: ActivityCursor
    /// More rows were waiting than the page could hold: read on at once.
    public var more: Bool

    public init(entries: [AuditEntry], cursor: ActivityCursor, more: Bool) {
        self.entries = entries
        self.cursor = cursor
        self.more = more
    }
}

extension ActivityPage {
    /// The page a store's rows make: `audit` and `notifications` are each table's rows after
    /// `cursor` (with no cursor, its newest), oldest first, at most `limit`; merged by time, with
    /// where to read on. Every store builds its page here, so they all page alike.
    public static func merging(
        audit: [(id: Int64, entry: AuditEntry)], notifications: [(id: Int64, entry: AuditEntry)], after cursor: ActivityCursor?, limit: Int
    ) -> ActivityPage {
        let entries = (audit.map(\.entry) + notifications.map(\.entry)).enumerated()
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        let next = ActivityCursor(audit: audit.last?.id ?? cursor?.audit ?? 0, notification: notifications.last?.id ?? cursor?.notification ?? 0)
        return ActivityPage(entries: entries, cursor: next, more: cursor != nil && (audit.count == limit || notifications.count == limit))
    }
}
