import AsyncHTTPClient
import DokuSNAP
import Foundation
import KasirCore
import NIOCore
import Testing

/// Requests that are not DOKU's reach the receiver: each is refused, kept in the audit log, and changes nothing.
@Suite struct ReceiverTests {
    static let http = HTTPClient(eventLoopGroupProvider: .singleton)

    func post(_ url: String, headers: [String: String], body: [UInt8]) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await Self.http.execute(request, timeout: .seconds(10))
        let answer = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: answer))
    }

    /// A token from the receiver, asked for as DOKU asks (or with another key).
    func token(_ merchant: Merchant, key: RSASigningKey = E2EKeys.doku) async throws -> (Int, String) {
        let timestamp = SNAPTimestamp.format(Date())
        let signature = try AsymmetricSignature.sign(clientID: E2EKeys.clientID, timestamp: timestamp, with: key)
        let (status, body) = try await post(
            merchant.receiver.baseURL + DokuPaths.accessToken, headers: ["X-CLIENT-KEY": E2EKeys.clientID, "X-TIMESTAMP": timestamp, "X-SIGNATURE": signature],
            body: Array(#"{"grantType":"client_credentials"}"#.utf8))
        let decoded = try? JSONDecoder().decode(AccessTokenResponse.self, from: Data(body.utf8))
        return (status, decoded?.accessToken ?? decoded?.responseCode ?? "")
    }

    func notify(_ merchant: Merchant, token: String, body: String, secret: Secret = E2EKeys.secret, timestamp: String? = nil, signedBody: String? = nil) async throws -> (Int, String) {
        let stamp = timestamp ?? SNAPTimestamp.format(Date())
        let signature = SymmetricSignature(clientSecret: secret).sign(
            method: "POST", path: DokuPaths.notify, accessToken: Secret(token), body: Array((signedBody ?? body).utf8), timestamp: stamp)
        return try await post(
            merchant.receiver.baseURL + DokuPaths.notify,
            headers: ["Authorization": "Bearer \(token)", "X-TIMESTAMP": stamp, "X-SIGNATURE": signature, "X-PARTNER-ID": E2EKeys.clientID, "X-EXTERNAL-ID": "123"],
            body: Array(body.utf8))
    }

    /// A notification as DOKU's pages say DOKU sends it: SHA256withRSA with DOKU's key over
    /// POST:notifyPath:sha256hex(minify(body)):X-TIMESTAMP, and the headers of DOKU's SNAP
    /// notification sample (no Authorization).
    func notifyAsDoku(_ merchant: Merchant, body: String, key: RSASigningKey = E2EKeys.doku, externalID: String = "230814190612393107186190192001154673") async throws
        -> (Int, String)
    {
        let stamp = SNAPTimestamp.format(Date())
        let signature = try key.sign("POST:" + DokuPaths.notify + ":" + JSONMinifier.bodyHash(Array(body.utf8)) + ":" + stamp)
        return try await post(
            merchant.receiver.baseURL + DokuPaths.notify,
            headers: ["X-TIMESTAMP": stamp, "X-SIGNATURE": signature, "X-PARTNER-ID": E2EKeys.clientID, "X-EXTERNAL-ID": externalID],
            body: Array(body.utf8))
    }

    /// DOKU's direct-debit notification sample, with the amount without decimals DOKU's samples show.
    func dokuShapedBody(_ invoice: Invoice, reference: String? = nil) -> String {
        """
        {"originalPartnerReferenceNo":"\(invoice.number)","originalReferenceNo":"\(reference ?? invoice.referenceNo ?? "")","originalExternalId":"534375157",\
        "latestTransactionStatus":"00","transactionStatusDesc":"Success","amount":{"value":"\(invoice.amount.minorUnits / 100)","currency":"IDR"},\
        "additionalInfo":{"custIdMerchant":"UATALLO1","accountType":"DIRECT_DEBIT"}}
        """
    }

    @Test func aNotificationSignedAsDokuDocumentsIsAppliedExactlyOnce() async throws {
        let merchant = try await Merchant.start()
        let invoice = try await merchant.desk.createPayment(PaymentDraft(amount: idr(12_500)))
        let body = dokuShapedBody(invoice)
        #expect(body.contains(#""value":"12500""#))
        func code(_ answer: (Int, String)) -> String {
            (try? JSONDecoder().decode(NotificationAnswer.self, from: Data(answer.1.utf8)))?.responseCode ?? "HTTP \(answer.0)"
        }
        #expect(code(try await notifyAsDoku(merchant, body: body)) == "2005600")
        #expect(try await merchant.store.invoice(invoice.number)?.status == .paid)
        // DOKU retries (a new X-EXTERNAL-ID): acknowledged again, applied once.
        #expect(code(try await notifyAsDoku(merchant, body: body, externalID: "230814190612393107186190192001154674")) == "2005600")
        #expect(try await merchant.store.notificationCount() == 1)
        #expect(try await merchant.store.transitions(of: invoice.number).filter { $0.to == .paid }.count == 1)
        // Signed with any key but DOKU's, it is refused.
        #expect(code(try await notifyAsDoku(merchant, body: body, key: E2EKeys.merchant)) == "4015600")
        await merchant.stop()
    }

    @Test func aNotificationWhoseReferenceDiffersIsKeptNotApplied() async throws {
        let merchant = try await Merchant.start()
        let invoice = try await merchant.desk.createPayment(PaymentDraft(amount: idr(12_500)))
        let (status, _) = try await notifyAsDoku(merchant, body: dokuShapedBody(invoice, reference: "99999999999999999999"))
        #expect(status == 200)
        #expect(try await merchant.store.invoice(invoice.number)?.status == .awaitingPayment)
        #expect(try await merchant.store.flaggedNotifications().map(\.1) == ["reference_mismatch"])
        await merchant.stop()
    }

    @Test func bothSignatureSchemesOfTheSandboxTurnAnInvoicePaid() async throws {
        for scheme in [NotificationSignatureScheme.asymmetric, .symmetric] {
            let merchant = try await Merchant.start(notificationSignature: scheme)
            let invoice = try await merchant.desk.createPayment(PaymentDraft(amount: idr(15_000)))
            await merchant.simulator.settle(partnerReferenceNo: invoice.number, to: .success)
            #expect(try await eventually { try await merchant.store.invoice(invoice.number)?.status == .paid }, "\(scheme)")
            await merchant.simulator.waitForDeliveries()
            let deliveries = await merchant.simulator.deliveries
            #expect(deliveries.count == 1 && deliveries.allSatisfy(\.delivered), "\(scheme): \(deliveries)")
            await merchant.stop()
        }
    }

    @Test func aFloodOfForgedNotificationsIsCountedNotStoredRowByRow() async throws {
        let merchant = try await Merchant.start()
        let invoice = try await merchant.desk.createPayment(PaymentDraft(amount: idr(12_500)))
        let body = dokuShapedBody(invoice)
        // Incoming rows only: the payment's own exchange is written in the background.
        let before = try await merchant.store.audit(limit: 10_000).filter { $0.direction == .incoming }.count
        for batch in 0..<20 {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let forged = index % 2 == 0 ? try await notifyAsDoku(merchant, body: body, key: E2EKeys.merchant) : try await notify(merchant, token: "x.y.z\(batch)", body: body)
                        #expect(forged.0 == 401)
                    }
                }
                try await group.waitForAll()
            }
        }
        // 1,000 forged requests: one row for each kind of refusal (two kinds here), the rest counted.
        #expect(try await merchant.store.audit(limit: 10_000).filter { $0.direction == .incoming }.count - before == 2)
        await merchant.desk.flushRefusals()
        let rows = try await merchant.store.audit(limit: 10_000).filter { $0.direction == .incoming }
        #expect(rows.count == 4)
        #expect(rows.contains { $0.outcome.contains("499 more unauthenticated requests") })
        #expect(try await merchant.store.invoice(invoice.number)?.status == .awaitingPayment)
        await merchant.stop()
    }

    func paidBody(_ invoice: Invoice) -> String {
        #"{"originalPartnerReferenceNo":"\#(invoice.number)","originalReferenceNo":"\#(invoice.referenceNo ?? "")","latestTransactionStatus":"00","amount":{"value":"\#(invoice.amount.wireValue)","currency":"IDR"}}"#
    }

    @Test func forgedExpiredMalformedAndOversizedNotificationsAreRefusedAndChangeNothing() async throws {
        let merchant = try await Merchant.start()
        let invoice = try await merchant.desk.createPayment(PaymentDraft(amount: idr(30_000)))
        let body = paidBody(invoice)

        let (forgedStatus, forgedCode) = try await token(merchant, key: E2EKeys.merchant)
        #expect(forgedStatus == 401)
        #expect(forgedCode == "4017300")
        let (_, token) = try await token(merchant)

        func code(_ answer: (Int, String)) -> String {
            (try? JSONDecoder().decode(NotificationAnswer.self, from: Data(answer.1.utf8)))?.responseCode ?? "HTTP \(answer.0)"
        }
        #expect(code(try await notify(merchant, token: "not.a.jwt", body: body)) == "4015601")
        #expect(code(try await notify(merchant, token: token, body: body, secret: Secret("wrong"))) == "4015600")
        #expect(code(try await notify(merchant, token: token, body: body, signedBody: body.replacingOccurrences(of: "30000.00", with: "1.00"))) == "4015600")
        #expect(code(try await notify(merchant, token: token, body: body, timestamp: SNAPTimestamp.format(Date().addingTimeInterval(-3600)))) == "4015600")
        #expect(code(try await notify(merchant, token: token, body: "{\"latestTransactionStatus\":\"00\"}")) == "4005602")
        #expect(code(try await notify(merchant, token: token, body: "not json")) == "4005601")
        let huge = #"{"pad":""# + String(repeating: "x", count: 70_000) + #""}"#
        let (hugeStatus, _) = try await notify(merchant, token: token, body: huge)
        #expect(hugeStatus == 413)
        #expect(try await merchant.store.invoice(invoice.number)?.status == .awaitingPayment)
        #expect(try await merchant.store.notificationCount() == 0)
        // One row per kind of unauthenticated refusal; the other two 4015600s are only counted.
        var refused = try await merchant.store.audit(limit: 50).filter { $0.direction == .incoming }
        #expect(refused.count == 6)
        #expect(refused.allSatisfy { $0.outcome.hasPrefix("refused") })
        // Each says which check refused it, with the request's headers (secrets as placeholders) and the answer sent.
        let checks = Dictionary(refused.compactMap { entry in entry.responseCode.map { ($0, entry) } }, uniquingKeysWith: { a, _ in a })
        #expect(checks["4015601"]?.refusedBy == .token)
        #expect(checks["4015600"]?.refusedBy == .signature)
        #expect(checks["4005601"]?.refusedBy == .body)
        #expect(checks["4017300"]?.refusedBy == .signature)
        let signature = try #require(checks["4015600"])
        #expect(signature.path == DokuPaths.notify && signature.method == "POST")
        #expect(signature.requestHeaders.contains { $0.name.lowercased() == "x-signature" && $0.value.hasPrefix("<redacted, ") })
        #expect(signature.requestHeaders.contains { $0.name.lowercased() == "authorization" && $0.value.hasPrefix("Bearer <redacted, ") })
        #expect(signature.responseBody.contains("4015600"))
        #expect(!refused.contains { entry in entry.requestHeaders.contains { $0.value.contains(token) } }, "the token is never kept")
        await merchant.desk.flushRefusals()
        refused = try await merchant.store.audit(limit: 50).filter { $0.direction == .incoming }
        #expect(refused.count == 7)
        #expect(refused.contains { $0.responseCode == "4015600" && $0.outcome.contains("2 more unauthenticated requests") })

        // The genuine one goes through; an out-of-date one afterwards changes nothing.
        #expect(code(try await notify(merchant, token: token, body: body)) == "2005600")
        #expect(try await merchant.store.invoice(invoice.number)?.status == .paid)
        let stale = body.replacingOccurrences(of: "\"00\"", with: "\"01\"")
        #expect(code(try await notify(merchant, token: token, body: stale)) == "2005600")
        #expect(try await merchant.store.invoice(invoice.number)?.status == .paid)
        await merchant.stop()
    }

    @Test func aNotificationForAnUnknownInvoiceIsKeptNotDropped() async throws {
        let merchant = try await Merchant.start()
        let (_, token) = try await token(merchant)
        let body = #"{"originalPartnerReferenceNo":"INV-NOT-OURS","originalReferenceNo":"X1","latestTransactionStatus":"00"}"#
        let (status, _) = try await notify(merchant, token: token, body: body)
        #expect(status == 200)
        #expect(try await merchant.store.flaggedNotifications().map(\.0.partnerReferenceNo) == ["INV-NOT-OURS"])
        await merchant.stop()
    }

    @Test func untrustedTextIsCleanedBeforeItIsStored() async throws {
        let merchant = try await Merchant.start()
        let (_, token) = try await token(merchant)
        // A bidi override and a zero-width space, escaped in JSON so the body itself is valid.
        let body = #"{"originalPartnerReferenceNo":"INV-\u202eEVIL\u200b","originalReferenceNo":"R\u202e1","latestTransactionStatus":"00"}"#
        let (status, _) = try await notify(merchant, token: token, body: body)
        #expect(status == 200)
        let stored = try #require(try await merchant.store.flaggedNotifications().first?.0)
        #expect(stored.partnerReferenceNo == "INV-EVIL")
        #expect(stored.referenceNo == "R1")
        await merchant.stop()
    }
}
