import DokuSNAP

/// Why what a person typed is not an amount, as a value: the console and the CLI say it in the
/// user's language (`Words.amountProblem`).
public enum AmountInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    /// A minus sign; `suggestion` is the amount without it.
    case negative(suggestion: String)
    case spaces
    case exponent
    /// A character that has no place in an amount.
    case notPartOfAmount(String)
    /// Starts or ends with a separator.
    case notWhole(String)
    /// Sen after a comma (`150000,50`); `suggestion` is the whole rupiah.
    case sen(suggestion: String)
    /// `1.5`: a thousands dot with digits missing, or a decimal point.
    case decimalPoint(thousands: String, joined: String)
    /// `150,000`: thousands or a decimal comma.
    case ambiguousComma(text: String, whole: String, shorter: String)
    case misplacedSeparator(String)
    case tooLarge
    case zero

    /// In English; the console says it in the user's language with `Words.amountProblem`.
    public var message: String { Words.english.amountProblem(self) }

    public var description: String { message }
}

/// The one reading of amounts people type, shared by the payment form, the refund form,
/// `:pay`/`:refund` and every `--amount`: whole rupiah as cashiers in Indonesia write them.
///
/// Accepted: `150000`, `150.000`, `1.500.000`, `Rp 150.000`, `Rp150.000`, `IDR 150000`,
/// `150000,00`, `150.000,00`, `150000.00`, and `1,500,000` (groups of three after a comma).
/// Refused, with what to type: anything ambiguous (`1.5`, `150,000`), sen (`150000,50`: DANA
/// amounts here are whole rupiah), minus signs, letters and exponents, spaces inside, misplaced
/// group separators, zero, more than 16 digits. Nothing is silently reinterpreted.
public enum AmountInput {
    public static func parse(_ raw: String) -> Result<Money, AmountInputError> {
        var text = Substring(raw).drop(while: { $0 == " " })
        while text.last == " " { text = text.dropLast() }
        for prefix in ["Rp.", "Rp", "RP", "rp", "IDR", "idr"] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count).drop(while: { $0 == " " })
            break
        }
        guard !text.isEmpty else { return .failure(.empty) }
        if text.first == "-" || text.first == "−" {
            return .failure(.negative(suggestion: String(text.dropFirst()).isEmpty ? "5000" : String(text.dropFirst()).cleanedForDisplay(limit: 30)))
        }
        if let odd = text.first(where: { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == ",")) }) {
            if odd == " " { return .failure(.spaces) }
            if odd == "e" || odd == "E" { return .failure(.exponent) }
            return .failure(.notPartOfAmount(String(odd).cleanedForDisplay(limit: 4)))
        }
        let chars = Array(text)
        guard chars.first?.isNumber == true, chars.last?.isNumber == true else {
            return .failure(.notWhole(String(text).cleanedForDisplay(limit: 30)))
        }
        var integer = chars[...]
        // A final ",00" or ".00" says "no sen": allowed; any other one or two digits after a single separator are sen or a slip.
        if let last = chars.lastIndex(where: { $0 == "." || $0 == "," }) {
            let tail = chars[(last + 1)...]
            let separator = chars[last]
            let separators = chars.filter { $0 == "." || $0 == "," }
            if tail.count <= 2 {
                let head = chars[..<last]
                if tail.allSatisfy({ $0 == "0" }) && tail.count == 2 {
                    integer = head
                } else {
                    let headDigits = String(head.filter(\.isNumber))
                    guard separator == "." && !head.contains(",") && headDigits.count <= 3 else {
                        // "150000,50": sen, which DANA payments here do not take.
                        return .failure(.sen(suggestion: grouped(headDigits)))
                    }
                    // "1.5": a thousands dot with a digit missing, or a decimal point.
                    let thousands = grouped(headDigits) + "." + String(tail) + String(repeating: "0", count: 3 - tail.count)
                    let joined = grouped(headDigits + String(tail))
                    return .failure(.decimalPoint(thousands: thousands, joined: joined))
                }
                // The part before may itself be grouped, with the other separator.
                if head.contains(separator) { return .failure(misplaced(text)) }
            } else if tail.count == 3 && separators.count == 1 && separator == "," {
                let digits = String(chars.filter(\.isNumber))
                return .failure(.ambiguousComma(text: String(text), whole: grouped(digits), shorter: grouped(String(digits.dropLast(3)))))
            }
        }
        let groups = integer.split(separator: ".", omittingEmptySubsequences: false).flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        if groups.count > 1 {
            let kinds = Set(integer.filter { $0 == "." || $0 == "," })
            guard kinds.count == 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return .failure(misplaced(text))
            }
        }
        let digits = groups.joined().drop(while: { $0 == "0" })
        guard digits.count <= 16 else { return .failure(.tooLarge) }
        var units: Int64 = 0
        for digit in digits { units = units * 10 + Int64(digit.wholeNumberValue!) }
        guard units > 0 else { return .failure(.zero) }
        do {
            return .success(try Money(units: units))
        } catch {
            return .failure(.tooLarge)
        }
    }

    static func misplaced(_ text: Substring) -> AmountInputError {
        .misplacedSeparator(String(text).cleanedForDisplay(limit: 30))
    }

    /// `1500000` as `1.500.000`.
    static func grouped(_ digits: String) -> String {
        let trimmed = digits.drop(while: { $0 == "0" })
        let chars = Array(trimmed.isEmpty ? "0" : trimmed)
        var out = ""
        for (index, digit) in chars.enumerated() {
            if index > 0 && (chars.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return out
    }
}
