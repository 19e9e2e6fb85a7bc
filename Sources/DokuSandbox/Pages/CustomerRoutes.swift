import DokuSNAP
import Foundation
import Hummingbird

/// `GET /link/{id}` shows the customer page; `POST /link/{id}` applies Pay / Fail / Cancel;
/// `GET /return` is the merchant's return page of sandbox and demo configs (`urlParam`).
enum CustomerRoutes {
    static func add(to router: Router<BasicRequestContext>, simulator: DokuSimulator) {
        router.get("/return") { _, _ -> Response in
            SandboxServer.response(.html(CustomerPage.returned()))
        }
        router.get("/link/{id}") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard let transaction = await simulator.transaction(linkID: id) else {
                return SandboxServer.response(.html(CustomerPage.notFound(), status: 404))
            }
            let merchant = await simulator.configuration.merchantName
            return SandboxServer.response(.html(CustomerPage.render(transaction, merchant: merchant, now: simulator.clock.now())))
        }
        router.post("/link/{id}") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard let transaction = await simulator.transaction(linkID: id) else {
                return SandboxServer.response(.html(CustomerPage.notFound(), status: 404))
            }
            let form = CustomerPage.form((try? await SandboxServer.body(request)) ?? [])
            let merchant = await simulator.configuration.merchantName
            var message: String?
            switch form["action"] {
            case "pay":
                let pin = form["pin"] ?? ""
                if pin.count == 6 && pin.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    await simulator.settle(partnerReferenceNo: transaction.partnerReferenceNo, to: .success)
                } else {
                    message = "Enter your 6-digit DANA PIN."
                }
            case "fail": await simulator.settle(partnerReferenceNo: transaction.partnerReferenceNo, to: .failed)
            case "cancel": await simulator.settle(partnerReferenceNo: transaction.partnerReferenceNo, to: .cancelled)
            default: message = "Choose Pay, Fail or Cancel."
            }
            let now = await simulator.transaction(linkID: id) ?? transaction
            return SandboxServer.response(.html(CustomerPage.render(now, merchant: merchant, now: simulator.clock.now(), message: message), status: message == nil ? 200 : 400))
        }
    }
}
