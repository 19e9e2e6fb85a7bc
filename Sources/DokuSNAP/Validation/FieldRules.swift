/// The field rules of DOKU's tables, shared by request validation on both sides of the wire.
public enum FieldRules {
    /// Required text of 1...`max` characters.
    @discardableResult
    public static func required(_ value: String?, _ field: String, max: Int) throws(FieldError) -> String {
        guard let value, !value.isEmpty else { throw .missing(field) }
        try optional(value, field, max: max)
        return value
    }

    /// Optional text of at most `max` characters, without control characters.
    public static func optional(_ value: String?, _ field: String, max: Int) throws(FieldError) {
        guard let value else { return }
        guard value.count <= max else {
            throw FieldError(field, .invalidFormat, "must be at most \(max) characters (got \(value.count))")
        }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) }) else {
            throw FieldError(field, .invalidFormat, "must not contain control characters")
        }
    }

    /// A DOKU amount object: `^\d{1,16}\.\d{2}$` in IDR; `positive` refuses zero.
    @discardableResult
    public static func amount(_ value: Amount?, _ field: String, positive: Bool = true, lenient: Bool = false) throws(FieldError) -> Money {
        guard let value else { throw .missing(field) }
        guard !value.value.isEmpty else { throw .missing(field + ".value") }
        guard !value.currency.isEmpty else { throw .missing(field + ".currency") }
        guard value.currency == Currency.idr.rawValue else {
            throw FieldError(field + ".currency", .invalidFormat, "must be IDR (got '\(value.currency.cleanedForDisplay(limit: 10))')")
        }
        let money: Money
        do {
            money = try value.money(lenient: lenient)
        } catch {
            throw FieldError(field + ".value", .invalidFormat, "must be digits\(lenient ? ", optionally with 2 decimals" : " with exactly 2 decimals"), e.g. \"10000.00\" (got '\(value.value.cleanedForDisplay(limit: 30))')")
        }
        if positive && money.isZero {
            throw FieldError(field + ".value", .invalidFormat, "must be more than 0.00")
        }
        return money
    }

    /// An RFC 3339 timestamp with offset.
    /// With `assumingJakarta`, a time without offset (DOKU's samples: `2024-01-01T09:09:00.123`) is Asia/Jakarta.
    public static func timestamp(_ value: String?, _ field: String, assumingJakarta: Bool = false) throws(FieldError) {
        guard let value else { return }
        do {
            _ = try SNAPTimestamp.parse(value, assumingJakartaIfNoOffset: assumingJakarta)
        } catch {
            throw FieldError(field, .invalidFormat, "must be an ISO-8601 time with offset such as 2024-07-10T11:57:58+07:00")
        }
    }

    /// `X-DEVICE-ID`: letters and digits only (DOKU: "no symbols"), at most 64.
    @discardableResult
    public static func deviceID(_ value: String?, _ field: String = "X-DEVICE-ID") throws(FieldError) -> String {
        let value = try required(value, field, max: 64)
        guard value.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) else {
            throw FieldError(field, .invalidFormat, "must be letters and digits only, no symbols or spaces (e.g. POS01)")
        }
        return value
    }

    /// A dotted-quad IPv4 address such as `203.0.113.7`.
    public static func ipv4(_ value: String?, _ field: String = "X-IP-ADDRESS") throws(FieldError) {
        guard let value else { return }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        let ok =
            parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCIIDigit)
                    && Int(part).map { $0 <= 255 } == true && !(part.count > 1 && part.first == "0")
            }
        guard ok else { throw FieldError(field, .invalidFormat, "must be an IPv4 address such as 203.0.113.7") }
    }

    /// An absolute http(s) URL of at most `max` characters.
    @discardableResult
    public static func httpURL(_ value: String?, _ field: String, max: Int) throws(FieldError) -> String {
        let value = try required(value, field, max: max)
        let lower = value.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
            value.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).count >= 3,
            value.split(separator: "/", omittingEmptySubsequences: false)[2].isEmpty == false,
            !value.contains(where: { $0 == " " })
        else { throw FieldError(field, .invalidFormat, "must be an http:// or https:// URL") }
        return value
    }

    /// A value that must be exactly one of `allowed` (case-insensitive when asked).
    public static func oneOf(_ value: String?, _ field: String, _ allowed: [String], caseInsensitive: Bool = false) throws(FieldError) {
        guard let value else { return }
        let matches = caseInsensitive ? allowed.contains { $0.lowercased() == value.lowercased() } : allowed.contains(value)
        guard matches else {
            throw FieldError(field, .invalidFormat, "must be one of \(allowed.joined(separator: ", ")) (got '\(value.cleanedForDisplay(limit: 30))')")
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
