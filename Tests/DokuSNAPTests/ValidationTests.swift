import Foundation
import Testing

@testable import DokuSNAP

@Suite struct ValidationTests {
    func payment() throws -> PaymentRequest {
        PaymentRequest(
            partnerReferenceNo: "INV-0001", amount: try Money(units: 10_000), orderTitle: "Kopi susu", validUpTo: "2024-07-10T11:57:58+07:00",
            pointOfInitiation: .app, returnURL: "https://merchant.example/return")
    }

    func expectFieldError(_ field: String, _ kind: FieldError.Kind, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected \(field) to be refused")
        } catch let error as FieldError {
            #expect(error.field == field)
            #expect(error.kind == kind)
            #expect(!error.rule.isEmpty)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aGoodPaymentPasses() throws {
        try payment().validate()
    }

    @Test func eachPaymentRuleNamesItsField() throws {
        var p = try payment()
        p.partnerReferenceNo = nil
        expectFieldError("partnerReferenceNo", .missing) { try p.validate() }
        p = try payment()
        p.partnerReferenceNo = String(repeating: "X", count: 65)
        expectFieldError("partnerReferenceNo", .invalidFormat) { try p.validate() }
        p = try payment()
        p.amount = nil
        expectFieldError("amount", .missing) { try p.validate() }
        p.amount = Amount(value: "10000", currency: "IDR")
        expectFieldError("amount.value", .invalidFormat) { try p.validate() }
        p.amount = Amount(value: "0.00", currency: "IDR")
        expectFieldError("amount.value", .invalidFormat) { try p.validate() }
        p.amount = Amount(value: "10.00", currency: "USD")
        expectFieldError("amount.currency", .invalidFormat) { try p.validate() }
        p.amount = Amount(value: "", currency: "IDR")
        expectFieldError("amount.value", .missing) { try p.validate() }
        p = try payment()
        p.additionalInfo = nil
        expectFieldError("additionalInfo", .missing) { try p.validate() }
        p.additionalInfo = PaymentAdditionalInfo(channel: "EMONEY_OVO_SNAP")
        expectFieldError("additionalInfo.channel", .invalidFormat) { try p.validate() }
        p.additionalInfo = PaymentAdditionalInfo(channel: nil)
        expectFieldError("additionalInfo.channel", .missing) { try p.validate() }
        p = try payment()
        p.validUpTo = "tomorrow"
        expectFieldError("validUpTo", .invalidFormat) { try p.validate() }
        p = try payment()
        p.pointOfInitiation = "kiosk"
        expectFieldError("pointOfInitiation", .invalidFormat) { try p.validate() }
        p.pointOfInitiation = "MWEB"
        try p.validate()
        p = try payment()
        p.urlParam = [URLParam(url: "ftp://x", type: "PAY_RETURN", isDeepLink: "N")]
        expectFieldError("urlParam[0].url", .invalidFormat) { try p.validate() }
        p.urlParam = [URLParam(url: "https://x.example/" + String(repeating: "a", count: 300), type: "PAY_RETURN", isDeepLink: "N")]
        expectFieldError("urlParam[0].url", .invalidFormat) { try p.validate() }
        p.urlParam = [URLParam(url: "https://x.example", type: "NOTIFY", isDeepLink: "N")]
        expectFieldError("urlParam[0].type", .invalidFormat) { try p.validate() }
        p.urlParam = [URLParam(url: "https://x.example", type: "PAY_RETURN", isDeepLink: "yes")]
        expectFieldError("urlParam[0].isDeepLink", .invalidFormat) { try p.validate() }
        p = try payment()
        p.additionalInfo?.orderTitle = "evil\u{1B}[2J"
        expectFieldError("additionalInfo.orderTitle", .invalidFormat) { try p.validate() }
    }

    @Test func deviceAndIPRules() throws {
        try CustomerDevice(deviceID: "POS01", ipAddress: "1.2.3.4").validate()
        // DOKU's SDKs require X-IP-ADDRESS for DANA payments and refunds.
        expectFieldError("X-IP-ADDRESS", .missing) { try CustomerDevice(deviceID: "kasir7").validate() }
        expectFieldError("X-DEVICE-ID", .missing) { try CustomerDevice(deviceID: "").validate() }
        expectFieldError("X-DEVICE-ID", .invalidFormat) { try CustomerDevice(deviceID: "POS-01").validate() }
        expectFieldError("X-DEVICE-ID", .invalidFormat) { try CustomerDevice(deviceID: String(repeating: "a", count: 65)).validate() }
        for bad in ["1.2.3", "256.1.1.1", "1.2.3.4.5", "a.b.c.d", "01.2.3.4", "1..2.3", "::1"] {
            expectFieldError("X-IP-ADDRESS", .invalidFormat) { try CustomerDevice(deviceID: "POS01", ipAddress: bad).validate() }
        }
    }

    @Test func statusAndRefundRules() throws {
        try CheckStatusRequest(partnerReferenceNo: "INV-1").validate()
        var status = CheckStatusRequest(partnerReferenceNo: "INV-1")
        status.serviceCode = "54"
        expectFieldError("serviceCode", .invalidFormat) { try status.validate() }
        try status.validate(acceptedServiceCodes: ["54", "55"])
        status.originalPartnerReferenceNo = nil
        expectFieldError("originalPartnerReferenceNo", .missing) { try status.validate(acceptedServiceCodes: ["54", "55"]) }

        let good = RefundRequest(partnerReferenceNo: "INV-1", partnerRefundNo: "REF-1", amount: try Money(units: 5_000), reason: "Customer request")
        try good.validate()
        var refund = good
        refund.partnerRefundNo = ""
        expectFieldError("partnerRefundNo", .missing) { try refund.validate() }
        refund = good
        refund.refundAmount = Amount(value: "5000.001", currency: "IDR")
        expectFieldError("refundAmount.value", .invalidFormat) { try refund.validate() }
        refund = good
        refund.reason = String(repeating: "r", count: 256)
        expectFieldError("reason", .invalidFormat) { try refund.validate() }
        refund = good
        refund.additionalInfo = nil
        expectFieldError("additionalInfo", .missing) { try refund.validate() }
    }

    @Test func notificationRules() throws {
        let good = PaymentNotification(partnerReferenceNo: "INV-1", referenceNo: "REF-1", status: .success, amount: try Money(units: 10))
        try good.validate()
        var n = good
        n.latestTransactionStatus = "99"
        expectFieldError("latestTransactionStatus", .invalidFormat) { try n.validate() }
        n = good
        n.originalReferenceNo = nil
        expectFieldError("originalReferenceNo", .missing) { try n.validate() }
        n = good
        n.amount = Amount(value: "ten", currency: "IDR")
        expectFieldError("amount.value", .invalidFormat) { try n.validate() }
    }

    @Test func decodesWhatDokusPythonSDKSends() throws {
        // Spaced JSON, explicit nulls, SDK origin tags.
        let body = """
            {"partnerReferenceNo": "INV-0001", "amount": {"value": "10000.00", "currency": "IDR"},
             "additionalInfo": {"channel": "EMONEY_DANA_SNAP", "metadata": null,
               "origin": {"product": "SDK", "source": "python", "sourceVersion": "1.1.64", "system": "doku-python-library", "apiFormat": "SNAP"},
               "orderTitle": "Order INV-0001", "supportDeepLinkCheckoutUrl": false},
             "validUpTo": "2024-07-10T11:57:58+07:00", "pointOfInitiation": "app",
             "urlParam": [{"url": "https://merchant.example/return", "type": "PAY_RETURN", "isDeepLink": "N"}]}
            """
        let request = try JSONDecoder().decode(PaymentRequest.self, from: Data(body.utf8))
        try request.validate()
        #expect(request.additionalInfo?.orderTitle == "Order INV-0001")
        for info in ["\"\"", "[]", "null", "{}"] {
            let token = try JSONDecoder().decode(AccessTokenRequest.self, from: Data("{\"grantType\":\"client_credentials\",\"additionalInfo\":\(info)}".utf8))
            try token.validate()
        }
        let status = try JSONDecoder().decode(CheckStatusResponse.self, from: Data(#"{"responseCode":"2005500","responseMessage":"ok","requestId":"R1","refundHistory":[{"partnerRefundNo":"RF1"}]}"#.utf8))
        #expect(status.requestID == "R1")
        #expect(status.refundHistory?.first?.partnerReferenceNo == "RF1")
        let notification = try JSONDecoder().decode(PaymentNotification.self, from: Data(#"{"originalReferenceNo":"R","originalPartnerReferenceNo":"I","latestTransactionStatus":"00","additionalInfo":{"channelId":"EMONEY_DANA_SNAP"}}"#.utf8))
        #expect(notification.channel == "EMONEY_DANA_SNAP")
        for info in ["\"\"", "[]", "null", "{}", "{\"custIdMerchant\":\"UATALLO1\",\"accountType\":\"DIRECT_DEBIT\"}", "42"] {
            let decoded = try PaymentNotification.decode(Array("{\"originalReferenceNo\":\"R\",\"originalPartnerReferenceNo\":\"I\",\"latestTransactionStatus\":\"00\",\"additionalInfo\":\(info)}".utf8))
            try decoded.validate()
        }
    }
}
