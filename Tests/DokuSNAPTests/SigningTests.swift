import Foundation
import Testing

@testable import DokuSNAP

@Suite struct MinifierTests {
    @Test(arguments: [
        ("{ \"a\" : 1 ,\n\t\"b\" : [ 1 , 2 ] }", "{\"a\":1,\"b\":[1,2]}"),
        ("{\"text\": \"keep  these   spaces\"}", "{\"text\":\"keep  these   spaces\"}"),
        ("{\"q\": \"say \\\"hi\\\" there\"}", "{\"q\":\"say \\\"hi\\\" there\"}"),
        ("{\"bs\": \"ends with backslash\\\\\", \"n\": 2}", "{\"bs\":\"ends with backslash\\\\\",\"n\":2}"),
        ("{\"u\": \"caf\\u00e9 \\/path\"}", "{\"u\":\"caf\\u00e9 \\/path\"}"),
        ("{\"raw\": \"café 日本 🙂\", \"x\" : null}", "{\"raw\":\"café 日本 🙂\",\"x\":null}"),
        ("{ \"z\": 1.50e+3, \"a\": -0.0, \"t\": true, \"f\": false }", "{\"z\":1.50e+3,\"a\":-0.0,\"t\":true,\"f\":false}"),
        ("{\"nested\": {\"deeper\": {\"list\": [ {\"k\": \"v\"} ,{} , [] ]}}}", "{\"nested\":{\"deeper\":{\"list\":[{\"k\":\"v\"},{},[]]}}}"),
        ("\r\n  [ ]  \r\n", "[]"),
        ("", ""),
        ("{\"tab\": \"a\\tb\", \"nl\": \"x\\ny\"}", "{\"tab\":\"a\\tb\",\"nl\":\"x\\ny\"}"),
    ])
    func removesOnlyWhitespaceOutsideStrings(input: String, expected: String) {
        #expect(JSONMinifier.minify(input) == expected)
    }

    @Test func keepsKeyOrderAsSent() {
        #expect(JSONMinifier.minify("{\"z\": 1, \"a\": 2, \"m\": 3}") == "{\"z\":1,\"a\":2,\"m\":3}")
    }

    @Test func emptyBodyHashesTheEmptyString() {
        #expect(JSONMinifier.bodyHash([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func spacedAndCompactFormsOfTheSameJSONHashAlike() {
        // What DOKU's Python SDK does: signs compact JSON, sends `json.dumps` with spaces.
        let compact = "{\"partnerReferenceNo\":\"INV-0001\",\"amount\":{\"value\":\"10000.00\",\"currency\":\"IDR\"}}"
        let spaced = "{\"partnerReferenceNo\": \"INV-0001\", \"amount\": {\"value\": \"10000.00\", \"currency\": \"IDR\"}}"
        #expect(JSONMinifier.bodyHash(Array(compact.utf8)) == JSONMinifier.bodyHash(Array(spaced.utf8)))
    }
}

@Suite struct SymmetricSignatureTests {
    static let paymentBody =
        #"{"partnerReferenceNo":"INV-0001","amount":{"value":"10000.00","currency":"IDR"},"additionalInfo":{"channel":"EMONEY_DANA_SNAP","orderTitle":"Order INV-0001","supportDeepLinkCheckoutUrl":false},"validUpTo":"2024-07-10T11:57:58+07:00","pointOfInitiation":"app","urlParam":[{"url":"https://merchant.example/return","type":"PAY_RETURN","isDeepLink":"N"}]}"#
    static let notificationBody =
        #"{"originalPartnerReferenceNo":"INV-0001","originalReferenceNo":"DOKU-REF-0001","originalExternalId":"12345678901234561720585678","latestTransactionStatus":"00","transactionStatusDesc":"Success","amount":{"value":"10000.00","currency":"IDR"},"additionalInfo":{"channel":"EMONEY_DANA_SNAP"}}"#

    @Test func matchesThePaymentVectorOfSection3_2() {
        let body = Array(Self.paymentBody.utf8)
        #expect(JSONMinifier.bodyHash(body) == "47b25fff144519c020a0d659a01938eaa12c81e953679c4405304a7012889758")
        let path = "/direct-debit/core/v1/debit/payment-host-to-host"
        let token = Secret("TEST-ACCESS-TOKEN")
        #expect(
            SymmetricSignature.stringToSign(method: "POST", path: path, accessToken: token, body: body, timestamp: "2024-07-10T04:27:58Z")
                == "POST:/direct-debit/core/v1/debit/payment-host-to-host:TEST-ACCESS-TOKEN:47b25fff144519c020a0d659a01938eaa12c81e953679c4405304a7012889758:2024-07-10T04:27:58Z"
        )
        let signer = SymmetricSignature(clientSecret: Secret("SK-TESTSECRET"))
        let signature = signer.sign(method: "POST", path: path, accessToken: token, body: body, timestamp: "2024-07-10T04:27:58Z")
        #expect(signature == "XzQrWWxsJrqWzjEMKIdqP4PCAM3lVyIyJwbS52HsNp2hbCZRputL7CwZ81VVVJsKfnXANQ55y6ZJxq4dewH4Og==")
        #expect(signer.isValid(signature, method: "POST", path: path, accessToken: token, body: body, timestamp: "2024-07-10T04:27:58Z"))
    }

    @Test func matchesTheNotificationVectorOfSection6_3() {
        let body = Array(Self.notificationBody.utf8)
        #expect(JSONMinifier.bodyHash(body) == "f811170cc8885422406b98c02d2c8f1c384d1cb71c552395ae865237302a0aac")
        let signer = SymmetricSignature(clientSecret: Secret("SK-TESTSECRET"))
        #expect(
            signer.sign(method: "POST", path: "/v1.0/debit/notify", accessToken: Secret("MERCHANT-ISSUED-TOKEN"), body: body, timestamp: "2024-07-10T11:58:30+07:00")
                == "oVWd2I0zvHOzWkGUWoiA1uiOPjlIwQfBcBUoG2on5iOuLw+O+7NTIznH6yXbcf+NmMfViN7OBqko8az3BeRG+A==")
    }

    @Test func aSpacedBodyVerifiesAgainstTheCompactSignature() {
        let signer = SymmetricSignature(clientSecret: Secret("SK-TESTSECRET"))
        let spaced = Array(Self.paymentBody.replacingOccurrences(of: "\",\"", with: "\", \"").replacingOccurrences(of: "\":", with: "\": ").utf8)
        #expect(spaced != Array(Self.paymentBody.utf8))
        #expect(
            signer.isValid(
                "XzQrWWxsJrqWzjEMKIdqP4PCAM3lVyIyJwbS52HsNp2hbCZRputL7CwZ81VVVJsKfnXANQ55y6ZJxq4dewH4Og==", method: "POST",
                path: "/direct-debit/core/v1/debit/payment-host-to-host", accessToken: Secret("TEST-ACCESS-TOKEN"), body: spaced,
                timestamp: "2024-07-10T04:27:58Z"))
    }

    @Test func anyChangeBreaksTheSignature() {
        let signer = SymmetricSignature(clientSecret: Secret("SK-TESTSECRET"))
        let body = Array(Self.paymentBody.utf8)
        let good = signer.sign(method: "POST", path: "/p", accessToken: Secret("T"), body: body, timestamp: "t")
        #expect(!signer.isValid(good, method: "POST", path: "/q", accessToken: Secret("T"), body: body, timestamp: "t"))
        #expect(!signer.isValid(good, method: "POST", path: "/p", accessToken: Secret("U"), body: body, timestamp: "t"))
        #expect(!signer.isValid(good, method: "POST", path: "/p", accessToken: Secret("T"), body: body + [0x20, 0x31], timestamp: "t"))
        #expect(!signer.isValid(good, method: "POST", path: "/p", accessToken: Secret("T"), body: body, timestamp: "u"))
        #expect(!SymmetricSignature(clientSecret: Secret("other")).isValid(good, method: "POST", path: "/p", accessToken: Secret("T"), body: body, timestamp: "t"))
        #expect(!signer.isValid("not base64!", method: "POST", path: "/p", accessToken: Secret("T"), body: body, timestamp: "t"))
        #expect(!signer.isValid("", method: "POST", path: "/p", accessToken: Secret("T"), body: body, timestamp: "t"))
    }
}
