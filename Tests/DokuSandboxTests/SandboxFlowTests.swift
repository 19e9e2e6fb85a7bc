import DokuSNAP
import DokuSandbox
import Foundation
import Testing

@Suite struct SandboxFlowTests {
    @Test func payPartlyRefundThenFullyRefundThroughDokuClient() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let payment = try await fixture.pay(units: 150_000)
        #expect(payment.responseCode == "2005400")
        let url = try #require(payment.webRedirectUrl)
        #expect(url.hasPrefix(fixture.sandbox.baseURL + "/link/"))
        #expect(payment.referenceNo?.isEmpty == false)
        #expect(try await fixture.status().status == .initiated)

        await #expect(dokuError { try await fixture.refund(refundNo: "REF-0", units: 1) }?.responseCode?.rawValue == "4045800")

        #expect(await fixture.simulator.settle(partnerReferenceNo: "INV-0001", to: .success)?.status == .success)
        let paid = try await fixture.status()
        #expect(paid.status == .success)
        #expect(paid.paidTime != nil)
        #expect(try paid.transAmount?.money() == money(150_000))

        let first = try await fixture.refund(refundNo: "REF-1", units: 50_000)
        #expect(first.responseCode == "2005800")
        #expect(try first.refundAmount?.money() == money(50_000))
        #expect(try SNAPTimestamp.parse(first.refundTime ?? "") <= Date().addingTimeInterval(1))
        let partly = try await fixture.status()
        #expect(partly.status == .success)
        #expect(partly.refundHistory?.count == 1)
        #expect(partly.refundHistory?.first?.partnerReferenceNo == "REF-1")

        await #expect(dokuError { try await fixture.refund(refundNo: "REF-2", units: 100_001) }?.responseCode?.rawValue == "4045813")
        _ = try await fixture.refund(refundNo: "REF-2", units: 100_000)
        #expect(try await fixture.status().status == .refunded)
        await #expect(dokuError { try await fixture.refund(refundNo: "REF-3", units: 1) }?.responseCode?.rawValue == "4045800")
    }

    @Test func thePaymentLinkShowsACheckoutPageThatEscapesWhatItShows() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let payment = try await fixture.pay(units: 150_000, title: "Kopi <script>alert(1)</script> & roti")
        let page = try await RawHTTP.get(try #require(payment.webRedirectUrl))
        #expect(page.status == 200)
        #expect(page.body.contains("Rp 150.000"))
        #expect(page.body.contains("Kopi &lt;script&gt;alert(1)&lt;/script&gt; &amp; roti"))
        #expect(!page.body.contains("<script>alert(1)"))
        #expect(page.body.contains("name=\"pin\""))
        #expect(page.body.contains("Time left"))

        let linkPath = try #require(payment.webRedirectUrl)
        let wrongPin = try await RawHTTP.post(linkPath, headers: [:], body: Array("action=pay&pin=12".utf8), contentType: "application/x-www-form-urlencoded")
        #expect(wrongPin.status == 400)
        #expect(wrongPin.body.contains("6-digit"))
        #expect(try await fixture.status().status == .initiated)
        let paid = try await RawHTTP.post(linkPath, headers: [:], body: Array("action=pay&pin=123456".utf8), contentType: "application/x-www-form-urlencoded")
        #expect(paid.status == 200)
        #expect(paid.body.contains("Paid"))
        #expect(try await fixture.status().status == .success)
        #expect(try await RawHTTP.get(fixture.sandbox.baseURL + "/link/000").status == 404)
    }

    @Test func failAndCancelFromThePageEndThePayment() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        for (reference, action, expected) in [("INV-F", "fail", TransactionStatus.failed), ("INV-C", "cancel", .cancelled)] {
            let url = try #require(try await fixture.pay(reference).webRedirectUrl)
            _ = try await RawHTTP.post(url, headers: [:], body: Array("action=\(action)".utf8), contentType: "application/x-www-form-urlencoded")
            #expect(try await fixture.status(reference).status == expected)
            // A final payment stays final.
            _ = try await RawHTTP.post(url, headers: [:], body: Array("action=pay&pin=123456".utf8), contentType: "application/x-www-form-urlencoded")
            #expect(try await fixture.status(reference).status == expected)
        }
    }

    @Test func theSamePaymentAgainGetsTheSameAnswerAndDifferentDetailsAreRefused() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let validUpTo = SNAPTimestamp.format(Date().addingTimeInterval(900))
        let request = PaymentRequest(partnerReferenceNo: "INV-IDEM", amount: money(25_000), orderTitle: "Teh", validUpTo: validUpTo, returnURL: "https://merchant.example/return")
        let device = CustomerDevice(deviceID: "POS01", ipAddress: "127.0.0.1")
        let first = try await fixture.client.createPayment(request, device: device)
        let again = try await fixture.client.createPayment(request, device: device)
        #expect(first.webRedirectUrl == again.webRedirectUrl)
        #expect(first.referenceNo == again.referenceNo)
        var different = request
        different.amount = Amount(money(26_000))
        let error = await dokuError { try await fixture.client.createPayment(different, device: device) }
        #expect(error?.responseCode?.rawValue == "4045418")
        #expect(await fixture.simulator.transactions.count == 1)
    }

    @Test func theSameRefundNumberReplaysAndWithOtherDetailsIsRefused() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.pay(units: 100_000)
        await fixture.simulator.settle(partnerReferenceNo: "INV-0001", to: .success)
        let first = try await fixture.refund(refundNo: "REF-A", units: 10_000)
        let replay = try await fixture.refund(refundNo: "REF-A", units: 10_000)
        #expect(first.refundNo == replay.refundNo)
        #expect(await fixture.simulator.transaction(partnerReferenceNo: "INV-0001")?.refunded == money(10_000))
        #expect(await dokuError { try await fixture.refund(refundNo: "REF-A", units: 20_000) }?.responseCode?.rawValue == "4045818")
        #expect(await dokuError { try await fixture.refund("INV-NOPE", refundNo: "REF-B", units: 1) }?.responseCode?.rawValue == "4045801")
    }

    @Test func concurrentRefundsNeverExceedThePaidAmount() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.pay(units: 100_000)
        await fixture.simulator.settle(partnerReferenceNo: "INV-0001", to: .success)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<25 {
                group.addTask { (try? await fixture.refund(refundNo: "REF-\(index)", units: 7_000)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 14)  // 14 × 7.000 = 98.000 ≤ 100.000 < 15 × 7.000
        let transaction = try #require(await fixture.simulator.transaction(partnerReferenceNo: "INV-0001"))
        #expect(transaction.refunded == money(98_000))
        #expect(transaction.refunded <= transaction.amount)
    }

    @Test func anUnpaidPaymentExpiresAtValidUpTo() async throws {
        let clock = ManualClock(Date())
        let fixture = try await SandboxFixture.start(clock: clock)
        defer { Task { await fixture.stop() } }
        _ = try await fixture.pay(validFor: 900)
        clock.advance(by: 899)
        #expect(try await fixture.status().status == .initiated)
        clock.advance(by: 2)
        #expect(try await fixture.status().status == .cancelled)
        #expect(await fixture.simulator.settle(partnerReferenceNo: "INV-0001", to: .success)?.status == .cancelled)
    }
}
