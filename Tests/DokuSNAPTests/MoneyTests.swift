import Testing

@testable import DokuSNAP

@Suite struct MoneyTests {
    @Test(arguments: [
        ("10000.00", Int64(1_000_000)), ("0.00", 0), ("0.01", 1), ("1.50", 150),
        ("9999999999999999.99", 999_999_999_999_999_999),
    ])
    func parsesWireValues(text: String, minor: Int64) throws {
        let money = try Money(wireValue: text, currency: "IDR")
        #expect(money.minorUnits == minor)
        #expect(money.wireValue == text)
    }

    @Test(arguments: ["", "10000", "10000.0", "10000.000", "-1.00", "1,000.00", "1e3.00", " 1.00", "1.00 ", "10000000000000000.00", "..00", "1.0.0", "+1.00", "١.٠٠"])
    func rejectsBadWireValues(text: String) {
        #expect(throws: MoneyError.self) { try Money(wireValue: text, currency: "IDR") }
    }

    @Test func rejectsOtherCurrencies() {
        #expect(throws: MoneyError.unsupportedCurrency("USD")) { try Money(wireValue: "1.00", currency: "USD") }
    }

    // What people type is read by KasirCore's AmountInput (AmountInputTests); DokuSNAP reads only DOKU's wire forms.

    @Test(arguments: [
        (Int64(15_000_000), "Rp 150.000"), (0, "Rp 0"), (100, "Rp 1"), (150_000_050, "Rp 1.500.000,50"),
        (99_900, "Rp 999"), (100_000, "Rp 1.000"), (5, "Rp 0,05"),
    ])
    func displaysForPeople(minor: Int64, text: String) throws {
        #expect(try Money(minorUnits: minor).displayText == text)
    }

    @Test func arithmeticIsExactAndRefusesNegativeResults() throws {
        let a = try Money(wireValue: "100000.10", currency: "IDR")
        let b = try Money(wireValue: "0.20", currency: "IDR")
        #expect(try a.adding(b).wireValue == "100000.30")
        #expect(try a.subtracting(b).wireValue == "99999.90")
        #expect(throws: MoneyError.negative) { try b.subtracting(a) }
        let max = try Money(minorUnits: Money.maximumMinorUnits)
        #expect(throws: MoneyError.tooLarge) { try max.adding(b) }
        #expect(throws: MoneyError.negative) { try Money(minorUnits: -1) }
    }

    @Test func amountObjectRoundTrips() throws {
        let amount = Amount(try Money(units: 10_000))
        #expect(amount == Amount(value: "10000.00", currency: "IDR"))
        #expect(try amount.money().minorUnits == 1_000_000)
    }
}

/// DOKU's notifications and answers, read "in non strict format".
@Suite struct LenientReadingTests {
    @Test(arguments: [("12500", 1_250_000), ("12500.00", 1_250_000), ("12500.5", 1_250_050), ("0", 0), ("9999999999999999.99", 999_999_999_999_999_999)])
    func dokuAmountsWithOrWithoutDecimals(text: String, minorUnits: Int64) throws {
        #expect(try Money(lenientWireValue: text, currency: "IDR").minorUnits == minorUnits)
    }

    @Test(arguments: ["", "1.234", "-5", "1e6", "12 500", "12.500.000", ".5", "5.", "0x10", "١٢٣"])
    func whatIsNotAnAmountIsStillRefused(text: String) {
        #expect(throws: MoneyError.self) { try Money(lenientWireValue: text, currency: "IDR") }
        // What kasir sends stays strict.
        #expect(throws: MoneyError.self) { try Money(wireValue: text.isEmpty ? "12500" : text, currency: "IDR") }
    }

    @Test func numbersBecomeTheStringsOfTheirExactDigits() throws {
        let body = Array(#"{"responseCode":2005600,"referenceNo":12345678901234567890123,"nested":{"a":[1,-2.5e3,"x"]},"s":"12 \"3\" \\","expiresIn":900,"t":true,"n":null}"#.utf8)
        let quoted = String(decoding: LenientJSON.quotingNumbers(body), as: UTF8.self)
        #expect(quoted == #"{"responseCode":"2005600","referenceNo":"12345678901234567890123","nested":{"a":["1","-2.5e3","x"]},"s":"12 \"3\" \\","expiresIn":900,"t":true,"n":null}"#)
        // Text that is not JSON stays as it was, for the decoder to refuse.
        #expect(LenientJSON.quotingNumbers(Array("not json \"open".utf8)) == Array("not json \"open".utf8))
    }
}
