import DokuSNAP
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// A DOKU written for these tests from DOKU's pages and samples, sharing no code with
/// `DokuSandbox`: its own ledger of payments and refunds, DOKU's idempotency (a repeated
/// `partnerRefundNo` or `partnerReferenceNo` gets the first result again), answers with numbers
/// where SNAP says string, and faults that apply the work and *then* fail. Its ledger is the
/// outside witness of how often money moved.
final class IndependentDoku: Sendable {
    struct Payment: Sendable {
        var amount: String
        var status = "03"
        var referenceNo: Int
    }

    struct State {
        var payments: [String: Payment] = [:]
        /// partnerRefundNo → (invoice, amount): every refund DOKU made, once each.
        var refunds: [String: (String, String)] = [:]
        var refundCalls = 0
        var paymentCalls = 0
        /// The next answers to give after doing the work, per path: HTTP status and body.
        var afterApply: [String: [(Int, String)]] = [:]
        /// The next answers to give *without* doing the work.
        var instead: [String: [(Int, String)]] = [:]
        /// Report this amount in status answers instead of the ledger's.
        var reportedAmount: String?
        var nextReference = 20_240_101_000_000_000
        var receivedRefundBodies: [[String: JSONValue]] = []
        var receivedPaymentHeaders: [[String: String]] = []
        /// Give this link instead of DOKU's own.
        var link: String?
    }

    let state = Mutex(State())

    var refundCount: Int { state.withLock { $0.refunds.count } }
    var refundCalls: Int { state.withLock { $0.refundCalls } }
    var paymentCount: Int { state.withLock { $0.payments.count } }
    var refundBodies: [[String: JSONValue]] { state.withLock { $0.receivedRefundBodies } }
    var paymentHeaders: [[String: String]] { state.withLock { $0.receivedPaymentHeaders } }

    /// Total refunded on `invoice`, in rupiah, by DOKU's own ledger.
    func refunded(_ invoice: String) -> Int {
        state.withLock { state in state.refunds.values.filter { $0.0 == invoice }.reduce(0) { $0 + Int(Double($1.1) ?? 0) } }
    }

    func failAfterApplying(_ path: String, status: Int, body: String) { state.withLock { $0.afterApply[path, default: []].append((status, body)) } }
    func failInstead(_ path: String, status: Int, body: String) { state.withLock { $0.instead[path, default: []].append((status, body)) } }
    func pay(_ invoice: String) { state.withLock { $0.payments[invoice]?.status = "00" } }
    func reportAmount(_ value: String?) { state.withLock { $0.reportedAmount = value } }
    func giveLink(_ link: String) { state.withLock { $0.link = link } }

    /// Status 0 in a fault means: do the work, then hold the answer for this long (the client times out).
    static let hold: Duration = .seconds(3)

    private func take(_ queue: WritableKeyPath<State, [String: [(Int, String)]]>, _ path: String) -> (Int, String)? {
        state.withLock { state in
            guard var list = state[keyPath: queue][path], !list.isEmpty else { return nil }
            let first = list.removeFirst()
            state[keyPath: queue][path] = list
            return first
        }
    }

    func handle(_ path: String, headers: [String: String], body: [UInt8]) -> (Int, String) {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else { return (400, #"{"responseCode":"4000000","responseMessage":"Bad Request"}"#) }
        if let instead = take(\.instead, path) { return instead }
        let answer: (Int, String)
        switch path {
        case DokuPaths.payment:
            let invoice = json["partnerReferenceNo"]?.stringValue ?? ""
            let amount = json["amount"]?["value"]?.stringValue ?? ""
            answer = state.withLock { state in
                state.paymentCalls += 1
                state.receivedPaymentHeaders.append(headers)
                if state.payments[invoice] == nil {
                    state.nextReference += 1
                    state.payments[invoice] = Payment(amount: amount, referenceNo: state.nextReference)
                }
                let reference = state.payments[invoice]!.referenceNo
                let link = state.link.map { String(decoding: (try? JSONEncoder().encode($0)) ?? Data(), as: UTF8.self) } ?? "\"https://app-uat.doku.com/link/\(reference)\""
                // Numbers where SNAP says string, and the link under additionalInfo only.
                return (200, #"{"responseCode":2005400,"responseMessage":"Successful","partnerReferenceNo":"\#(invoice)","referenceNo":\#(reference),"additionalInfo":{"webRedirectUrl":\#(link)}}"#)
            }
        case DokuPaths.checkStatus:
            let invoice = json["originalPartnerReferenceNo"]?.stringValue ?? ""
            answer = state.withLock { state in
                guard let payment = state.payments[invoice] else { return (404, #"{"responseCode":"4045501","responseMessage":"Transaction Not Found"}"#) }
                let amount = state.reportedAmount ?? payment.amount
                return (200, #"{"responseCode":"2005500","responseMessage":"Successful","serviceCode":55,"latestTransactionStatus":"\#(payment.status)","originalPartnerReferenceNo":"\#(invoice)","originalReferenceNo":\#(payment.referenceNo),"transAmount":{"value":"\#(amount)","currency":"IDR"},"paidTime":"2024-01-01T09:09:00.123"}"#)
            }
        case DokuPaths.refund:
            let invoice = json["originalPartnerReferenceNo"]?.stringValue ?? ""
            let number = json["partnerRefundNo"]?.stringValue ?? ""
            let amount = json["refundAmount"]?["value"]?.stringValue ?? ""
            answer = state.withLock { state in
                state.refundCalls += 1
                state.receivedRefundBodies.append(json.objectValue ?? [:])
                guard let payment = state.payments[invoice], payment.status == "00" else {
                    return (404, #"{"responseCode":"4045800","responseMessage":"Invalid Transaction Status"}"#)
                }
                // A repeated partnerRefundNo gets the first result again: it is never made twice.
                if state.refunds[number] == nil {
                    let paid = Double(payment.amount) ?? 0
                    let done = state.refunds.values.filter { $0.0 == invoice }.reduce(0.0) { $0 + (Double($1.1) ?? 0) }
                    guard done + (Double(amount) ?? 0) <= paid else {
                        return (404, #"{"responseCode":"4045813","responseMessage":"Invalid Amount"}"#)
                    }
                    state.refunds[number] = (invoice, amount)
                }
                return (200, #"{"responseCode":"2005800","responseMessage":"Successful","originalPartnerReferenceNo":"\#(invoice)","partnerRefundNo":"\#(number)","refundNo":"RN-\#(number)","refundAmount":{"value":"\#(amount)","currency":"IDR"},"refundTime":"2024-01-01T09:09:00.123"}"#)
            }
        default:
            answer = (404, #"{"responseCode":"4040000","responseMessage":"Not Found"}"#)
        }
        if let fault = take(\.afterApply, path) { return fault.0 == 0 ? (0, answer.1) : fault }
        return answer
    }

    /// Serves on an ephemeral loopback port until `stop()`.
    func start() async throws -> (port: Int, task: Task<Void, any Error>) {
        let router = Router()
        router.post(RouterPath(DokuPaths.accessToken)) { _, _ in
            Self.json(200, #"{"responseCode":"2007300","responseMessage":"Successful","accessToken":"independent-token","tokenType":"Bearer","expiresIn":900}"#)
        }
        for path in [DokuPaths.payment, DokuPaths.checkStatus, DokuPaths.refund] {
            router.post(RouterPath(path)) { request, _ in
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                let body = Array(try await request.body.collect(upTo: 1 << 20).readableBytesView)
                var (status, text) = self.handle(path, headers: headers, body: body)
                if status == 0 {
                    try await Task.sleep(for: Self.hold)
                    status = 200
                }
                return Self.json(status, text)
            }
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "independent-doku", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return (port, task)
    }

    static func json(_ status: Int, _ body: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

extension JSONValue {
    var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }
}
