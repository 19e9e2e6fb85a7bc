import DokuSNAP
import Foundation

/// Request signing and RSA token signing, single-threaded.
func signingBench(parts: Bool) throws {
    let paymentBody = Array(
        #"{"partnerReferenceNo":"INV-20240710-0001","amount":{"value":"150000.00","currency":"IDR"},"additionalInfo":{"channel":"EMONEY_DANA_SNAP","orderTitle":"Kopi susu gula aren x2","supportDeepLinkCheckoutUrl":false},"validUpTo":"2024-07-10T11:57:58+07:00","pointOfInitiation":"app","urlParam":[{"url":"https://merchant.example/return","type":"PAY_RETURN","isDeepLink":"N"}]}"#
            .utf8)
    let signer = SymmetricSignature(clientSecret: Secret("SK-benchmark-secret-0123456789"))
    let token = Secret("eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE3MjA1ODU2NzgsImlzcyI6IkRPS1UiLCJjbGllbnRJZCI6IkJSTi0wMDAxIn0.signature")
    let key = try RSASigningKey.generate()
    var sink = 0

    print("DokuSNAP signing (target: ≥100,000 request signatures/s, ≥500 RSA token signatures/s)")
    let requestRate = measure("request signature (minify+SHA256+HMAC512+b64)") {
        let signature = signer.sign(
            method: "POST", path: DokuPaths.payment, accessToken: token, body: paymentBody, timestamp: "2024-07-10T11:27:58+07:00")
        sink &+= signature.utf8.count
    }
    let rsaRate = try measure("token signature (RSA-2048 SHA256withRSA)") {
        let signature = try AsymmetricSignature.sign(clientID: "BRN-0001-0000000000001", timestamp: "2024-07-10T11:27:58+07:00", with: key)
        sink &+= signature.utf8.count
    }
    let tokenSignature = try AsymmetricSignature.sign(clientID: "BRN-0001-0000000000001", timestamp: "2024-07-10T11:27:58+07:00", with: key)
    measure("token signature verify (RSA-2048)") {
        let valid = AsymmetricSignature.isValid(tokenSignature, clientID: "BRN-0001-0000000000001", timestamp: "2024-07-10T11:27:58+07:00", key: key.publicKey)
        precondition(valid)
        sink &+= 1
    }
    if parts {
        measure("  part: minify") { sink &+= JSONMinifier.minify(paymentBody).count }
        measure("  part: body hash") { sink &+= JSONMinifier.bodyHash(paymentBody).utf8.count }
        let sts = SymmetricSignature.stringToSign(method: "POST", path: DokuPaths.payment, accessToken: token, body: paymentBody, timestamp: "2024-07-10T11:27:58+07:00")
        measure("  part: string to sign") { sink &+= SymmetricSignature.stringToSign(method: "POST", path: DokuPaths.payment, accessToken: token, body: paymentBody, timestamp: "2024-07-10T11:27:58+07:00").utf8.count }
        measure("  part: hmac+b64") { sink &+= signer.sign(method: "POST", path: "/", accessToken: token, body: [UInt8](), timestamp: sts).utf8.count }
    }
    print("")
    print("request signing: \(requestRate >= 100_000 ? "meets" : "MISSES") the 100,000/s target")
    print("RSA token signing: \(rsaRate >= 500 ? "meets" : "MISSES") the 500/s target")
    if sink == 42 { print("") }

}
