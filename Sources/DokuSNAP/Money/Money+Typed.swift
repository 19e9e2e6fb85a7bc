extension Money {
    /// Parses an amount as a person types it: `150000`, `150.000`, `150000.00`, `1.500.000,50`,
    /// `1,500,000.50`, optionally prefixed with `Rp` or `IDR`.
    ///
    /// A separator followed by exactly three digits groups thousands; a final separator followed
    /// by one or two digits starts the decimals. Anything else is refused with a message.
    public init(typed raw: String, currency: Currency = .idr) throws(MoneyError) {
        var text = raw.trimmingSpaces()
        for prefix in ["Rp.", "Rp", "RP", "rp", "IDR", "idr"] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count)).trimmingSpaces()
            break
        }
        guard !text.isEmpty else { throw .empty }
        if text.hasPrefix("-") { throw .negative }
        let chars = Array(text)
        guard chars.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
            chars.first?.isNumber == true, chars.last?.isNumber == true
        else { throw .malformed(raw) }

        let dots = chars.filter { $0 == "." }.count
        let commas = chars.filter { $0 == "," }.count
        var decimalSeparator: Character?
        if dots > 0 && commas > 0 {
            decimalSeparator = chars.lastIndex(of: ".")! > chars.lastIndex(of: ",")! ? "." : ","
        } else if dots + commas == 1 {
            let separator: Character = dots == 1 ? "." : ","
            let trailing = chars.count - 1 - chars.lastIndex(of: separator)!
            if trailing == 3 {
                decimalSeparator = nil
            } else if trailing <= 2 {
                decimalSeparator = separator
            } else {
                throw .malformed(raw)
            }
        }

        var integerPart = chars[...]
        var fractionPart: ArraySlice<Character> = []
        if let decimalSeparator {
            let at = chars.lastIndex(of: decimalSeparator)!
            integerPart = chars[..<at]
            fractionPart = chars[(at + 1)...]
            guard fractionPart.allSatisfy(\.isNumber) else { throw .malformed(raw) }
            guard fractionPart.count <= 2 else { throw .tooManyDecimals }
        }
        // Grouping: first group 1–3 digits, the rest exactly 3, one separator kind only.
        let groups = integerPart.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        if groups.count > 1 {
            let separators = Set(integerPart.filter { $0 == "." || $0 == "," })
            guard separators.count == 1, (1...3).contains(groups[0].count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { throw .malformed(raw) }
        }
        let integerDigits = groups.joined()
        guard !integerDigits.isEmpty else { throw .malformed(raw) }
        let significant = integerDigits.drop(while: { $0 == "0" })
        guard significant.count <= 16 else { throw .tooLarge }
        var value: Int64 = 0
        for digit in integerDigits { value = value * 10 + Int64(digit.wholeNumberValue!) }
        var cents: Int64 = 0
        for digit in fractionPart { cents = cents * 10 + Int64(digit.wholeNumberValue!) }
        if fractionPart.count == 1 { cents *= 10 }
        try self.init(minorUnits: value * 100 + cents, currency: currency)
    }
}

extension StringProtocol {
    /// Without leading and trailing ASCII spaces, tabs and line breaks (scans bytes: tokens are long).
    func trimmingSpaces() -> String {
        let bytes = Array(utf8)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isSpace($0) })!
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
