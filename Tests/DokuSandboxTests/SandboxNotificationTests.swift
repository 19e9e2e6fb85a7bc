import DokuSNAP
import DokuSandbox
import Foundation
import Testing

/// Notifications from the sandbox to a receiver started by the test, which checks the token
/// handshake and the HMAC signature with `NotificationAuthenticator`.
@Suite struct SandboxNotificationTests {
    @Test func aPaymentIsNotifiedWithAVerifiedTokenAndSignature() async throws {
        let receiver = try await TestReceiver()
        try await receiver.serve { notifyURL in
            let fixture = try await SandboxFixture.start(notifyURL: notifyURL)
            _ = try await fixture.pay(units: 42_000)
            await fixture.simulator.settle(partnerReferenceNo: "INV-0001", to: .success)
            await fixture.simulator.waitForDeliveries()
            let deliveries = await fixture.simulator.deliveries
            await fixture.stop()
            #expect(deliveries.count == 1)
            #expect(deliveries.first?.delivered == true)
            #expect(deliveries.first?.responseCode == "2005600")
        }
        let notification = try #require(receiver.accepted.first)
        #expect(receiver.accepted.count == 1)
        #expect(notification.originalPartnerReferenceNo == "INV-0001")
        #expect(notification.status == .success)
        #expect(try notification.amount?.money() == money(42_000))
        #expect(receiver.rejected.isEmpty)
    }

    /// DOKU's "Asymmetric Signature" page and its SNAP notification samples: SHA256withRSA with
    /// DOKU's key over POST:path:sha256hex(minify(body)):X-TIMESTAMP, headers X-SIGNATURE,
    /// X-PARTNER-ID, X-EXTERNAL-ID, X-TIMESTAMP and no token; the body of the direct-debit samples.
    @Test(arguments: [NotificationSignatureScheme.asymmetric, .symmetric])
    func notificationsAreSignedAndShapedAsDokuDocumentsThem(scheme: NotificationSignatureScheme) async throws {
        let receiver = try await TestReceiver()
        try await receiver.serve { notifyURL in
            let fixture = try await SandboxFixture.start(notifyURL: notifyURL) { $0.notificationSignature = scheme }
            _ = try await fixture.pay(units: 5_000)
            await fixture.simulator.settle(partnerReferenceNo: "INV-0001", to: .success)
            await fixture.simulator.waitForDeliveries()
            await fixture.stop()
        }
        #expect(receiver.accepted.count == 1)
        let (headers, body) = try #require(receiver.raw.first)
        let signature = try #require(headers["x-signature"])
        let stamp = try #require(headers["x-timestamp"])
        #expect(headers["x-partner-id"] == Keys.clientID)
        #expect(headers["x-external-id"]?.allSatisfy(\.isNumber) == true)
        let hash = JSONMinifier.bodyHash(body)
        switch scheme {
        case .asymmetric, .auto:
            #expect(headers["authorization"] == nil)
            #expect(signature.count == 344)
            #expect(Keys.doku.publicKey.isValid(signature, for: "POST:" + DokuPaths.notify + ":" + hash + ":" + stamp))
        case .symmetric:
            let token = try #require(SNAPHeaders.bearerToken(headers["authorization"]))
            #expect(signature.count == 88)
            #expect(SymmetricSignature(clientSecret: Keys.secret).isValid(signature, method: "POST", path: DokuPaths.notify, accessToken: Secret(token), body: body, timestamp: stamp))
        }
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(body))
        guard case .object(let object) = json else {
            Issue.record("not an object")
            return
        }
        #expect(Set(object.keys) == ["originalPartnerReferenceNo", "originalReferenceNo", "originalExternalId", "latestTransactionStatus", "transactionStatusDesc", "amount", "additionalInfo"])
        #expect(object["additionalInfo"]?["accountType"]?.stringValue == "DIRECT_DEBIT")
        #expect(object["additionalInfo"]?["custIdMerchant"] != nil)
        #expect(object["amount"]?["value"]?.stringValue == "5000.00")
    }

    @Test func aReceiverAnswering500IsRetriedOnTheScaledSchedule() async throws {
        let receiver = try await TestReceiver()
        receiver.failNext(2)
        try await receiver.serve { notifyURL in
            // 36,000× faster: the retries come at +0.05 s, +0.6 s, +1.2 s.
            let fixture = try await SandboxFixture.start(notifyURL: notifyURL, timeFactor: 36_000)
            _ = try await fixture.pay()
            await fixture.simulator.settle(partnerReferenceNo: "INV-0001", to: .failed)
            await fixture.simulator.waitForDeliveries()
            let deliveries = await fixture.simulator.deliveries
            await fixture.stop()
            #expect(deliveries.map(\.attempt) == [1, 2, 3])
            #expect(deliveries.map(\.delivered) == [false, false, true])
            #expect(deliveries.map(\.httpStatus) == [500, 500, 200])
            #expect(deliveries[2].at >= deliveries[0].at.addingTimeInterval(0.59))
        }
        #expect(receiver.accepted.map(\.status) == [.failed])
    }

    @Test func aReceiverThatNeverAcceptsGetsFourAttemptsThenNoMore() async throws {
        let receiver = try await TestReceiver()
        receiver.failNext(100)
        try await receiver.serve { notifyURL in
            let fixture = try await SandboxFixture.start(notifyURL: notifyURL, timeFactor: 72_000)
            _ = try await fixture.pay()
            await fixture.simulator.settle(partnerReferenceNo: "INV-0001", to: .success)
            await fixture.simulator.waitForDeliveries()
            #expect(await fixture.simulator.deliveries.count == 4)
            // A manual resend goes out again, as from DOKU's Back Office.
            receiver.failNext(0)
            #expect(await fixture.simulator.resendNotification(partnerReferenceNo: "INV-0001"))
            await fixture.simulator.waitForDeliveries()
            #expect(await fixture.simulator.deliveries.last?.delivered == true)
            await fixture.stop()
        }
        #expect(receiver.accepted.count == 1)
    }

    @Test func expiryIsNotified() async throws {
        let receiver = try await TestReceiver()
        try await receiver.serve { notifyURL in
            let fixture = try await SandboxFixture.start(notifyURL: notifyURL)
            _ = try await fixture.pay()
            #expect(await fixture.simulator.expire(partnerReferenceNo: "INV-0001")?.status == .cancelled)
            await fixture.simulator.waitForDeliveries()
            await fixture.stop()
        }
        #expect(receiver.accepted.map(\.status) == [.cancelled])
    }

    @Test func droppedDuplicatedDelayedAndWronglySignedNotifications() async throws {
        let receiver = try await TestReceiver()
        try await receiver.serve { notifyURL in
            let fixture = try await SandboxFixture.start(notifyURL: notifyURL, timeFactor: 36_000)
            for reference in ["INV-D", "INV-2X", "INV-W", "INV-L"] { _ = try await fixture.pay(reference) }
            var faults = SandboxFaults()
            faults.dropNotifications = 1
            await fixture.simulator.setFaults(faults)
            await fixture.simulator.settle(partnerReferenceNo: "INV-D", to: .success)
            faults = SandboxFaults()
            faults.duplicateNotifications = 1
            await fixture.simulator.setFaults(faults)
            await fixture.simulator.settle(partnerReferenceNo: "INV-2X", to: .success)
            faults = SandboxFaults()
            faults.wronglySignedNotifications = 1
            await fixture.simulator.setFaults(faults)
            await fixture.simulator.settle(partnerReferenceNo: "INV-W", to: .success)
            faults = SandboxFaults()
            faults.delayedNotifications = 1
            faults.notificationDelayMs = 400
            await fixture.simulator.setFaults(faults)
            let settled = Date()
            await fixture.simulator.settle(partnerReferenceNo: "INV-L", to: .success)
            await fixture.simulator.waitForDeliveries()
            let deliveries = await fixture.simulator.deliveries
            await fixture.stop()
            #expect(deliveries.filter { $0.partnerReferenceNo == "INV-D" }.map(\.outcome) == ["dropped (fault)"])
            #expect(deliveries.filter { $0.partnerReferenceNo == "INV-2X" }.filter(\.delivered).count == 2)
            #expect(deliveries.filter { $0.partnerReferenceNo == "INV-W" }.map(\.responseCode) == ["4015600", "2005600"])
            let late = try #require(deliveries.first { $0.partnerReferenceNo == "INV-L" })
            #expect(late.at.timeIntervalSince(settled) >= 0.39)
        }
        let references = receiver.accepted.compactMap(\.originalPartnerReferenceNo).sorted()
        #expect(references == ["INV-2X", "INV-2X", "INV-L", "INV-W"])
        #expect(receiver.rejected == ["4015600"])
    }

    @Test func theControlAPIDrivesPaymentsAndShowsDeliveries() async throws {
        let receiver = try await TestReceiver()
        try await receiver.serve { notifyURL in
            let fixture = try await SandboxFixture.start(notifyURL: notifyURL)
            _ = try await fixture.pay("INV-C1")
            let base = fixture.sandbox.baseURL
            let token = ["X-Sandbox-Token": fixture.simulator.controlToken]
            let paid = try await RawHTTP.post(base + "/_sandbox/transactions/INV-C1/pay", headers: token, body: [])
            #expect(paid.status == 200)
            #expect(RawHTTP.json(paid.body)["status"]?.stringValue == "00")
            #expect(try await RawHTTP.post(base + "/_sandbox/transactions/INV-NONE/pay", headers: token, body: []).status == 404)
            #expect(try await RawHTTP.post(base + "/_sandbox/transactions/INV-C1/explode", headers: token, body: []).status == 404)
            await fixture.simulator.waitForDeliveries()
            let deliveries = try await RawHTTP.get(base + "/_sandbox/deliveries", headers: token)
            #expect(deliveries.body.contains("INV-C1"))
            #expect(deliveries.body.contains("delivered"))
            let put = try await RawHTTP.post(base + "/_sandbox/faults", headers: token, body: Array(#"{"nope":1}"#.utf8))
            #expect(put.status != 200 || !put.body.isEmpty)
            let list = try await RawHTTP.get(base + "/_sandbox/transactions", headers: token)
            #expect(list.body.contains("INV-C1"))
            await fixture.stop()
        }
    }

    /// A web page the developer visits can send a plain cross-site POST (no custom header without
    /// a preflight): without the run's token the control API refuses it and changes nothing.
    @Test func theControlAPIRefusesARequestWithoutItsToken() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.pay("INV-CT1")
        let base = fixture.sandbox.baseURL
        // A form post as a browser would send it cross-site: no token, a form content type.
        let forged = try await RawHTTP.post(
            base + "/_sandbox/transactions/INV-CT1/pay", headers: ["Origin": "https://evil.example"], body: Array("x=1".utf8),
            contentType: "application/x-www-form-urlencoded")
        #expect(forged.status == 401)
        #expect(forged.body.contains("X-Sandbox-Token"))
        // One digit off (never the same digit: a token may itself start with 0).
        let token = fixture.simulator.controlToken
        let wrongToken = (token.first == "0" ? "1" : "0") + token.dropFirst()
        let wrong = try await RawHTTP.post(base + "/_sandbox/transactions/INV-CT1/pay", headers: ["X-Sandbox-Token": wrongToken], body: [])
        #expect(wrong.status == 401)
        #expect(try await RawHTTP.get(base + "/_sandbox/transactions").status == 401)
        #expect(try await RawHTTP.get(base + "/_sandbox/faults").status == 401)
        #expect(await fixture.simulator.transaction(partnerReferenceNo: "INV-CT1")?.status != .success)
        // The token the run was given works, and two runs get different tokens.
        let paid = try await RawHTTP.post(base + "/_sandbox/transactions/INV-CT1/pay", headers: ["X-Sandbox-Token": fixture.simulator.controlToken], body: [])
        #expect(paid.status == 200)
        #expect(SandboxConfiguration.newControlToken() != SandboxConfiguration.newControlToken())
        #expect(SandboxConfiguration.newControlToken().count == 64)
    }
}
