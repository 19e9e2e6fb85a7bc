import Foundation
import Logging
import Synchronization
import Testing

@testable import DokuSNAP

/// `DokuClient` against a real HTTP server on loopback.
func rupiah(_ units: Int64) -> Money {
    // swift-format-ignore: NeverUseForceTry
    try! Money(units: units)
}

/// The `DokuError` a call ended with, or `nil` (recorded as an issue) when it returned normally.
func dokuError<T>(_ body: () async throws -> T) async -> DokuError? {
    do {
        _ = try await body()
        Issue.record("the call returned normally")
    } catch let error as DokuError {
        return error
    } catch {
        Issue.record("unexpected \(error)")
    }
    return nil
}

@Suite struct DokuClientTests {
    static let merchantKey = try! RSASigningKey.generate()
    let secret = Secret("SK-client-secret-do-not-print")
    let clientID = "BRN-0001-0000000000001"

    func makeDoku() -> ScriptedDoku {
        ScriptedDoku(merchantPublicKey: Self.merchantKey.publicKey, clientID: clientID, secret: secret)
    }

    func makeClient(
        port: Int, clock: any WallClock = SystemClock(), readTimeout: Duration = .seconds(5), logger: CapturedLog? = nil,
        exchanges: ExchangeLog? = nil
    ) -> DokuClient {
        let credentials = DokuCredentials(clientID: clientID, clientSecret: secret, privateKey: Self.merchantKey)
        let configuration = DokuClientConfiguration(
            environment: .custom("http://127.0.0.1:\(port)"), credentials: credentials, connectTimeout: .seconds(2), readTimeout: readTimeout)
        var report: (@Sendable (DokuExchange) -> Void)? = nil
        if let exchanges { report = { exchange in exchanges.append(exchange) } }
        return DokuClient(configuration: configuration, clock: clock, logger: logger?.logger ?? Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), onExchange: report)
    }

    func payment(_ number: String = "INV-0001") -> PaymentRequest {
        PaymentRequest(partnerReferenceNo: number, amount: rupiah(150_000), orderTitle: "Kopi", validUpTo: "2030-01-01T00:00:00+07:00", returnURL: "https://merchant.example/return")
    }

    let device = CustomerDevice(deviceID: "POS01", ipAddress: "203.0.113.7")

    @Test func oneTokenServesManyConcurrentCallsAndEveryCallIsSigned() async throws {
        let doku = makeDoku()
        try await doku.serve { port in
            let client = makeClient(port: port)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask { _ = try await client.createPayment(payment("INV-\(index)"), device: device) }
                }
                group.addTask { _ = try await client.checkStatus(CheckStatusRequest(partnerReferenceNo: "INV-1")) }
                group.addTask {
                    _ = try await client.refund(RefundRequest(partnerReferenceNo: "INV-1", partnerRefundNo: "REF-1", amount: rupiah(5_000)), device: device)
                }
                try await group.waitForAll()
            }
            await client.shutdown()
        }
        #expect(doku.tokenCalls == 1)
        let received = doku.received
        #expect(received.count == 10)
        #expect(received.allSatisfy { $0.signatureValid })
        let externalIDs = received.compactMap { $0.headers["x-external-id"] }
        #expect(Set(externalIDs).count == 10)
        #expect(externalIDs.allSatisfy { $0.count == 20 && $0.allSatisfy(\.isNumber) })
        #expect(received.allSatisfy { $0.headers["x-partner-id"] == clientID })
        #expect(received.allSatisfy { $0.headers["x-timestamp"]?.hasSuffix("+07:00") == true })
        let payments = received.filter { $0.path == DokuPaths.payment }
        #expect(payments.allSatisfy { $0.headers["x-device-id"] == "POS01" && $0.headers["x-ip-address"] == "203.0.113.7" })
    }

    @Test func theTokenIsRefreshedShortlyBeforeItExpires() async throws {
        let doku = makeDoku()
        let clock = ManualClock(Date())
        try await doku.serve { port in
            let client = makeClient(port: port, clock: clock)
            _ = try await client.checkStatus(CheckStatusRequest(partnerReferenceNo: "INV-1"))
            clock.advance(by: 800)
            _ = try await client.checkStatus(CheckStatusRequest(partnerReferenceNo: "INV-1"))
            #expect(doku.tokenCalls == 1)
            clock.advance(by: 45)  // 845 s: inside the 60 s margin before 900 s
            _ = try await client.checkStatus(CheckStatusRequest(partnerReferenceNo: "INV-1"))
            #expect(doku.tokenCalls == 2)
            await client.shutdown()
        }
    }

    @Test func anInvalidTokenAnswerFetchesANewTokenAndSendsOnceMore() async throws {
        let doku = makeDoku()
        doku.enqueue(DokuPaths.payment, .init(status: 401, body: #"{"responseCode":"4015401","responseMessage":"Invalid Token (B2B)"}"#))
        try await doku.serve { port in
            let client = makeClient(port: port)
            let response = try await client.createPayment(payment(), device: device)
            #expect(response.webRedirectUrl == "https://app-uat.doku.com/link/283702597342040")
            await client.shutdown()
        }
        #expect(doku.tokenCalls == 2)
        let payments = doku.received.filter { $0.path == DokuPaths.payment }
        #expect(payments.count == 2)
        #expect(payments[0].headers["x-external-id"] != payments[1].headers["x-external-id"])
        #expect(payments[0].headers["authorization"] != payments[1].headers["authorization"])
    }

    @Test func aSecondInvalidTokenAnswerIsReportedNotLooped() async throws {
        let doku = makeDoku()
        for _ in 0..<3 {
            doku.enqueue(DokuPaths.checkStatus, .init(status: 401, body: #"{"responseCode":"4015501","responseMessage":"Invalid Token (B2B)"}"#))
        }
        try await doku.serve { port in
            let client = makeClient(port: port)
            await #expect(throws: DokuError.rejected(operation: .checkStatus, code: ResponseCode("4015501")!, message: "Invalid Token (B2B)")) {
                try await client.checkStatus(CheckStatusRequest(partnerReferenceNo: "INV-1"))
            }
            await client.shutdown()
        }
        #expect(doku.received.count == 2)
    }

    @Test func aTimeoutIsOutcomeUnknownAndIsNeverResent() async throws {
        let doku = makeDoku()
        doku.enqueue(DokuPaths.payment, .init(status: 200, body: #"{"responseCode":"2005400","responseMessage":"Successful"}"#, delay: .seconds(6)))
        let exchanges = ExchangeLog()
        try await doku.serve { port in
            // The token first, apart: on a loaded machine its own request can outlast the short
            // read timeout, which is not the timeout this test is about.
            let client = makeClient(port: port, readTimeout: .seconds(2), exchanges: exchanges)
            for _ in 0..<5 where (try? await client.accessToken()) == nil {}
            let error = await dokuError { try await client.createPayment(payment(), device: device) }
            #expect(error?.isOutcomeUnknown == true)
            #expect(error?.description.contains("check its status") == true)
            await client.shutdown()
        }
        #expect(doku.received.filter { $0.path == DokuPaths.payment }.count == 1)
        #expect(exchanges.all.last?.httpStatus == nil)
    }

    @Test func aRefusedConnectionIsNotSent() async throws {
        // A port that was just free: bind, note it, close.
        let doku = makeDoku()
        let port = try await doku.serve { port in port }
        let client = makeClient(port: port)
        let error = await dokuError { try await client.createPayment(payment(), device: device) }
        guard case .notSent = error else {
            Issue.record("expected notSent, got \(String(describing: error))")
            return
        }
        await client.shutdown()
    }

    @Test(arguments: [
        (403, "4035414", "rejected"), (404, "4045418", "rejected"), (500, "5005400", "unknown"), (504, "5045400", "unknown"),
        (202, "2025400", "unknown"), (409, "4095400", "unknown"), (400, "4005402", "rejected"), (200, "4005401", "rejected"),
        (500, "2005400", "unknown"), (502, "5025400", "unknown"), (503, "4005401", "unknown"),
    ])
    func eachAnswerCodeMapsToItsError(status: Int, code: String, expected: String) async throws {
        let doku = makeDoku()
        doku.enqueue(DokuPaths.payment, .init(status: status, body: #"{"responseCode":"\#(code)","responseMessage":"from DOKU"}"#))
        try await doku.serve { port in
            let client = makeClient(port: port)
            let error = await dokuError { try await client.createPayment(payment(), device: device) }
            #expect(error?.responseCode?.rawValue == code)
            switch (error, expected) {
            case (.rejected(.payment, _, "from DOKU"), "rejected"), (.outcomeUnknown(.payment, _, _), "unknown"): break
            default: Issue.record("\(code) gave \(String(describing: error))")
            }
            await client.shutdown()
        }
    }

    /// DOKU's idempotency page: a repeated request (same X-EXTERNAL-ID, same body) is answered with
    /// the original response under HTTP 409. DOKU's answers may carry numbers where SNAP says
    /// string, and the link under additionalInfo (supportDeepLinkCheckoutUrl).
    @Test func aReplayedSuccessUnder409IsTheSuccessItReplaysAndNumbersAreRead() async throws {
        let doku = makeDoku()
        doku.enqueue(
            DokuPaths.payment,
            .init(
                status: 409,
                body: #"{"responseCode":2005400,"responseMessage":"Successful","referenceNo":20240101000000050116917278196299,"partnerReferenceNo":"INV-0001","additionalInfo":{"webRedirectUrl":"https://app-uat.doku.com/link/283702597342040","extra":1.5}}"#
            ))
        doku.enqueue(DokuPaths.checkStatus, .init(status: 200, body: #"{"responseCode":2005500,"responseMessage":"Successful","serviceCode":55,"latestTransactionStatus":"00","transAmount":{"value":"150000","currency":"IDR"},"paidTime":"2024-01-01T09:09:00.123"}"#))
        try await doku.serve { port in
            let client = makeClient(port: port)
            let answer = try await client.createPayment(payment(), device: device, externalID: "12345678901234567890")
            #expect(answer.paymentLink == "https://app-uat.doku.com/link/283702597342040")
            #expect(answer.referenceNo == "20240101000000050116917278196299")
            let status = try await client.checkStatus(CheckStatusRequest(partnerReferenceNo: "INV-0001"))
            #expect(status.serviceCode == "55")
            #expect(status.status == .success)
            #expect(try status.transAmount?.money(lenient: true) == rupiah(150_000))
            await client.shutdown()
        }
        #expect(doku.received.first { $0.path == DokuPaths.payment }?.headers["x-external-id"] == "12345678901234567890")
    }

    @Test func anUnreadableAnswerToAPaymentIsOutcomeUnknown() async throws {
        let doku = makeDoku()
        doku.enqueue(DokuPaths.payment, .init(status: 200, body: "<html>gateway</html>"))
        doku.enqueue(DokuPaths.checkStatus, .init(status: 502, body: ""))
        try await doku.serve { port in
            let client = makeClient(port: port)
            await #expect(throws: DokuError.self) { try await client.createPayment(payment(), device: device) }
            do {
                _ = try await client.createPayment(payment("INV-2"), device: device)
            } catch {
                Issue.record("second payment failed: \(error)")
            }
            let error = await dokuError { try await client.checkStatus(CheckStatusRequest(partnerReferenceNo: "INV-1")) }
            guard case .invalidResponse = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            await client.shutdown()
        }
    }

    @Test func aRejectedTokenRequestSaysSoAndSendsNothing() async throws {
        let doku = makeDoku()
        doku.enqueue(DokuPaths.accessToken, .init(status: 401, body: #"{"responseCode":"4017300","responseMessage":"Unauthorized.Invalid Signature"}"#))
        try await doku.serve { port in
            let client = makeClient(port: port)
            let error = await dokuError { try await client.createPayment(payment(), device: device) }
            #expect(error == .rejected(operation: .accessToken, code: ResponseCode("4017300")!, message: "Unauthorized.Invalid Signature"))
            await client.shutdown()
        }
        #expect(doku.received.isEmpty)
    }

    @Test func badInputIsRefusedBeforeAnythingIsSent() async throws {
        let doku = makeDoku()
        try await doku.serve { port in
            let client = makeClient(port: port)
            var bad = payment()
            bad.amount = Amount(value: "1.5", currency: "IDR")
            await #expect(throws: DokuError.invalidRequest(field: "amount.value", reason: "must be digits with exactly 2 decimals, e.g. \"10000.00\" (got '1.5')")) {
                try await client.createPayment(bad, device: device)
            }
            await #expect(throws: DokuError.self) { try await client.createPayment(payment(), device: CustomerDevice(deviceID: "bad id!")) }
            await client.shutdown()
        }
        #expect(doku.tokenCalls == 0)
        #expect(doku.received.isEmpty)
    }

    @Test func secretsNeverReachTheLogsOrTheExchangeReports() async throws {
        let doku = makeDoku()
        let log = CapturedLog()
        let exchanges = ExchangeLog()
        try await doku.serve { port in
            let client = makeClient(port: port, logger: log, exchanges: exchanges)
            _ = try await client.createPayment(payment(), device: device)
            _ = try await client.refund(RefundRequest(partnerReferenceNo: "INV-0001", partnerRefundNo: "REF-1", amount: rupiah(5_000)), device: device)
            await client.shutdown()
        }
        let reports = exchanges.all
        #expect(reports.map(\.operation) == [.accessToken, .payment, .refund])
        #expect(reports.allSatisfy { $0.latency > .zero })
        #expect(reports[1].responseCode?.rawValue == "2005400")
        #expect(reports[1].requestBody.contains("INV-0001"))
        #expect(reports[0].responseBody.contains("<redacted>"))
        let everything = log.text + "\n" + reports.map { "\($0)" }.joined(separator: "\n")
        #expect(!log.text.isEmpty)
        #expect(!everything.contains(secret.reveal()))
        for token in doku.issuedTokens { #expect(!everything.contains(token)) }
        for request in doku.received {
            #expect(!everything.contains(request.headers["x-signature"]!))
        }
        #expect(!everything.contains("BEGIN"))
        #expect("\(secret)" == "<redacted>")
    }
}
