import Foundation

/// Everything a store holds, oldest first: what `kasir store copy` moves from one store to another.
public struct StoreHistory: Sendable, Equatable {
    /// A stored notification and the flag it was kept under (nil: applied).
    public struct StoredNotification: Sendable, Equatable {
        public var notification: ReceivedNotification
        public var flag: String?

        public init(notification: ReceivedNotification, flag: String?) {
            self.notification = notification
            self.flag = flag
        }
    }

    public var invoices: [Invoice]
    public var transitions: [InvoiceTransition]
    public var refunds: [Refund]
    public var notifications: [StoredNotification]
    public var audit: [AuditEntry]

    public init(invoices: [Invoice], transitions: [InvoiceTransition], refunds: [Refund], notifications: [StoredNotification], audit: [AuditEntry]) {
        self.invoices = invoices
        self.transitions = transitions
        self.refunds = refunds
        self.notifications = notifications
        self.audit = audit
    }

    /// "12 invoices, 30 transitions, …", for the command's report.
    public var summary: String {
        "\(invoices.count) invoices, \(transitions.count) transitions, \(refunds.count) refunds, \(notifications.count) notifications, \(audit.count) audit entries"
    }
}
