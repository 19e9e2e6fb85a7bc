import DokuSNAP
import Foundation
import HTTPTypes
import Hummingbird

/// The `/_sandbox/` control API for tests, demos and the console:
///
/// - `GET  /_sandbox/transactions` — every payment with status and refunds
/// - `POST /_sandbox/transactions/{partnerReferenceNo}/{pay|fail|cancel|expire|notify}`
/// - `GET  /_sandbox/deliveries` — every notification attempt and the merchant's answer
/// - `GET|PUT|DELETE /_sandbox/faults` — read, set or clear injected faults (`SandboxFaults` JSON)
///
/// Every request carries the run's token as `X-Sandbox-Token`. A browser sends a custom header
/// only after a CORS preflight this server never allows, so a page the developer visits cannot
/// drive the sandbox with a cross-site request.
enum ControlRoutes {
    static let tokenHeader = "X-Sandbox-Token"

    static func add(to router: Router<BasicRequestContext>, simulator: DokuSimulator, token: String) {
        let router = router.group("/_sandbox").add(middleware: ControlTokenCheck(token: token))
        router.get("transactions") { _, _ -> Response in
            let list = await simulator.transactions.map(describe)
            return SandboxServer.response(.json(.array(list)))
        }
        router.post("transactions/{reference}/{action}") { _, context -> Response in
            let reference = context.parameters.get("reference") ?? ""
            let action = context.parameters.get("action") ?? ""
            let result: SandboxTransaction?
            switch action {
            case "pay": result = await simulator.settle(partnerReferenceNo: reference, to: .success)
            case "fail": result = await simulator.settle(partnerReferenceNo: reference, to: .failed)
            case "cancel": result = await simulator.settle(partnerReferenceNo: reference, to: .cancelled)
            case "expire": result = await simulator.expire(partnerReferenceNo: reference)
            case "notify":
                let sent = await simulator.resendNotification(partnerReferenceNo: reference)
                result = sent ? await simulator.transaction(partnerReferenceNo: reference) : nil
                if !sent {
                    return error(409, "no final status to notify for \(reference); pay, fail or expire it first")
                }
            default:
                return error(404, "unknown action '\(action.cleanedForDisplay(limit: 20))'; use pay, fail, cancel, expire or notify")
            }
            guard let result else { return error(404, "no payment with partnerReferenceNo \(reference.cleanedForDisplay(limit: 64))") }
            return SandboxServer.response(.json(describe(result)))
        }
        router.get("deliveries") { _, _ -> Response in
            let attempts = await simulator.deliveries
            return SandboxServer.response(SandboxAnswer(status: 200, body: (try? Array(encoder.encode(attempts))) ?? []))
        }
        router.get("faults") { _, _ -> Response in
            let faults = await simulator.currentFaults
            return SandboxServer.response(SandboxAnswer(status: 200, body: (try? Array(encoder.encode(faults))) ?? []))
        }
        router.put("faults") { request, _ -> Response in
            let body = (try? await SandboxServer.body(request)) ?? []
            do {
                let faults = try JSONDecoder().decode(SandboxFaults.self, from: Data(body))
                await simulator.setFaults(faults)
                return SandboxServer.response(SandboxAnswer(status: 200, body: (try? Array(encoder.encode(faults))) ?? []))
            } catch {
                return self.error(400, "the body is not a faults object: \(String(describing: error).cleanedForDisplay(limit: 200))")
            }
        }
        router.delete("faults") { _, _ -> Response in
            await simulator.setFaults(SandboxFaults())
            return SandboxServer.response(.json(.object(["cleared": .bool(true)])))
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func error(_ status: Int, _ message: String) -> Response {
        SandboxServer.response(.json(.object(["error": .string(message)]), status: status))
    }

    static func describe(_ transaction: SandboxTransaction) -> JSONValue {
        .object([
            "partnerReferenceNo": .string(transaction.partnerReferenceNo), "referenceNo": .string(transaction.referenceNo),
            "status": .string(transaction.status.rawValue), "statusMeaning": .string(transaction.status.meaning),
            "amount": .amount(transaction.amount), "refunded": .amount(transaction.refunded),
            "webRedirectUrl": .string(transaction.webRedirectUrl), "validUpTo": .string(SNAPTimestamp.format(transaction.validUpTo)),
            "orderTitle": transaction.orderTitle.map { .string($0) } ?? .null,
            "refunds": .array(transaction.refunds.map { .object(["partnerRefundNo": .string($0.partnerRefundNo), "amount": .amount($0.amount)]) }),
        ])
    }
}

/// Refuses a control request without the run's token (compared in constant time).
struct ControlTokenCheck: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: [UInt8]

    init(token: String) { self.token = Array(token.utf8) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let given = HTTPField.Name(ControlRoutes.tokenHeader).flatMap { request.headers[$0] }.map { Array($0.utf8) } ?? []
        guard Self.same(given, token) else {
            return ControlRoutes.error(
                401,
                given.isEmpty
                    ? "the control API needs the token `kasir sandbox` printed when it started: send it as \(ControlRoutes.tokenHeader)"
                    : "wrong \(ControlRoutes.tokenHeader): use the token this run of `kasir sandbox` printed (it changes at every start)")
        }
        return try await next(request, context)
    }

    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
