import Foundation
import KasirTestSupport
import Testing

@testable import DokuSNAP

/// Random and mutated inputs through every parser: nothing may crash, and what is accepted
/// must be consistent (round-trips hold).
@Suite struct FuzzTests {
    static let seeds = [
        "150.000", "150000.00", "1.500.000,50", "Rp 25", "2024-07-10T11:57:58+07:00", "2024-07-10T04:27:58.123Z", "2005400",
        SymmetricSignatureTests.paymentBody, SymmetricSignatureTests.notificationBody,
        #"{"responseCode":"2005500","responseMessage":"ok","latestTransactionStatus":"00","refundHistory":[{"refundNo":"1"}]}"#,
        #"{"grantType":"client_credentials","additionalInfo":""}"#, "Bearer abc.def.ghi",
    ]

    static let alphabet = Array("0123456789.,-+:TZ Rp\"{}[]\\\u{0}\u{1B}é日🙂nulltrue".unicodeScalars)

    func mutate(_ text: String, using rng: inout SeededRandom) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let choice = Int.random(in: 0..<4, using: &rng)
            let position = scalars.isEmpty ? 0 : Int.random(in: 0..<scalars.count, using: &rng)
            let random = Self.alphabet.randomElement(using: &rng)!
            switch choice {
            case 0 where !scalars.isEmpty: scalars[position] = random
            case 1: scalars.insert(random, at: position)
            case 2 where !scalars.isEmpty: scalars.remove(at: position)
            default: scalars = Array(scalars.prefix(position))
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    @Test func parsersSurviveMutatedInput() throws {
        var rng = SeededRandom(state: 2024)
        let decoder = JSONDecoder()
        for index in 0..<30_000 {
            let text = mutate(Self.seeds[index % Self.seeds.count], using: &rng)
            if let money = try? Money(lenientWireValue: text, currency: "IDR") {
                #expect(try Money(wireValue: money.wireValue, currency: "IDR") == money)
            }
            if let money = try? Money(wireValue: text, currency: "IDR") {
                #expect(try Money(wireValue: money.wireValue, currency: "IDR") == money)
            }
            if let date = try? SNAPTimestamp.parse(text) {
                let again = try SNAPTimestamp.parse(SNAPTimestamp.format(date))
                #expect(abs(again.timeIntervalSince(date)) < 1)
            }
            if let code = ResponseCode(text) {
                _ = (code.meaning, code.category, code.httpStatus)
            }
            let minified = JSONMinifier.minify(text)
            #expect(JSONMinifier.minify(minified) == minified)
            let cleaned = text.cleanedForDisplay(limit: 40)
            #expect(!cleaned.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            _ = SNAPHeaders.bearerToken(text)
            let data = Data(text.utf8)
            try? (decoder.decode(PaymentRequest.self, from: data)).validate()
            try? (decoder.decode(RefundRequest.self, from: data)).validate()
            try? (decoder.decode(CheckStatusRequest.self, from: data)).validate()
            try? (decoder.decode(PaymentNotification.self, from: data)).validate()
            try? (decoder.decode(AccessTokenRequest.self, from: data)).validate()
            _ = try? decoder.decode(CheckStatusResponse.self, from: data)
            _ = try? decoder.decode(AccessTokenResponse.self, from: data)
            _ = Redactor.redact(Array(data))
        }
    }

    @Test func parsersSurviveRandomBytes() {
        var rng = SeededRandom(state: 99)
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...48, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? Money(lenientWireValue: text, currency: "IDR")
            _ = LenientJSON.quotingNumbers(bytes)
            _ = try? Money(wireValue: text, currency: "IDR")
            _ = try? SNAPTimestamp.parse(text, assumingJakartaIfNoOffset: true)
            _ = ResponseCode(text)
            _ = JSONMinifier.bodyHash(bytes)
            _ = text.cleanedForDisplay()
            _ = try? JSONDecoder().decode(PaymentNotification.self, from: Data(bytes))
        }
    }
}
