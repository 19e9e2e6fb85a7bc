import DokuSNAP
import Foundation
import Logging

/// The one service front ends call: it drives `DokuClient` and the `MerchantStore` so that
/// money is never lost or doubled. Intent is stored before DOKU is called; every answer (or
/// its absence) is stored after; reconciliation settles whatever a crash or timeout left open.
public actor PaymentDesk {
    public let store: any MerchantStore
    let client: DokuClient
    public nonisolated let configuration: DeskConfiguration
    let clock: any WallClock
    public nonisolated let events: EventHub
    let logger: Logger

    public init(store: any MerchantStore, client: DokuClient, configuration: DeskConfiguration = DeskConfiguration(), clock: any WallClock = SystemClock(), events: EventHub = EventHub(), logger: Logger = Logger(label: "kasir.desk")) {
        self.store = store
        self.client = client
        self.configuration = configuration
        self.clock = clock
        self.events = events
        self.logger = logger
    }

    /// Builds the client's exchange reporter that writes the audit log and feeds the live log.
    /// Pass it as `DokuClient(onExchange:)`.
    public static func auditReporter(store: any MerchantStore, events: EventHub) -> @Sendable (DokuExchange) -> Void {
        { exchange in
            let entry = AuditEntry(
                at: exchange.startedAt, direction: .outgoing, operation: exchange.operation.rawValue,
                invoiceNumber: invoiceNumber(inBody: exchange.requestBody), externalID: exchange.externalID, httpStatus: exchange.httpStatus,
                responseCode: exchange.responseCode?.rawValue, latencyMs: exchange.latencyMilliseconds, outcome: exchange.outcome,
                requestBody: exchange.requestBody, responseBody: exchange.responseBody)
            // Emitted once written, so that a reader of the store (the console's log) finds it.
            Task {
                try? await store.append(entry)
                events.emit(.audit(entry))
            }
        }
    }

    static func invoiceNumber(inBody body: String) -> String? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) else { return nil }
        return (value["partnerReferenceNo"] ?? value["originalPartnerReferenceNo"])?.stringValue
    }

    /// Records a notification or token request that was refused, for the audit log and live log.
    public func recordRejected(operation: String, code: String, message: String, body: String, externalID: String?) async {
        let entry = AuditEntry(
            at: clock.now(), direction: .incoming, operation: operation, invoiceNumber: Self.invoiceNumber(inBody: body), externalID: externalID,
            httpStatus: Int(code.prefix(3)), responseCode: code, outcome: "refused: " + message.cleanedForDisplay(limit: 150), requestBody: body)
        await audit(entry)
    }

    func audit(_ entry: AuditEntry) async {
        do { try await store.append(entry) } catch { logger.error("audit log write failed: \(error)") }
        events.emit(.audit(entry))
    }

    func emit(_ change: InvoiceChange?) {
        if let change { events.emit(.invoiceChanged(change.invoice, change.transition)) }
    }

    func storeError(_ error: any Error) -> DeskError {
        if let error = error as? StoreError {
            switch error {
            case .duplicate(let what): return .duplicate(what)
            case .notFound(let what): return .notFound(what)
            default: return .store(error.description)
            }
        }
        return .store(String(describing: error).cleanedForDisplay(limit: 200))
    }
}
