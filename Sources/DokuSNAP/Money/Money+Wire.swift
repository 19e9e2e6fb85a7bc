extension Money {
    /// Parses DOKU's wire form: `^\d{1,16}\.\d{2}$`, e.g. `"10000.00"`.
    public init(wireValue text: String, currency code: String) throws(MoneyError) {
        guard let currency = Currency(rawValue: code) else { throw .unsupportedCurrency(code) }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count >= 4, bytes[bytes.count - 3] == UInt8(ascii: "."),
            bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ".") })
        else { throw .malformed(text) }
        let integerDigits = bytes[..<(bytes.count - 3)]
        let fraction = bytes[(bytes.count - 2)...]
        guard integerDigits.allSatisfy({ $0 != UInt8(ascii: ".") }),
            fraction.allSatisfy({ $0 != UInt8(ascii: ".") })
        else { throw .malformed(text) }
        guard integerDigits.count <= 16 else { throw .tooLarge }
        var value: Int64 = 0
        for digit in integerDigits + fraction { value = value * 10 + Int64(digit - 48) }
        try self.init(minorUnits: value, currency: currency)
    }

    /// DOKU's amounts as its notifications and samples carry them: `"12500"`, `"12500.0"` or
    /// `"12500.00"` (`^\d{1,16}(\.\d{1,2})?$`). Exact; anything else is refused.
    public init(lenientWireValue text: String, currency code: String) throws(MoneyError) {
        guard let currency = Currency(rawValue: code) else { throw .unsupportedCurrency(code) }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .empty }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let integerDigits = bytes[..<(point ?? bytes.count)]
        let fraction = point.map { bytes[($0 + 1)...] } ?? []
        func digitsOnly(_ part: ArraySlice<UInt8>) -> Bool { part.allSatisfy { $0 >= 48 && $0 <= 57 } }
        guard !integerDigits.isEmpty, digitsOnly(integerDigits), digitsOnly(fraction), point == nil || (1...2).contains(fraction.count) else {
            throw .malformed(text)
        }
        guard integerDigits.count <= 16 else { throw .tooLarge }
        var value: Int64 = 0
        for digit in integerDigits { value = value * 10 + Int64(digit - 48) }
        var cents: Int64 = 0
        for digit in fraction { cents = cents * 10 + Int64(digit - 48) }
        if fraction.count == 1 { cents *= 10 }
        try self.init(minorUnits: value * 100 + cents, currency: currency)
    }

    /// DOKU's wire form with exactly two decimals, e.g. `"10000.00"`.
    public var wireValue: String {
        let units = minorUnits / 100
        let cents = minorUnits % 100
        return "\(units)." + (cents < 10 ? "0\(cents)" : "\(cents)")
    }
}

/// The JSON amount object DOKU uses everywhere: `{"value": "10000.00", "currency": "IDR"}`.
public struct Amount: Sendable, Hashable, Codable {
    public var value: String
    public var currency: String

    public init(_ money: Money) {
        value = money.wireValue
        currency = money.currency.rawValue
    }

    public init(value: String, currency: String) {
        self.value = value
        self.currency = currency
    }

    /// The exact amount, or a `MoneyError` saying why the wire text is not one. `lenient` takes
    /// DOKU's amounts without decimals (`"12500"`), as its notifications and answers carry them;
    /// what kasir sends is always strict.
    public func money(lenient: Bool = false) throws(MoneyError) -> Money {
        lenient ? try Money(lenientWireValue: value, currency: currency) : try Money(wireValue: value, currency: currency)
    }
}
