/// An exact amount of money: integer minor units plus an ISO currency code.
///
/// DOKU sends and receives amounts as `{"value": "10000.00", "currency": "IDR"}`;
/// `Money` parses and produces exactly that form and never goes through `Double`.
public struct Money: Sendable, Hashable, Comparable, Codable {
    /// Amount in hundredths of the currency unit (sen for IDR).
    public let minorUnits: Int64
    public let currency: Currency

    /// The largest amount DOKU's `16,2` format can carry: 16 integer digits and 2 decimals.
    public static let maximumMinorUnits: Int64 = 999_999_999_999_999_999

    public init(minorUnits: Int64, currency: Currency = .idr) throws(MoneyError) {
        guard minorUnits >= 0 else { throw .negative }
        guard minorUnits <= Money.maximumMinorUnits else { throw .tooLarge }
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Whole units (rupiah), e.g. `Money(units: 150_000)` is Rp 150.000.
    public init(units: Int64, currency: Currency = .idr) throws(MoneyError) {
        let (product, overflow) = units.multipliedReportingOverflow(by: 100)
        guard !overflow else { throw .tooLarge }
        try self.init(minorUnits: product, currency: currency)
    }

    public static func zero(_ currency: Currency = .idr) -> Money {
        // swift-format-ignore: NeverForceUnwrap
        try! Money(minorUnits: 0, currency: currency)
    }

    public var isZero: Bool { minorUnits == 0 }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.currency == rhs.currency, "comparing \(lhs.currency) with \(rhs.currency)")
        return lhs.minorUnits < rhs.minorUnits
    }

    /// Sum of two amounts of the same currency; throws rather than wrap around.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .tooLarge }
        return try Money(minorUnits: sum, currency: currency)
    }

    /// Difference of two amounts; throws if the result would be negative.
    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        return try Money(minorUnits: minorUnits - other.minorUnits, currency: currency)
    }
}

/// The currencies kasir knows. DANA through DOKU settles in rupiah only.
public enum Currency: String, Sendable, Hashable, Codable, CaseIterable {
    case idr = "IDR"
}

/// Why an amount was refused.
public enum MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case negative
    case tooLarge
    case tooManyDecimals
    case malformed(String)
    case unsupportedCurrency(String)
    case currencyMismatch(Currency, Currency)

    public var description: String {
        switch self {
        case .empty: "the amount is empty; type a number such as 150000"
        case .negative: "the amount is negative; amounts must be zero or more"
        case .tooLarge: "the amount is too large; DOKU allows at most 16 digits before the decimal point"
        case .tooManyDecimals: "the amount has more than 2 decimals; rupiah amounts have at most 2 (sen)"
        case .malformed(let text):
            "'\(text)' is not an amount; type digits, optionally with '.' thousands separators or 2 decimals, e.g. 150000, 150.000 or 150000.00"
        case .unsupportedCurrency(let code): "currency '\(code)' is not supported; DANA payments are in IDR"
        case .currencyMismatch(let a, let b): "cannot combine \(a.rawValue) with \(b.rawValue)"
        }
    }
}
