import DokuSNAP
import DokuSandbox
import Foundation
import Testing

/// The sandbox must serve DOKU's official SDKs unchanged (doku-snap.md §13 and "Decisions").
@Suite struct SandboxCompatibilityTests {
    /// Exactly what DOKU's Python SDK 1.1.72 puts on the wire for a DANA payment: spaced JSON,
    /// explicit nulls, the SDK origin tag, a `Z` timestamp, a 26-digit external id, `CHANNEL-ID: DH`.
    static let pythonBody = """
        {"partnerReferenceNo": "INV-PY1", "amount": {"value": "10000.00", "currency": "IDR"}, "additionalInfo": {"channel": "EMONEY_DANA_SNAP", "metadata": null, "origin": {"product": "SDK", "source": "python", "sourceVersion": "1.1.64", "system": "doku-python-library", "apiFormat": "SNAP"}, "orderTitle": "Order INV-PY1", "supportDeepLinkCheckoutUrl": false}, "validUpTo": "2099-07-10T11:57:58+07:00", "pointOfInitiation": "app", "urlParam": [{"url": "https://merchant.example/return", "type": "PAY_RETURN", "isDeepLink": "N"}]}
        """

    @Test func servesThePythonSDKAndAnswersOnlyWithKeysItKnows() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let base = fixture.sandbox.baseURL
        let token = try await RawHTTP.token(base)
        #expect(!token.isEmpty)
        let compact = JSONMinifier.minify(Self.pythonBody)
        let payment = try await RawHTTP.service(
            base, path: DokuPaths.payment, token: token, body: Self.pythonBody, signBody: compact, externalID: "12345678901234561720585678")
        #expect(payment.body["responseCode"]?.stringValue == "2005400")
        #expect(Set(payment.body.keys).isSubset(of: ["responseCode", "responseMessage", "webRedirectUrl", "partnerReferenceNo", "referenceNo", "additionalInfo"]))

        await fixture.simulator.settle(partnerReferenceNo: "INV-PY1", to: .success)
        let statusBody = #"{"originalPartnerReferenceNo": "INV-PY1", "originalReferenceNo": null, "originalExternalId": null, "serviceCode": "55", "transactionDate": null, "amount": null, "merchantId": null, "subMerchantId": null, "externalStoreId": null, "additionalInfo": {"deviceId": null, "channel": "EMONEY_DANA_SNAP"}}"#
        let status = try await RawHTTP.service(base, path: DokuPaths.checkStatus, token: token, body: statusBody, overrides: ["CHANNEL-ID": "SDK"])
        #expect(status.body["responseCode"]?.stringValue == "2005500")
        let statusKeys: Set<String> = [
            "responseCode", "responseMessage", "serviceCode", "latestTransactionStatus", "additionalInfo", "originalReferenceNo",
            "originalPartnerReferenceNo", "approvalCode", "originalExternalId", "transactionStatusDesc", "originalResponseCode",
            "originalResponseMessage", "sessionId", "requestID", "refundNo", "partnerRefundNo", "refundAmount", "refundStatus", "refundDate",
            "reason", "transAmount", "feeAmount", "paidTime", "refundHistory",
        ]
        #expect(Set(status.body.keys).isSubset(of: statusKeys))

        let refundBody = #"{"originalPartnerReferenceNo": "INV-PY1", "refundAmount": {"value": "5000.00", "currency": "IDR"}, "partnerRefundNo": "REF-PY1", "additionalInfo": {"channel": "EMONEY_DANA_SNAP", "origin": {"product": "SDK"}}, "originalExternalId": "12345678901234561720585678", "reason": "Customer request"}"#
        let refund = try await RawHTTP.service(base, path: DokuPaths.refund, token: token, body: refundBody, overrides: ["CHANNEL-ID": "SDK", "X-IP-ADDRESS": "127.0.0.1"])
        #expect(refund.body["responseCode"]?.stringValue == "2005800")
        #expect(
            Set(refund.body.keys).isSubset(of: [
                "responseCode", "responseMessage", "refundAmount", "originalPartnerReferenceNo", "originalReferenceNo", "refundNo", "partnerRefundNo", "refundTime",
            ]))
    }

    @Test func strictStandardModeAddsTheStandardsKeys() async throws {
        let fixture = try await SandboxFixture.start { $0.strictStandard = true }
        defer { Task { await fixture.stop() } }
        _ = try await fixture.pay()
        let token = try await RawHTTP.token(fixture.sandbox.baseURL)
        let status = try await RawHTTP.service(
            fixture.sandbox.baseURL, path: DokuPaths.checkStatus, token: token, body: #"{"originalPartnerReferenceNo":"INV-0001","serviceCode":"54"}"#)
        #expect(status.body["requestId"] != nil)
        #expect(try await fixture.status().requestID != nil)
    }

    @Test func alternativeSuccessCodesAreAcceptedByTheClient() async throws {
        let fixture = try await SandboxFixture.start {
            $0.paymentSuccessCode = "2000500"
            $0.refundSuccessCode = "2000700"
        }
        defer { Task { await fixture.stop() } }
        #expect(try await fixture.pay().responseCode == "2000500")
        await fixture.simulator.settle(partnerReferenceNo: "INV-0001", to: .success)
        #expect(try await fixture.refund(refundNo: "R1", units: 1_000).responseCode == "2000700")
    }
}

@Suite struct SandboxTokenTests {
    static func base64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    @Test func tokensAreRS256JWTsSignedWithTheDokuKey() async throws {
        let fixture = try await SandboxFixture.start()
        defer { Task { await fixture.stop() } }
        let token = try await RawHTTP.token(fixture.sandbox.baseURL)
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        let header = RawHTTP.json(String(decoding: try #require(Self.base64URL(parts[0])), as: UTF8.self))
        let payload = RawHTTP.json(String(decoding: try #require(Self.base64URL(parts[1])), as: UTF8.self))
        #expect(header["alg"]?.stringValue == "RS256")
        #expect(payload["iss"]?.stringValue == "DOKU")
        #expect(payload["clientId"]?.stringValue == Keys.clientID)
        let signature = try #require(Self.base64URL(parts[2]))
        #expect(Keys.doku.publicKey.isValid(signature.base64EncodedString(), for: "\(parts[0]).\(parts[1])"))
        #expect(!Keys.merchant.publicKey.isValid(signature.base64EncodedString(), for: "\(parts[0]).\(parts[1])"))
        // A JWT of the same shape that the sandbox did not issue is refused.
        let forged = "\(parts[0]).\(parts[1]).\(parts[2].dropLast(2))AA"
        let answer = try await RawHTTP.service(fixture.sandbox.baseURL, path: DokuPaths.checkStatus, token: forged, body: #"{"originalPartnerReferenceNo":"X","serviceCode":"55"}"#)
        #expect(answer.body["responseCode"]?.stringValue == "4015501")
    }
}
