import DokuSNAP
import Foundation
import Hummingbird

/// The `/_sandbox/` control API for tests, demos and the console:
///
/// - `GET  /_sandbox/transactions` — every payment with status and refunds
/// - `POST /_sandbox/transactions/{partnerReferenceNo}/{pay|fail|cancel|expire|notify}`
/// - `GET  /_sandbox/deliveries` — every notification attempt and the merchant's answer
/// - `GET|PUT|DELETE /_sandbox/faults` — read, set or clear injected faults (`SandboxFaults` JSON)
enum ControlRoutes {
    static func add(to router: Router<BasicRequestContext>, simulator: DokuSimulator) {
        router.get("/_sandbox/transactions") { _, _ -> Response in
            let list = await simulator.transactions.map(describe)
            return SandboxServer.response(.json(.array(list)))
        }
        router.post("/_sandbox/transactions/{reference}/{action}") { _, context -> Response in
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
        router.get("/_sandbox/deliveries") { _, _ -> Response in
            let attempts = await simulator.deliveries
            return SandboxServer.response(SandboxAnswer(status: 200, body: (try? Array(encoder.encode(attempts))) ?? []))
        }
        router.get("/_sandbox/faults") { _, _ -> Response in
            let faults = await simulator.currentFaults
            return SandboxServer.response(SandboxAnswer(status: 200, body: (try? Array(encoder.encode(faults))) ?? []))
        }
        router.put("/_sandbox/faults") { request, _ -> Response in
            let body = (try? await SandboxServer.body(request)) ?? []
            do {
                let faults = try JSONDecoder().decode(SandboxFaults.self, from: Data(body))
                await simulator.setFaults(faults)
                return SandboxServer.response(SandboxAnswer(status: 200, body: (try? Array(encoder.encode(faults))) ?? []))
            } catch {
                return self.error(400, "the body is not a faults object: \(String(describing: error).cleanedForDisplay(limit: 200))")
            }
        }
        router.delete("/_sandbox/faults") { _, _ -> Response in
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
