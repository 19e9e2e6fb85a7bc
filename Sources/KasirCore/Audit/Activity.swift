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
