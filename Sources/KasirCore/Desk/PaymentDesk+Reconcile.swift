import DokuSNAP
import Foundation

/// What a reconciliation pass did.
public struct ReconcileReport: Sendable, Equatable {
    public var checked = 0
    public var changed = 0
    public var failed = 0
    /// Invoice number → what happened, for the CLI and the log.
    public var notes: [String] = []
    /// What DOKU's answers changed, invoice by invoice: the Z report lists them.
    public var changes: [Change] = []

    /// One invoice whose status a reconcile changed.
    public struct Change: Sendable, Equatable {
        public var invoiceNumber: String
        public var from: InvoiceStatus?
        public var to: InvoiceStatus
        public var amount: Money

        public init(invoiceNumber: String, from: InvoiceStatus?, to: InvoiceStatus, amount: Money) {
            self.invoiceNumber = invoiceNumber
            self.from = from
            self.to = to
            self.amount = amount
        }
    }

    public init() {}

    /// `checked 12, changed 2 (INV-1: AWAITING → PAID; …), failed 0`: the live log's one line.
    public var summary: String { ReconcileSummary(self).text }
}

/// What the audit log needs to know about the task writing it.
public enum AuditContext {
    /// Set while `reconcile` runs: its status checks are routine and summarised.
    @TaskLocal public static var reconciling = false
    public static let reconcileOperation = "reconcile"
    public static let reconcileCheckOperation = "reconcile status check"
}

extension AuditEntry {
    /// A reconcile's status check that DOKU answered with success: in the summary line, not a line of its own.
    public var isRoutineReconcileCheck: Bool {
        operation == AuditContext.reconcileCheckOperation && (responseCode.flatMap(ResponseCode.init)?.isSuccess ?? false)
    }
}

extension PaymentDesk {
    /// Settles what a crash, a timeout or a lost notification left open: invoices whose outcome
    /// is unknown, intents never sent, open invoices due for a status check (no earlier than
    /// 60 s after creation, backing off), and refunds whose outcome is unknown.
    ///
    /// Its status checks are audited as `reconcile status check`, and it writes one summary row
    /// with what changed, so the live log shows one line per run instead of one per invoice.
    public func reconcile(limit: Int = 200, force: Bool = false) async -> ReconcileReport {
        let report = await AuditContext.$reconciling.withValue(true) { await reconcileChecks(limit: limit, force: force) }
        if report.checked > 0 || report.failed > 0 {
            await audit(
                AuditEntry(
                    at: clock.now(), direction: .outgoing, operation: AuditContext.reconcileOperation, httpStatus: nil, responseCode: nil,
                    outcome: report.summary))
        }
        return report
    }

    private func reconcileChecks(limit: Int, force: Bool) async -> ReconcileReport {
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
                    report.notes.append(ReconcileSummary.Note.changed(invoiceNumber: number, from: before?.status, to: after.status).text)
                    report.changes.append(ReconcileReport.Change(invoiceNumber: number, from: before?.status, to: after.status, amount: after.amount))
                } else {
                    report.notes.append(ReconcileSummary.Note.unchanged(invoiceNumber: number, status: after.status).text)
                }
            } catch {
                report.failed += 1
                report.notes.append("\(number): \(error)")
            }
        }
        return report
    }
}
