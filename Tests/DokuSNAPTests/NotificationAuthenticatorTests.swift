import Foundation
import KasirTestSupport
import Testing

@testable import DokuSNAP

@Suite struct NotificationAuthenticatorTests {
    static let merchantKey = try! RSASigningKey.generate()
    static let dokuKey = try! RSASigningKey.generate()
    static let strangerKey = try! RSASigningKey.generate()
    let clientID = "BRN-0001-0000000000001"
    let secret = Secret("SK-notify-secret")
    let clock = ManualClock(Date(timeIntervalSince1970: 1_720_585_678))

    func makeAuthenticator(scheme: NotificationSignatureScheme = .auto, requireToken: Bool = false) async throws -> NotificationAuthenticator {
        try await NotificationAuthenticator(
            .init(
                clientID: clientID, clientSecret: secret, merchantKey: Self.merchantKey, dokuPublicKey: Self.dokuKey.publicKey,
                signatureScheme: scheme, requireToken: requireToken), clock: clock)
    }

    /// A notification signed as DOKU's "Asymmetric Signature" page says DOKU signs HTTP notifications:
    /// SHA256withRSA over POST:path:sha256hex(minify(body)):X-TIMESTAMP, and, as in DOKU's SNAP
    /// notification samples, only X-SIGNATURE, X-PARTNER-ID, X-EXTERNAL-ID and X-TIMESTAMP.
    func dokuSignedHeaders(body: [UInt8], path: String = DokuPaths.notify, key: RSASigningKey = dokuKey, token: String? = nil, timestamp: String? = nil) throws
        -> [String: String]
    {
        let stamp = timestamp ?? SNAPTimestamp.format(clock.now())
        // Independent of kasir's code: the string DOKU's page spells out, signed by hand.
        let hash = JSONMinifier.bodyHash(body)
        let signature = try key.sign("POST:" + path + ":" + hash + ":" + stamp)
        var headers = ["x-timestamp": stamp, "x-signature": signature, "x-partner-id": clientID, "x-external-id": "230814190612393107186190192001154673"]
        if let token { headers["authorization"] = "Bearer " + token }
        return headers
    }

    /// DOKU's token request as DOKU would send it.
    func tokenRequest(signedBy key: RSASigningKey = dokuKey, clientKey: String? = nil, timestamp: String? = nil) throws -> [String: String] {
        let stamp = timestamp ?? SNAPTimestamp.format(clock.now(), offsetSeconds: 0)
        return [
            "x-client-key": clientKey ?? clientID, "x-timestamp": stamp,
            "x-signature": try AsymmetricSignature.sign(clientID: clientKey ?? clientID, timestamp: stamp, with: key),
        ]
    }

    func lookup(_ headers: [String: String]) -> (String) -> String? {
        { name in headers[name.lowercased()] }
    }

    let tokenBody = Array(#"{"grantType":"client_credentials"}"#.utf8)

    func issueToken(_ authenticator: NotificationAuthenticator) async throws -> String {
        let (status, answer, _) = await authenticator.answerTokenRequest(header: lookup(try tokenRequest()), body: tokenBody)
        #expect(status == 200)
        #expect(answer.responseCode == "2007300")
        #expect(answer.expiresIn == 900)
        #expect(answer.tokenType == "Bearer")
        return try #require(answer.accessToken)
    }

    /// A notification signed the way doku-snap.md "Decisions" says DOKU signs it.
    func notificationHeaders(token: String, body: [UInt8], path: String = DokuPaths.notify, timestamp: String? = nil, secret: Secret? = nil) -> [String: String] {
        let stamp = timestamp ?? SNAPTimestamp.format(clock.now())
        let signature = SymmetricSignature(clientSecret: secret ?? self.secret).sign(
            method: "POST", path: path, accessToken: Secret(token), body: body, timestamp: stamp)
        return ["authorization": "Bearer \(token)", "x-timestamp": stamp, "x-signature": signature, "x-partner-id": clientID, "x-external-id": "12345678901234567890"]
    }

    let body = Array(SymmetricSignatureTests.notificationBody.utf8)

    @Test func aGenuineTokenRequestGetsAJWTAndAGenuineNotificationIsAccepted() async throws {
        let authenticator = try await makeAuthenticator()
        let token = try await issueToken(authenticator)
        #expect(token.split(separator: ".").count == 3)
        let notification = try await authenticator.verifyNotification(header: lookup(notificationHeaders(token: token, body: body)), body: body)
        #expect(notification.originalPartnerReferenceNo == "INV-0001")
        #expect(notification.status == .success)
        #expect(try notification.amount?.money() == rupiah(10_000))
        // DOKU's Python SDK sends the same JSON with spaces after signing the compact form.
        let spaced = Array(SymmetricSignatureTests.notificationBody.replacingOccurrences(of: "\",\"", with: "\", \"").utf8)
        _ = try await authenticator.verifyNotification(header: lookup(notificationHeaders(token: token, body: body)), body: spaced)
    }

    func rejection(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            Issue.record("accepted")
        } catch let error as NotificationRejection {
            return error.code.rawValue
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    @Test func tokenRequestsThatAreNotDokusAreRefused() async throws {
        let authenticator = try await makeAuthenticator()
        func code(_ headers: [String: String], _ body: [UInt8]? = nil) async -> String {
            let (status, answer, _) = await authenticator.answerTokenRequest(header: lookup(headers), body: body ?? tokenBody)
            #expect(status == Int(answer.responseCode.prefix(3)))
            #expect(answer.accessToken == nil)
            return answer.responseCode
        }
        #expect(await code(try tokenRequest(signedBy: Self.strangerKey)) == "4017300")
        #expect(await code(try tokenRequest(signedBy: Self.merchantKey)) == "4017300")
        #expect(await code(try tokenRequest(clientKey: "BRN-9999")) == "4017300")
        let stale = SNAPTimestamp.format(clock.now().addingTimeInterval(-301))
        #expect(await code(try tokenRequest(timestamp: stale)) == "4017300")
        #expect(await code(try tokenRequest(timestamp: "yesterday")) == "4007301")
        var missing = try tokenRequest()
        missing["x-signature"] = nil
        #expect(await code(missing) == "4007302")
        #expect(await code(try tokenRequest(), Array("not json".utf8)) == "4007301")
        #expect(await code(try tokenRequest(), Array(#"{"grantType":"password"}"#.utf8)) == "4007301")
        #expect(await code(try tokenRequest(), Array("{}".utf8)) == "4007302")
    }

    @Test func forgedExpiredOrTamperedNotificationsAreRefused() async throws {
        let authenticator = try await makeAuthenticator()
        let token = try await issueToken(authenticator)
        let good = notificationHeaders(token: token, body: body)

        // Without the token the HMAC cannot be checked, and it is not DOKU's RSA signature either.
        var noToken = good
        noToken["authorization"] = nil
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(noToken), body: body) } == "4015600")
        let strictToken = try await makeAuthenticator(requireToken: true)
        #expect(await rejection { _ = try await strictToken.verifyNotification(header: lookup(noToken), body: body) } == "4015601")
        let symmetricOnly = try await makeAuthenticator(scheme: .symmetric)
        #expect(await rejection { _ = try await symmetricOnly.verifyNotification(header: lookup(noToken), body: body) } == "4015601")

        // A JWT of the same shape signed by someone else's key.
        let stranger = try await NotificationAuthenticator(
            .init(clientID: clientID, clientSecret: secret, merchantKey: Self.strangerKey, dokuPublicKey: Self.dokuKey.publicKey), clock: clock)
        let forgedToken = try await issueToken(stranger)
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(notificationHeaders(token: forgedToken, body: body)), body: body) } == "4015601")

        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(notificationHeaders(token: "abc.def.ghi", body: body)), body: body) } == "4015601")

        var tampered = body
        tampered[tampered.firstIndex(of: UInt8(ascii: "0"))!] = UInt8(ascii: "9")
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(good), body: tampered) } == "4015600")
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(notificationHeaders(token: token, body: body, path: "/other")), body: body) } == "4015600")
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(notificationHeaders(token: token, body: body, secret: Secret("wrong"))), body: body) } == "4015600")
        let old = SNAPTimestamp.format(clock.now().addingTimeInterval(-600))
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(notificationHeaders(token: token, body: body, timestamp: old)), body: body) } == "4015600")
        var unsigned = good
        unsigned["x-signature"] = nil
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(unsigned), body: body) } == "4005602")

        // Accepted once, so its verified claims are remembered: expiry must still apply, and a token
        // one character away from it must still be checked in full.
        _ = try await authenticator.verifyNotification(header: lookup(good), body: body)
        var near = Array(token)
        near[near.count - 3] = near[near.count - 3] == "A" ? "B" : "A"
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(notificationHeaders(token: String(near), body: body)), body: body) } == "4015601")
        clock.advance(by: 901)
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(notificationHeaders(token: token, body: body)), body: body) } == "4015601")
    }

    @Test func malformedBodiesAreRefusedWithTheFieldNamed() async throws {
        let authenticator = try await makeAuthenticator()
        let token = try await issueToken(authenticator)
        func verify(_ text: String) async -> String? {
            let bytes = Array(text.utf8)
            return await rejection { _ = try await authenticator.verifyNotification(header: lookup(notificationHeaders(token: token, body: bytes)), body: bytes) }
        }
        #expect(await verify("[1,2]") == "4005601")
        #expect(await verify(#"{"originalReferenceNo":"R"}"#) == "4005602")
        #expect(await verify(#"{"originalReferenceNo":"R","originalPartnerReferenceNo":"I","latestTransactionStatus":"42"}"#) == "4005601")
        #expect(await verify(#"{"originalReferenceNo":"R","originalPartnerReferenceNo":"I","latestTransactionStatus":"00","amount":{"value":"1.234","currency":"IDR"}}"#) == "4005601")
        #expect(await verify(#"{"originalReferenceNo":"R","originalPartnerReferenceNo":"I","latestTransactionStatus":"00","amount":{"value":"12500","currency":"USD"}}"#) == "4005601")
        #expect(await verify(#"{"originalReferenceNo":"R","originalPartnerReferenceNo":"I","latestTransactionStatus":"00","amount":{"value":"-5","currency":"IDR"}}"#) == "4005601")
    }

    /// DOKU's direct-debit notification sample (dashboard.doku.com, Allo), with the amount without
    /// decimals and the time without offset of DOKU's other samples, numbers where strings are
    /// expected, and a key DOKU may add.
    static let dokuShapedBody = """
        {"originalPartnerReferenceNo":"INV-0001","originalReferenceNo":20230811000000050116917278196299,"originalExternalId":534375157,        "latestTransactionStatus":"00","transactionStatusDesc":"Success","amount":{"value":"12500","currency":"IDR"},        "finishedTime":"2024-01-01T09:09:00.123","additionalInfo":{"custIdMerchant":"UATALLO1","accountType":"DIRECT_DEBIT"},"newFieldDokuMayAdd":[1,{"x":2.5}]}
        """

    @Test func aNotificationSignedAsDokuDocumentsItIsAcceptedWithoutAToken() async throws {
        let authenticator = try await makeAuthenticator()
        let bytes = Array(Self.dokuShapedBody.utf8)
        let headers = try dokuSignedHeaders(body: bytes)
        #expect(headers["x-signature"]?.count == 344)
        let notification = try await authenticator.verifyNotification(header: lookup(headers), body: bytes)
        #expect(notification.originalPartnerReferenceNo == "INV-0001")
        #expect(notification.originalReferenceNo == "20230811000000050116917278196299")
        #expect(notification.originalExternalId == "534375157")
        #expect(notification.status == .success)
        #expect(try notification.amount?.money(lenient: true) == rupiah(12_500))
        #expect(notification.channel == nil)
        // With a token we issued it is accepted too; a token we did not issue is refused even with DOKU's signature.
        let token = try await issueToken(authenticator)
        _ = try await authenticator.verifyNotification(header: lookup(try dokuSignedHeaders(body: bytes, token: token)), body: bytes)
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(try self.dokuSignedHeaders(body: bytes, token: "abc.def.ghi")), body: bytes) } == "4015601")
        // Under `symmetric` it is refused; under `asymmetric` an HMAC one is.
        let symmetricOnly = try await makeAuthenticator(scheme: .symmetric)
        let symmetricToken = try await issueToken(symmetricOnly)
        #expect(await rejection { _ = try await symmetricOnly.verifyNotification(header: lookup(try self.dokuSignedHeaders(body: bytes, token: symmetricToken)), body: bytes) } == "4015600")
        let asymmetricOnly = try await makeAuthenticator(scheme: .asymmetric)
        let asymmetricToken = try await issueToken(asymmetricOnly)
        #expect(await rejection { _ = try await asymmetricOnly.verifyNotification(header: lookup(self.notificationHeaders(token: asymmetricToken, body: bytes)), body: bytes) } == "4015600")
        _ = try await asymmetricOnly.verifyNotification(header: lookup(try dokuSignedHeaders(body: bytes)), body: bytes)
    }

    @Test func asymmetricNotificationsThatAreNotDokusAreRefused() async throws {
        let authenticator = try await makeAuthenticator()
        let good = try dokuSignedHeaders(body: body)
        _ = try await authenticator.verifyNotification(header: lookup(good), body: body)
        for key in [Self.strangerKey, Self.merchantKey] {
            #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(try self.dokuSignedHeaders(body: self.body, key: key)), body: self.body) } == "4015600")
        }
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(try self.dokuSignedHeaders(body: self.body, path: "/other")), body: self.body) } == "4015600")
        var tampered = body
        tampered[tampered.firstIndex(of: UInt8(ascii: "0"))!] = UInt8(ascii: "9")
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(good), body: tampered) } == "4015600")
        var otherTime = good
        otherTime["x-timestamp"] = SNAPTimestamp.format(clock.now().addingTimeInterval(1))
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(otherTime), body: self.body) } == "4015600")
        let old = SNAPTimestamp.format(clock.now().addingTimeInterval(-600))
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(try self.dokuSignedHeaders(body: self.body, timestamp: old)), body: self.body) } == "4015600")
        var unsigned = good
        unsigned["x-signature"] = nil
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(unsigned), body: self.body) } == "4005602")
        let strict = try await makeAuthenticator(requireToken: true)
        #expect(await rejection { _ = try await strict.verifyNotification(header: lookup(good), body: self.body) } == "4015601")
        // Authentication comes before parsing: a forged body that is not JSON is refused as forged.
        let junk = Array("not json".utf8)
        #expect(await rejection { _ = try await authenticator.verifyNotification(header: lookup(good), body: junk) } == "4015600")
    }

    @Test func mutatedOrReSignedAsymmetricNotificationsNeverPass() async throws {
        let authenticator = try await makeAuthenticator()
        let headers = try dokuSignedHeaders(body: body)
        var rng = SeededRandom(state: 11)
        var refused = 0
        for round in 0..<200 {
            var mutated = body
            let index = Int.random(in: 0..<mutated.count, using: &rng)
            let replacement = UInt8.random(in: 33...126, using: &rng)
            guard mutated[index] != replacement, mutated[index] != UInt8(ascii: " ") else { continue }
            mutated[index] = replacement
            // Half keep DOKU's signature of the original; half are re-signed with a key that is not DOKU's.
            let sent = round % 2 == 0 ? headers : try dokuSignedHeaders(body: mutated, key: Self.strangerKey)
            do {
                _ = try await authenticator.verifyNotification(header: lookup(sent), body: mutated)
                Issue.record("a mutated body was accepted: \(String(decoding: mutated, as: UTF8.self))")
            } catch {
                #expect(error.code.rawValue == "4015600")
                refused += 1
            }
        }
        #expect(refused > 150)
    }

    @Test func mutatedNotificationsNeverPass() async throws {
        let authenticator = try await makeAuthenticator()
        let token = try await issueToken(authenticator)
        let headers = notificationHeaders(token: token, body: body)
        var rng = SeededRandom(state: 5)
        for _ in 0..<300 {
            var mutated = body
            let index = Int.random(in: 0..<mutated.count, using: &rng)
            let replacement = UInt8.random(in: 33...126, using: &rng)
            guard mutated[index] != replacement, mutated[index] != UInt8(ascii: " ") else { continue }
            mutated[index] = replacement
            do {
                _ = try await authenticator.verifyNotification(header: lookup(headers), body: mutated)
                Issue.record("a mutated body was accepted: \(String(decoding: mutated, as: UTF8.self))")
            } catch {}
        }
    }
}
