import Foundation
import KasirTestSupport
import Testing

@testable import DokuSNAP

/// `PaymentNotification.decode` reads bodies with `JSONReader` instead of `JSONDecoder` (for
/// speed); these hold it to the reading it replaced, `LenientJSON.decode` through Foundation.
@Suite struct NotificationDecodeTests {
    static func reference(_ body: [UInt8]) -> PaymentNotification? {
        try? LenientJSON.decode(PaymentNotification.self, from: body)
    }

    @Test func dokuShapedBodiesReadAsFoundationReadsThem() throws {
        let bodies = [
            #"{"originalPartnerReferenceNo":"INV-1","originalReferenceNo":"REF-1","latestTransactionStatus":"00","amount":{"value":"12500","currency":"IDR"}}"#,
            #"{"originalPartnerReferenceNo":"INV-1","originalReferenceNo":98765432109876543210,"latestTransactionStatus":"00","amount":{"value":12500.00,"currency":"IDR"},"additionalInfo":{"channel":"EMONEY_DANA_SNAP","n":[1,null,true,{"x":"\u00e9\ud83d\ude42"}]}}"#,
            #"  {"originalPartnerReferenceNo" : "INV-\"2\"\n" , "additionalInfo" : "" , "unknown" : {"deep":[[[]]]}}  "#,
            #"{"originalPartnerReferenceNo":null,"amount":null,"additionalInfo":null}"#,
            #"{}"#,
        ]
        for body in bodies {
            let bytes = Array(body.utf8)
            let expected = try #require(Self.reference(bytes), "\(body)")
            #expect(try PaymentNotification.decode(bytes) == expected, "\(body)")
        }
        let big = try PaymentNotification.decode(Array(bodies[1].utf8))
        #expect(big.originalReferenceNo == "98765432109876543210")
        #expect(big.amount == Amount(value: "12500.00", currency: "IDR"))
    }

    @Test func whatFoundationRefusesIsRefused() {
        let bodies = [
            "", "[]", "\"text\"", "{", "{\"a\":}", "{\"a\":1,}", "{\"amount\":\"12500\"}", "{\"amount\":{\"value\":\"1\"}}",
            "{\"originalReferenceNo\":{\"x\":1}}", "{\"originalReferenceNo\":true}", "{\"a\":\"\u{1}\"}", "{\"a\":\"\\ud800\"}", "{} x",
            "{\"a\":\"\\q\"}", "{\"a\":01}",
        ]
        for body in bodies {
            #expect(throws: (any Error).self, "\(body)") { try PaymentNotification.decode(Array(body.utf8)) }
        }
        #expect(throws: (any Error).self) { try PaymentNotification.decode([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]) }
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: (any Error).self) { try PaymentNotification.decode(Array("{\"additionalInfo\":\(deep)}".utf8)) }
    }

    /// Random documents, then random mutations of them: a valid document reads exactly as
    /// Foundation reads it, and nothing is accepted that Foundation refuses.
    @Test func randomBodiesAgreeWithFoundation() {
        var rng = SeededRandom(state: 77)
        var agreed = 0
        for _ in 0..<3_000 {
            let document = Self.document(using: &rng)
            let bytes = Array(document.utf8)
            let ours = try? PaymentNotification.decode(bytes)
            let theirs = Self.reference(bytes)
            #expect(ours == theirs, "\(document)")
            if ours != nil { agreed += 1 }
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...3, using: &rng) where !mutated.isEmpty {
                let position = Int.random(in: 0..<mutated.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: mutated[position] = Array(#"{}[]",:\0a"#.utf8).randomElement(using: &rng)!
                case 1: mutated.remove(at: position)
                default: mutated = Array(mutated.prefix(position))
                }
            }
            if let accepted = try? PaymentNotification.decode(mutated) {
                #expect(accepted == Self.reference(mutated), "\(String(decoding: mutated, as: UTF8.self))")
            }
        }
        #expect(agreed > 1_000)
    }

    static let keys = [
        "originalPartnerReferenceNo", "originalReferenceNo", "originalExternalId", "latestTransactionStatus", "transactionStatusDesc",
        "createdTime", "finishedTime", "other", "channel",
    ]

    static func document(using rng: inout SeededRandom) -> String {
        var members: [String] = []
        for key in keys.shuffled(using: &rng).prefix(Int.random(in: 0...keys.count, using: &rng)) {
            members.append("\(quoted(key)):\(scalar(using: &rng))")
        }
        if Bool.random(using: &rng) {
            let amount = Int.random(in: 0..<4, using: &rng)
            switch amount {
            case 0: members.append(#""amount":null"#)
            case 1: members.append(#""amount":{"value":\#(scalar(using: &rng)),"currency":"IDR"}"#)
            default: members.append(#""amount":{"currency":\#(scalar(using: &rng)),"value":"\#(Int.random(in: 0...999_999, using: &rng)).00"}"#)
            }
        }
        if Bool.random(using: &rng) { members.append("\"additionalInfo\":\(any(depth: 0, using: &rng))") }
        let space = [" ", "", "\n", "\t"]
        return "{" + members.shuffled(using: &rng).joined(separator: space.randomElement(using: &rng)! + ",") + "}"
    }

    static func scalar(using rng: inout SeededRandom) -> String {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: "null"
        case 1: String(Int.random(in: -99_999...99_999_999, using: &rng))
        case 2: "\(Int.random(in: 0...9999, using: &rng)).\(Int.random(in: 0...99, using: &rng))e\(Int.random(in: -3...3, using: &rng))"
        case 3: "true"
        default: quoted(text(using: &rng))
        }
    }

    static func any(depth: Int, using rng: inout SeededRandom) -> String {
        guard depth < 3 else { return scalar(using: &rng) }
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return "[" + (0..<Int.random(in: 0...3, using: &rng)).map { _ in any(depth: depth + 1, using: &rng) }.joined(separator: ",") + "]"
        case 1:
            return "{" + (0..<Int.random(in: 0...3, using: &rng)).map { index in "\"k\(index)\": " + any(depth: depth + 1, using: &rng) }.joined(separator: ",") + "}"
        default: return scalar(using: &rng)
        }
    }

    static func text(using rng: inout SeededRandom) -> String {
        let pieces = ["INV-", "é", "日本", "🙂", "\\n", "\\\"", "\\u0041", "\\ud83d\\ude42", "\\/", " ", "0", "\\u001b"]
        return (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    static func quoted(_ text: String) -> String { "\"" + text + "\"" }
}
