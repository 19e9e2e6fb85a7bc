import DokuSNAP
import Foundation

/// What a reconciliation pass did.
public struct ReconcileReport: Sendable, Equatable {
    public var checked = 0
    public var changed = 0
    public var failed = 0
    /// Invoice number → what happened, for the CLI and the log.
    public var notes: [String] = []

    public init() {}
}

extension PaymentDesk {
    /// Settles what a crash, a timeout or a lost notification left open: invoices whose outcome
    /// is unknown, intents never sent, open invoices due for a status check (no earlier than
    /// 60 s after creation, backing off), and refunds whose outcome is unknown.
    public func reconcile(limit: Int = 200, force: Bool = false) async -> ReconcileReport {
        var report = ReconcileReport()
        let now = clock.now()
        let due: [Invoice]
        let refunds: [Refund]
        do {
            due = try await store.invoicesToReconcile(now: force ? .distantFuture : now, limit: limit)
            refunds = try await store.unsettledRefunds(limit: limit)
        } catch {
            report.failed += 1
            report.notes.append("store: \(error)")
            return report
        }
        var numbers = due.map(\.number)
        for refund in refunds where !numbers.contains(refund.invoiceNumber) { numbers.append(refund.invoiceNumber) }
        for number in numbers {
            let before = try? await store.invoice(number)
            report.checked += 1
            do {
                let after = try await checkStatus(number)
                if after.status != before?.status {
                    report.changed += 1
                    report.notes.append("\(number): \(before?.status.label ?? "?") → \(after.status.label)")
                } else {
                    report.notes.append("\(number): still \(after.status.label)")
                }
            } catch {
                report.failed += 1
                report.notes.append("\(number): \(error)")
            }
        }
        return report
    }
}
