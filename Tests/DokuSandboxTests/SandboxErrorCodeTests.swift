import DokuSNAP
import DokuSandbox
import Foundation
import Testing

/// Every rejection the sandbox documents, provoked on purpose over real HTTP.
@Suite struct SandboxErrorCodeTests {
    static let body = #"{"partnerReferenceNo":"INV-E1","amount":{"value":"10000.00","currency":"IDR"},"additionalInfo":{"channel":"EMONEY_DANA_SNAP"},"urlParam":[{"url":"https://merchant.example/return","type":"PAY_RETURN","isDeepLink":"N"}]}"#

    func code(_ answer: (status: Int, body: [String: JSONValue])) -> String {
        let code = answer.body["responseCode"]?.stringValue ?? "none"
        #expect(answer.status == Int(code.prefix(3)) ?? -1, "HTTP status must be the code's first three digits")
        return code
    }

    @Test func tokenRequestErrors() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let url = fixture.sandbox.baseURL + DokuPaths.accessToken
        let timestamp = SNAPTimestamp.format(Date())
        let good = try AsymmetricSignature.sign(clientID: Keys.clientID, timestamp: timestamp, with: Keys.merchant)
        let forged = try AsymmetricSignature.sign(clientID: Keys.clientID, timestamp: timestamp, with: Keys.doku)
        let body = Array(#"{"grantType":"client_credentials"}"#.utf8)
        func ask(_ headers: [String: String], _ body: [UInt8] = body) async throws -> String {
            RawHTTP.json(try await RawHTTP.post(url, headers: headers, body: body).body)["responseCode"]?.stringValue ?? "none"
        }
        #expect(try await ask(["X-CLIENT-KEY": Keys.clientID, "X-TIMESTAMP": timestamp, "X-SIGNATURE": good]) == "2007300")
        #expect(try await ask(["X-CLIENT-KEY": Keys.clientID, "X-TIMESTAMP": timestamp, "X-SIGNATURE": forged]) == "4017300")
        #expect(try await ask(["X-CLIENT-KEY": "BRN-OTHER", "X-TIMESTAMP": timestamp, "X-SIGNATURE": good]) == "4017300")
        #expect(try await ask(["X-CLIENT-KEY": Keys.clientID, "X-TIMESTAMP": timestamp]) == "4007302")
        #expect(try await ask(["X-CLIENT-KEY": Keys.clientID, "X-TIMESTAMP": "10/07/2024", "X-SIGNATURE": good]) == "4007301")
        let old = SNAPTimestamp.format(Date().addingTimeInterval(-3600))
        let oldSignature = try AsymmetricSignature.sign(clientID: Keys.clientID, timestamp: old, with: Keys.merchant)
        #expect(try await ask(["X-CLIENT-KEY": Keys.clientID, "X-TIMESTAMP": old, "X-SIGNATURE": oldSignature]) == "4017300")
        #expect(try await ask(["X-CLIENT-KEY": Keys.clientID, "X-TIMESTAMP": timestamp, "X-SIGNATURE": good], Array("{}".utf8)) == "4007302")
        #expect(try await ask(["X-CLIENT-KEY": Keys.clientID, "X-TIMESTAMP": timestamp, "X-SIGNATURE": good], Array("nope".utf8)) == "4007301")
    }

    @Test func serviceCallErrors() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let base = fixture.sandbox.baseURL
        let token = try await RawHTTP.token(base)
        let path = DokuPaths.payment
        func call(body: String = Self.body, token: String = token, externalID: String? = nil, overrides: [String: String] = [:], secret: Secret = Keys.secret, signBody: String? = nil) async throws -> String {
            code(
                try await RawHTTP.service(
                    base, path: path, token: token, body: body, signBody: signBody, externalID: externalID ?? String(UInt64.random(in: 1...UInt64.max)),
                    overrides: overrides, secret: secret))
        }
        #expect(try await call(token: "unknown-token") == "4015401")
        #expect(try await call(overrides: ["Authorization": ""]) == "4015403")
        #expect(try await call(secret: Secret("wrong")) == "4015400")
        #expect(try await call(signBody: Self.body.replacingOccurrences(of: "10000.00", with: "1.00")) == "4015400")
        #expect(try await call(overrides: ["X-DEVICE-ID": ""]) == "4005402")
        // DOKU's SDKs require X-IP-ADDRESS and urlParam for a DANA payment.
        #expect(try await call(overrides: ["X-IP-ADDRESS": ""]) == "4005402")
        #expect(try await call(overrides: ["X-IP-ADDRESS": "not-an-ip"]) == "4005401")
        #expect(try await call(body: #"{"partnerReferenceNo":"INV-E4","amount":{"value":"10000.00","currency":"IDR"},"additionalInfo":{"channel":"EMONEY_DANA_SNAP"}}"#) == "4005402")
        #expect(try await call(overrides: ["X-EXTERNAL-ID": ""]) == "4005402")
        #expect(try await call(externalID: "12ab") == "4005401")
        #expect(try await call(overrides: ["X-PARTNER-ID": "BRN-OTHER"]) == "4045416")
        #expect(try await call(body: #"{"amount":{"value":"10000.00","currency":"IDR"},"additionalInfo":{"channel":"EMONEY_DANA_SNAP"}}"#) == "4005402")
        #expect(try await call(body: #"{"partnerReferenceNo":"INV-E2","amount":{"value":"10000","currency":"IDR"},"additionalInfo":{"channel":"EMONEY_DANA_SNAP"}}"#) == "4005401")
        #expect(try await call(body: #"{"partnerReferenceNo":"INV-E2","amount":{"value":"10000.00","currency":"USD"},"additionalInfo":{"channel":"EMONEY_DANA_SNAP"}}"#) == "4005401")
        #expect(try await call(body: "[]") == "4005401")
        #expect(try await call(externalID: "11112222333344445555") == "2005400")
        #expect(try await call(body: Self.body.replacingOccurrences(of: "INV-E1", with: "INV-E3"), externalID: "11112222333344445555") == "4095400")

        let status = DokuPaths.checkStatus
        func statusCall(_ body: String) async throws -> String {
            code(try await RawHTTP.service(base, path: status, token: token, body: body))
        }
        #expect(try await statusCall(#"{"originalPartnerReferenceNo":"INV-NONE","serviceCode":"55"}"#) == "4045501")
        #expect(try await statusCall(#"{"originalPartnerReferenceNo":"INV-E1","serviceCode":"54"}"#) == "2005500")
        #expect(try await statusCall(#"{"originalPartnerReferenceNo":"INV-E1","serviceCode":"55"}"#) == "2005500")
        #expect(try await statusCall(#"{"originalPartnerReferenceNo":"INV-E1","serviceCode":"99"}"#) == "4005501")
        #expect(try await statusCall(#"{"originalPartnerReferenceNo":"INV-E1"}"#) == "4005502")
    }

    @Test func anExpiredTokenIsRefusedAndTheClientRecoversByItself() async throws {
        let clock = ManualClock(Date())
        let fixture = try await SandboxFixture.start(clock: clock)
        defer { Task { await fixture.stop() } }
        let token = try await RawHTTP.token(fixture.sandbox.baseURL, clock: clock)
        clock.advance(by: 901)
        let answer = try await RawHTTP.service(fixture.sandbox.baseURL, path: DokuPaths.payment, token: token, body: Self.body, clock: clock)
        #expect(code(answer) == "4015401")
        #expect(try await fixture.pay().responseCode == "2005400")
    }

    /// The fault the unknown-outcome paths need: DOKU applies the refund or payment, then answers 5xx.
    @Test func afterCommitFaultsDoTheWorkThenFailAndRepeatsAreReplayed() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.pay("INV-AC1", units: 50_000)
        await fixture.simulator.settle(partnerReferenceNo: "INV-AC1", to: .success)
        // A partial body through the control API: only afterCommit is set.
        let put = try await RawHTTP.post(
            fixture.sandbox.baseURL + "/_sandbox/faults", headers: ["X-Sandbox-Token": fixture.simulator.controlToken], body: Array(#"{"afterCommit":{"refund":{"code":"5005800"}}}"#.utf8), method: "PUT")
        #expect(put.status == 200, "\(put.body)")
        #expect(await fixture.simulator.currentFaults.afterCommit["refund"]?.count == 1)
        let failed = await dokuError { try await fixture.refund("INV-AC1", refundNo: "RF-AC1", units: 50_000) }
        #expect(failed?.isOutcomeUnknown == true)
        #expect(await fixture.simulator.transaction(partnerReferenceNo: "INV-AC1")?.refunded == money(50_000))
        // Asked again with the same partnerRefundNo: the refund DOKU made, not a second one.
        let again = try await fixture.refund("INV-AC1", refundNo: "RF-AC1", units: 50_000)
        #expect(again.responseCode == "2005800")
        #expect(await fixture.simulator.transaction(partnerReferenceNo: "INV-AC1")?.refunds.count == 1)

        // DOKU's idempotency page: the same X-EXTERNAL-ID and body get the original answer under 409.
        let token = try await RawHTTP.token(fixture.sandbox.baseURL)
        let body = Self.body.replacingOccurrences(of: "INV-E1", with: "INV-AC2")
        let first = try await RawHTTP.service(fixture.sandbox.baseURL, path: DokuPaths.payment, token: token, body: body, externalID: "55550000111122223333")
        let replay = try await RawHTTP.service(fixture.sandbox.baseURL, path: DokuPaths.payment, token: token, body: body, externalID: "55550000111122223333")
        #expect(first.status == 200)
        #expect(replay.status == 409)
        #expect(replay.body == first.body)
        #expect(await fixture.simulator.transactions.filter { $0.partnerReferenceNo == "INV-AC2" }.count == 1)
    }

    @Test func faultsForceCodesAddLatencyAndHoldAnswers() async throws {
        let fixture = try await SandboxFixture.start(readTimeout: .seconds(2))
        defer { Task { await fixture.stop() } }
        var faults = SandboxFaults()
        faults.forced["payment"] = .init(code: "5005400", count: 1)
        await fixture.simulator.setFaults(faults)
        let forced = await dokuError { try await fixture.pay("INV-F1") }
        #expect(forced?.responseCode?.rawValue == "5005400")
        #expect(forced?.responseCode?.category == .outcomeUnknown)
        #expect(forced?.isOutcomeUnknown == true)
        #expect(await fixture.simulator.transaction(partnerReferenceNo: "INV-F1") == nil)
        #expect(try await fixture.pay("INV-F1").responseCode == "2005400")

        // The client times out while the sandbox commits the payment: the outcome-unknown case.
        faults = SandboxFaults()
        faults.timeouts["payment"] = .init(holdMs: 4_000, count: 1)
        await fixture.simulator.setFaults(faults)
        let request = PaymentRequest(
            partnerReferenceNo: "INV-T1", amount: money(10_000), validUpTo: SNAPTimestamp.format(Date().addingTimeInterval(900)), returnURL: "https://merchant.example/return")
        let device = CustomerDevice(deviceID: "POS01", ipAddress: "127.0.0.1")
        let timedOut = await dokuError { try await fixture.client.createPayment(request, device: device) }
        #expect(timedOut?.isOutcomeUnknown == true)
        #expect(try await fixture.status("INV-T1").status == .initiated)
        // Sending the same request again gives the same payment, not a second one.
        let retried = try await fixture.client.createPayment(request, device: device)
        #expect(retried.webRedirectUrl == (await fixture.simulator.transaction(partnerReferenceNo: "INV-T1"))?.webRedirectUrl)

        faults = SandboxFaults()
        faults.latencyMs["status"] = 300
        await fixture.simulator.setFaults(faults)
        let started = ContinuousClock.now
        _ = try await fixture.status("INV-T1")
        #expect(ContinuousClock.now - started >= .milliseconds(300))
    }
}
