import DokuSNAP
import Foundation
import Synchronization

/// Writes each DOKU exchange the client reports to the audit log, then announces it to the live
/// log. The client reports synchronously, so the writes run in the background; `drain()` waits
/// for the ones still running, so a short-lived command (`kasir pay`) does not exit before its
/// exchanges are stored.
public final class AuditWriter: Sendable {
    let store: any MerchantStore
    let events: EventHub
    private let pending = Mutex<(next: Int, tasks: [Int: Task<Void, Never>])>((0, [:]))

    public init(store: any MerchantStore, events: EventHub) {
        self.store = store
        self.events = events
    }

    /// Pass it as `DokuClient(onExchange:)`.
    public func report(_ exchange: DokuExchange) {
        let routine = exchange.operation == .checkStatus && AuditContext.reconciling
        let entry = AuditEntry(
            at: exchange.startedAt, direction: .outgoing, operation: routine ? AuditContext.reconcileCheckOperation : exchange.operation.rawValue,
            invoiceNumber: PaymentDesk.invoiceNumber(inBody: exchange.requestBody), externalID: exchange.externalID, httpStatus: exchange.httpStatus,
            responseCode: exchange.responseCode?.rawValue, latencyMs: exchange.latencyMilliseconds, outcome: exchange.outcome,
            requestBody: exchange.requestBody, responseBody: exchange.responseBody, method: "POST", path: exchange.path,
            requestHeaders: exchange.requestHeaders, responseHeaders: exchange.responseHeaders)
        pending.withLock { state in
            let id = state.next
            state.next += 1
            state.tasks[id] = Task { [store, events] in
                try? await store.append(entry)
                // Emitted once written, so that a reader of the store (the console's log) finds it.
                events.emit(.audit(entry))
                self.pending.withLock { _ = $0.tasks.removeValue(forKey: id) }
            }
        }
    }

    /// Waits until every exchange reported so far is written.
    public func drain() async {
        while let task = pending.withLock({ $0.tasks.values.first }) { await task.value }
    }
}
