import DokuSNAP

/// Why what a person typed is not an amount, in words that say what to type instead.
public struct AmountInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

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
        guard !text.isEmpty else { return .failure(.init("type the amount in rupiah, e.g. 150000 or 150.000")) }
        if text.first == "-" || text.first == "−" {
            return .failure(.init("an amount cannot be negative: type it without '-', e.g. \(String(text.dropFirst()).isEmpty ? "5000" : String(text.dropFirst()))"))
        }
        if let odd = text.first(where: { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == ",")) }) {
            if odd == " " { return .failure(.init("type the amount without spaces, e.g. 150000 or 150.000")) }
            if odd == "e" || odd == "E" { return .failure(.init("no exponents: type every digit, e.g. 1000000 or 1.000.000")) }
            return .failure(.init("'\(String(odd).cleanedForDisplay(limit: 4))' is not part of an amount: type digits, '.' between thousands, e.g. 150.000"))
        }
        let chars = Array(text)
        guard chars.first?.isNumber == true, chars.last?.isNumber == true else {
            return .failure(.init("'\(text)' is not a whole amount: start and end with a digit, e.g. 150.000"))
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
                        return .failure(.init("Rupiah has no cents here: type whole rupiah, e.g. \(grouped(headDigits))"))
                    }
                    // "1.5": a thousands dot with a digit missing, or a decimal point.
                    let thousands = grouped(headDigits) + "." + String(tail) + String(repeating: "0", count: 3 - tail.count)
                    let joined = grouped(headDigits + String(tail))
                    return .failure(.init("Rupiah has no cents here: did you mean \(thousands) or \(joined)?"))
                }
                // The part before may itself be grouped, with the other separator.
                if head.contains(separator) { return .failure(misplaced(text)) }
            } else if tail.count == 3 && separators.count == 1 && separator == "," {
                let digits = String(chars.filter(\.isNumber))
                return .failure(.init("'\(text)' is ambiguous: type \(grouped(digits)) for Rp \(grouped(digits)), or \(grouped(String(digits.dropLast(3)))) for Rp \(grouped(String(digits.dropLast(3))))"))
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
        guard digits.count <= 16 else { return .failure(.init("too large: DOKU takes at most 16 digits of rupiah")) }
        var units: Int64 = 0
        for digit in digits { units = units * 10 + Int64(digit.wholeNumberValue!) }
        guard units > 0 else { return .failure(.init("the amount must be more than Rp 0")) }
        do {
            return .success(try Money(units: units))
        } catch {
            return .failure(.init("too large: DOKU takes at most 16 digits of rupiah"))
        }
    }

    static func misplaced(_ text: Substring) -> AmountInputError {
        .init("'\(text)' has '.' or ',' in the wrong place: group by three from the right, e.g. 1.500.000")
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
