import DokuSNAP
import Foundation
import KasirCore
import KasirStore
import Testing

/// The desk against `IndependentDoku`, whose ledger is the outside witness: an operation DOKU
/// applied and then answered with a 5xx or a timeout is never charged or refunded twice.
struct IndependentMerchant {
    let doku: IndependentDoku
    let server: Task<Void, any Error>
    let store: SQLiteMerchantStore
    let client: DokuClient
    let desk: PaymentDesk

    static func start(readTimeout: Duration = .seconds(5)) async throws -> IndependentMerchant {
        let doku = IndependentDoku()
        let (port, server) = try await doku.start()
        let store = try SQLiteMerchantStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("kasir-ind-\(UUID().uuidString)/kasir.sqlite").path)
        let client = DokuClient(
            configuration: DokuClientConfiguration(
                environment: .custom("http://127.0.0.1:\(port)"),
                credentials: DokuCredentials(clientID: E2EKeys.clientID, clientSecret: E2EKeys.secret, privateKey: E2EKeys.merchant),
                connectTimeout: .seconds(2), readTimeout: readTimeout),
            logger: quiet)
        let desk = PaymentDesk(
            store: store, client: client, configuration: DeskConfiguration(deviceID: "POS01", returnURL: "https://merchant.example/return"), logger: quiet)
        return IndependentMerchant(doku: doku, server: server, store: store, client: client, desk: desk)
    }

    /// A paid invoice of `units` rupiah, paid at DOKU and known paid here.
    func paidInvoice(_ units: Int64) async throws -> Invoice {
        let invoice = try await desk.createPayment(PaymentDraft(amount: idr(units)))
        doku.pay(invoice.number)
        return try await desk.checkStatus(invoice.number)
    }

    func stop() async {
        await client.shutdown()
        server.cancel()
    }
}

@Suite struct UnknownOutcomeTests {
    /// DOKU makes the refund, then answers 5005800, 5045800, or nothing before the timeout.
    @Test(arguments: ["5005800", "5045800", "timeout"])
    func aRefundDokuMadeThenFailedToConfirmIsNeverMadeTwice(fault: String) async throws {
        let merchant = try await IndependentMerchant.start(readTimeout: .seconds(1))
        let invoice = try await merchant.paidInvoice(100_000)
        #expect(invoice.status == .paid)
        switch fault {
        case "timeout": merchant.doku.failAfterApplying(DokuPaths.refund, status: 0, body: "")
        default: merchant.doku.failAfterApplying(DokuPaths.refund, status: Int(fault.prefix(3))!, body: #"{"responseCode":"\#(fault)","responseMessage":"General Error"}"#)
        }
        let error = await deskError { try await merchant.desk.refund(invoice.number, amount: idr(50_000)) }
        guard case .refundOutcomeUnknown(let number, _) = error else {
            Issue.record("expected refundOutcomeUnknown, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("kasir refund --retry \(number)") == true)
        #expect(merchant.doku.refundCount == 1)
        // Still reserved: kasir does not offer the 50,000 DOKU may already have given back.
        #expect(try await merchant.store.refund(number)?.status == .unknown)
        #expect(try await merchant.desk.refundable(invoice.number) == idr(50_000))

        // Reconciliation asks DOKU again with the same refund number; DOKU replays its success.
        let report = await merchant.desk.reconcile(force: true)
        #expect(report.failed == 0, "\(report.notes)")
        #expect(try await merchant.store.refund(number)?.status == .succeeded)
        #expect(merchant.doku.refundCount == 1)
        #expect(merchant.doku.refunded(invoice.number) == 50_000)
        #expect(try await merchant.store.invoice(invoice.number)?.refunded == idr(50_000))
        #expect(try await merchant.store.invoice(invoice.number)?.status == .partiallyRefunded)
        // Every attempt for it carried the same partnerRefundNo.
        #expect(merchant.doku.refundBodies.allSatisfy { $0["partnerRefundNo"]?.stringValue == number })
        await merchant.stop()
    }

    @Test func aRefundDokuDidNotMakeIsMadeOnceWhenAskedAgain() async throws {
        let merchant = try await IndependentMerchant.start()
        let invoice = try await merchant.paidInvoice(50_000)
        merchant.doku.failInstead(DokuPaths.refund, status: 500, body: #"{"responseCode":"5005800","responseMessage":"General Error"}"#)
        let error = await deskError { try await merchant.desk.refund(invoice.number) }
        guard case .refundOutcomeUnknown(let number, _) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(merchant.doku.refundCount == 0)
        // The cashier repeats the refund: nothing is left to refund while it is unknown.
        #expect(await deskError { try await merchant.desk.refund(invoice.number) } == .notRefundable(number: invoice.number, reason: .nothingLeft))
        let settled = try await merchant.desk.retryRefund(number)
        #expect(settled.status == .succeeded)
        #expect(merchant.doku.refundCount == 1)
        #expect(merchant.doku.refunded(invoice.number) == 50_000)
        #expect(try await merchant.store.invoice(invoice.number)?.status == .refunded)
        // Asking again about a settled refund sends nothing.
        let calls = merchant.doku.refundCalls
        _ = try await merchant.desk.retryRefund(number)
        #expect(merchant.doku.refundCalls == calls)
        await merchant.stop()
    }

    @Test func onlyADefiniteRejectionReleasesTheReservation() async throws {
        let merchant = try await IndependentMerchant.start()
        let invoice = try await merchant.paidInvoice(40_000)
        merchant.doku.failInstead(DokuPaths.refund, status: 403, body: #"{"responseCode":"4035815","responseMessage":"Transaction Not Permitted"}"#)
        let error = await deskError { try await merchant.desk.refund(invoice.number, amount: idr(10_000)) }
        guard case .rejected = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(try await merchant.desk.refundable(invoice.number) == idr(40_000))
        #expect(merchant.doku.refundCount == 0)
        await merchant.stop()
    }

    @Test func aPaymentDokuMadeThenAnswered5xxIsSettledNotCreatedAgain() async throws {
        let merchant = try await IndependentMerchant.start()
        merchant.doku.failAfterApplying(DokuPaths.payment, status: 500, body: #"{"responseCode":"5005400","responseMessage":"General Error"}"#)
        let error = await deskError { try await merchant.desk.createPayment(PaymentDraft(amount: idr(25_000), invoiceNumber: "INV-5XX")) }
        guard case .outcomeUnknown(let number, _) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(number == "INV-5XX")
        #expect(try await merchant.store.invoice("INV-5XX")?.status == .unknown)
        _ = await merchant.desk.reconcile(force: true)
        #expect(try await merchant.store.invoice("INV-5XX")?.status == .awaitingPayment)
        // The link DOKU's lost answer carried is asked for again under the same invoice number, so the customer can still pay.
        #expect(try await merchant.store.invoice("INV-5XX")?.webRedirectUrl?.hasPrefix("https://app-uat.doku.com/link/") == true)
        #expect(merchant.doku.paymentCount == 1)
        merchant.doku.pay("INV-5XX")
        _ = await merchant.desk.reconcile(force: true)
        #expect(try await merchant.store.invoice("INV-5XX")?.status == .paid)
        #expect(merchant.doku.paymentCount == 1, "a second payment was created")
        await merchant.stop()
    }

    @Test func aStatusThatReportsAnotherAmountDoesNotMarkPaid() async throws {
        let merchant = try await IndependentMerchant.start()
        let invoice = try await merchant.desk.createPayment(PaymentDraft(amount: idr(150_000)))
        merchant.doku.pay(invoice.number)
        merchant.doku.reportAmount("1500.00")
        let error = await deskError { try await merchant.desk.checkStatus(invoice.number) }
        guard case .amountMismatch = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(try await merchant.store.invoice(invoice.number)?.status == .awaitingPayment)
        #expect(try await merchant.store.invoice(invoice.number)?.lastMessage?.contains("Rp 1.500") == true)
        // DOKU's amount without decimals is the same amount.
        merchant.doku.reportAmount("150000")
        #expect(try await merchant.desk.checkStatus(invoice.number).status == .paid)
        await merchant.stop()
    }

    @Test func whatKasirSendsCarriesWhatDokusSDKsRequire() async throws {
        let merchant = try await IndependentMerchant.start()
        let invoice = try await merchant.paidInvoice(30_000)
        // The link came from additionalInfo.webRedirectUrl and the reference was a JSON number.
        #expect(invoice.webRedirectUrl?.hasPrefix("https://app-uat.doku.com/link/") == true)
        #expect(invoice.referenceNo?.count == 17)
        let headers = try #require(merchant.doku.paymentHeaders.first)
        let ip = try #require(headers["x-ip-address"])
        #expect((try? FieldRules.ipv4(ip)) != nil)
        #expect(headers["x-device-id"] == "POS01")
        let stored = try #require(try await merchant.store.invoice(invoice.number))
        #expect(stored.externalID == headers["x-external-id"])
        _ = try await merchant.desk.refund(invoice.number, amount: idr(1_000))
        let refund = try #require(merchant.doku.refundBodies.first)
        #expect(refund["originalExternalId"]?.stringValue == headers["x-external-id"])
        #expect(refund["originalPartnerReferenceNo"]?.stringValue == invoice.number)
        await merchant.stop()
    }

    @Test func aLinkWithHiddenCharactersNeverBecomesAQRCode() async throws {
        let merchant = try await IndependentMerchant.start()
        for link in ["https://evil.example/\u{202E}path", "https://evil.example/pa\u{200B}th", "https://evil.example/\u{85}x", "https://ok.example/\u{1B}[2J"] {
            merchant.doku.giveLink(link)
            let error = await deskError { try await merchant.desk.createPayment(PaymentDraft(amount: idr(1_000))) }
            guard case .outcomeUnknown(let number, _) = error else {
                Issue.record("\(link.debugDescription) gave \(String(describing: error))")
                continue
            }
            #expect(try await merchant.store.invoice(number)?.webRedirectUrl == nil)
        }
        await merchant.stop()
    }

    @Test func concurrentDefaultRefundNumbersNeverCollide() async throws {
        let merchant = try await Merchant.start()
        let invoice = try await merchant.desk.createPayment(PaymentDraft(amount: idr(100_000)))
        await merchant.simulator.settle(partnerReferenceNo: invoice.number, to: .success)
        #expect(try await eventually { try await merchant.store.invoice(invoice.number)?.status == .paid })
        let errors = await withTaskGroup(of: DeskError?.self) { group in
            for _ in 0..<60 {
                group.addTask { await deskError { try await merchant.desk.refund(invoice.number, amount: idr(1_000)) } }
            }
            return await group.reduce(into: [DeskError]()) { if let error = $1 { $0.append(error) } }
        }
        #expect(errors.isEmpty, "\(errors)")
        let refunds = try await merchant.store.refunds(of: invoice.number)
        #expect(refunds.count == 60)
        #expect(Set(refunds.map(\.number)).count == 60)
        #expect(await merchant.simulator.transaction(partnerReferenceNo: invoice.number)?.refunded == idr(60_000))
        await merchant.stop()
    }
}
