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
    nonisolated let clock: any WallClock
    public nonisolated let events: EventHub
    nonisolated let logger: Logger
    /// Unauthenticated refusals per response code in the current window (see `recordRejected`).
    var refusals: [String: RefusalWindow] = [:]

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
    /// A process that exits soon after its calls should keep the `AuditWriter` and `drain()` it.
    public static func auditReporter(store: any MerchantStore, events: EventHub) -> @Sendable (DokuExchange) -> Void {
        AuditWriter(store: store, events: events).report
    }

    /// The invoice number a body names, cleaned: decoding turns `\u001b` into a real control character.
    static func invoiceNumber(inBody body: String) -> String? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) else { return nil }
        return (value["partnerReferenceNo"] ?? value["originalPartnerReferenceNo"])?.stringValue?.cleanedForDisplay(limit: 64)
    }

    /// How long one audit row stands for all unauthenticated refusals of one code.
    public static let refusalWindow: TimeInterval = 60

    /// Records a notification or token request that was refused, for the audit log and live log.
    ///
    /// An unauthenticated refusal can come from anyone who reaches the port, so it must not cost
    /// a database write each: the first of each response code in a minute is written whole, the
    /// rest are counted and written as one summary row when the minute is over.
    /// `path`, `headers` (secrets already redacted), `check` and `answer` are kept for the exchange view.
    public func recordRejected(
        operation: String, code: String, message: String, body: String, externalID: String?, authenticated: Bool = false, path: String? = nil,
        headers: [ExchangeHeader] = [], check: NotificationCheck? = nil, answer: String = ""
    ) async {
        let now = clock.now()
        let entry = AuditEntry(
            at: now, direction: .incoming, operation: operation, invoiceNumber: Self.invoiceNumber(inBody: body),
            externalID: externalID?.cleanedForDisplay(limit: 40), httpStatus: Int(code.prefix(3)), responseCode: code,
            outcome: NotificationOutcome.refusedPrefix + message.cleanedForDisplay(limit: 150), requestBody: body.cleanedForDisplay(limit: 4096),
            responseBody: answer.cleanedForDisplay(limit: 1024), method: "POST", path: path, requestHeaders: headers, refusedBy: check)
        guard !authenticated else { return await audit(entry) }
        let key = operation + " " + code
        if var window = refusals[key], now.timeIntervalSince(window.start) < Self.refusalWindow {
            window.more += 1
            refusals[key] = window
            if window.more == 1 {
                let delay = Self.refusalWindow - now.timeIntervalSince(window.start)
                Task { [weak self] in
                    try? await Task.sleep(for: .seconds(max(0, delay)))
                    await self?.flushRefusals(force: false)
                }
            }
            return
        }
        await flushRefusals(key: key)
        refusals[key] = RefusalWindow(start: now, operation: operation, code: code)
        await audit(entry)
    }

    /// Writes the summary rows of refusal windows that are over (all of them with `force`).
    public func flushRefusals(force: Bool = true) async {
        let now = clock.now()
        for key in refusals.keys.sorted() where force || now.timeIntervalSince(refusals[key]!.start) >= Self.refusalWindow {
            await flushRefusals(key: key)
        }
    }

    private func flushRefusals(key: String) async {
        guard let window = refusals.removeValue(forKey: key), window.more > 0 else { return }
        let entry = AuditEntry(
            at: clock.now(), direction: .incoming, operation: window.operation, invoiceNumber: nil, externalID: nil, httpStatus: Int(window.code.prefix(3)),
            responseCode: window.code,
            outcome: "refused: \(window.more) more unauthenticated request\(window.more == 1 ? "" : "s") since \(SNAPTimestamp.format(window.start)) (counted, not stored)",
            requestBody: "")
        await audit(entry)
    }

    nonisolated func audit(_ entry: AuditEntry) async {
        do { try await store.append(entry) } catch { logger.error("audit log write failed: \(error)") }
        events.emit(.audit(entry))
    }

    nonisolated func emit(_ change: InvoiceChange?) {
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

/// Unauthenticated refusals of one kind since `start`: the first was written, `more` were only counted.
struct RefusalWindow: Sendable {
    var start: Date
    var operation: String
    var code: String
    var more = 0
}
