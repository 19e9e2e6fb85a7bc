import DokuSNAP
import KasirCore
import Testing

/// What people type as an amount, and what kasir understands or answers. The same table holds for
/// the payment form, the refund form, `:pay`/`:refund` and every `--amount` (they all call `AmountInput`).
@Suite struct AmountInputTests {
    static let accepted: [(String, Int64)] = [
        ("150000", 150_000), ("150.000", 150_000), ("Rp 150.000", 150_000), ("Rp150.000", 150_000), ("Rp. 150.000", 150_000), ("IDR 150000", 150_000),
        ("150000,00", 150_000), ("150000.00", 150_000), ("150.000,00", 150_000), ("1.500.000", 1_500_000), ("1,500,000", 1_500_000),
        ("1,500,000.00", 1_500_000), ("  25000 ", 25_000), ("999", 999), ("1", 1), ("0150000", 150_000), ("9999999999999999", 9_999_999_999_999_999),
    ]

    @Test(arguments: accepted)
    func understandsRupiahAsCashiersWriteIt(text: String, units: Int64) throws {
        #expect(try AmountInput.parse(text).get() == Money(units: units))
    }

    static let refused: [(String, String)] = [
        ("1.5", "Rupiah has no cents here: did you mean 1.500 or 15?"),
        ("1.50", "Rupiah has no cents here: did you mean 1.500 or 150?"),
        ("12.5", "Rupiah has no cents here: did you mean 12.500 or 125?"),
        ("150000,50", "Rupiah has no cents here: type whole rupiah, e.g. 150.000"),
        ("1,5", "Rupiah has no cents here: type whole rupiah, e.g. 1"),
        ("-5000", "an amount cannot be negative: type it without '-', e.g. 5000"),
        ("-100", "an amount cannot be negative: type it without '-', e.g. 100"),
        ("1e6", "no exponents: type every digit, e.g. 1000000 or 1.000.000"),
        ("abc", "'a' is not part of an amount: type digits, '.' between thousands, e.g. 150.000"),
        ("150k", "'k' is not part of an amount: type digits, '.' between thousands, e.g. 150.000"),
        ("150 000", "type the amount without spaces, e.g. 150000 or 150.000"),
        ("150,000", "'150,000' is ambiguous: type 150.000 for Rp 150.000, or 150 for Rp 150"),
        ("15.00.000", "'15.00.000' has '.' or ',' in the wrong place: group by three from the right, e.g. 1.500.000"),
        ("1.0000", "'1.0000' has '.' or ',' in the wrong place: group by three from the right, e.g. 1.500.000"),
        ("150.", "'150.' is not a whole amount: start and end with a digit, e.g. 150.000"),
        ("0", "the amount must be more than Rp 0"),
        ("Rp 0,00", "the amount must be more than Rp 0"),
        ("", "type the amount in rupiah, e.g. 150000 or 150.000"),
        ("Rp", "type the amount in rupiah, e.g. 150000 or 150.000"),
        ("12345678901234567", "too large: DOKU takes at most 16 digits of rupiah"),
        ("１５０", "'１' is not part of an amount: type digits, '.' between thousands, e.g. 150.000"),
        ("1\u{1B}[2J", "'' is not part of an amount: type digits, '.' between thousands, e.g. 150.000"),
    ]

    @Test(arguments: refused)
    func refusesWhatIsNotPlainlyAnAmountAndSaysWhatToType(text: String, message: String) {
        switch AmountInput.parse(text) {
        case .success(let money): Issue.record("'\(text)' was read as \(money.displayText)")
        case .failure(let error): #expect(error.message == message)
        }
    }

    @Test func nothingTypedIsEverReadAsAnotherAmount() throws {
        // The first wave's defects: each of these became a different amount.
        #expect(try AmountInput.parse("150000.00").get() == Money(units: 150_000))
        for wrong in ["-5000", "1.5", "1e6", "12a", "-100"] { #expect((try? AmountInput.parse(wrong).get()) == nil, "\(wrong)") }
    }
}
