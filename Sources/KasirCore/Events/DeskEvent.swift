import Foundation
import Synchronization

/// What the live panes of a front end are told about.
public enum DeskEvent: Sendable {
    case invoiceChanged(Invoice, InvoiceTransition?)
    case refundChanged(Refund)
    /// An exchange with DOKU or a notification, as written to the audit log.
    case audit(AuditEntry)
}

/// Fans events out to any number of subscribers; a slow subscriber drops its oldest events
/// rather than slowing the desk down.
public final class EventHub: Sendable {
    private let subscribers = Mutex<[Int: AsyncStream<DeskEvent>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    public init() {}

    /// A new stream of every event from now on.
    public func subscribe(buffer: Int = 1_000) -> AsyncStream<DeskEvent> {
        let (stream, continuation) = AsyncStream<DeskEvent>.makeStream(bufferingPolicy: .bufferingNewest(buffer))
        let id = nextID.add(1, ordering: .relaxed).newValue
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            self?.subscribers.withLock { _ = $0.removeValue(forKey: id) }
        }
        return stream
    }

    public func emit(_ event: DeskEvent) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(event) }
    }

    public func finish() {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.finish() }
    }
}
