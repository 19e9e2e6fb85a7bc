import Foundation

/// SNAP timestamps: what we send is `yyyy-MM-dd'T'HH:mm:ss+07:00` (Asia/Jakarta, no millis);
/// what we accept is any RFC 3339 time with an offset, with or without fractional seconds.
///
/// Pure calendar arithmetic, no `DateFormatter`, so it is fast, locale-proof and thread-safe.
public enum SNAPTimestamp {
    /// Asia/Jakarta is UTC+7 all year (no daylight saving).
    public static let jakartaOffsetSeconds = 7 * 3600

    /// Formats `date` in Asia/Jakarta as `2024-07-10T11:57:58+07:00`.
    public static func format(_ date: Date) -> String {
        format(date, offsetSeconds: jakartaOffsetSeconds)
    }

    /// Formats `date` with an arbitrary whole-minute offset (`Z` for zero).
    public static func format(_ date: Date, offsetSeconds: Int) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offsetSeconds)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civilDate(fromDays: days)
        var out = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        out += "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if offsetSeconds == 0 { return out + "Z" }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(offsetSeconds)
        return out + sign + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
    }

    /// The calendar day in Asia/Jakarta as `yyyyMMdd`, used for invoice numbers and per-day uniqueness.
    public static func jakartaDay(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(jakartaOffsetSeconds)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = civilDate(fromDays: days)
        return pad(year, 4) + pad(month, 2) + pad(day, 2)
    }

    /// The start (00:00 Asia/Jakarta) of the Jakarta day `date` falls on.
    public static func jakartaMidnight(of date: Date) -> Date {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(jakartaOffsetSeconds)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 - Int64(jakartaOffsetSeconds)))
    }

    /// Parses an RFC 3339 timestamp: `2020-12-21T07:56:11.000Z`, `2024-07-10T11:57:58+07:00`.
    /// With `assumingJakartaIfNoOffset`, a time without offset (DOKU's refund samples) is read as +07:00.
    public static func parse(_ text: String, assumingJakartaIfNoOffset: Bool = false) throws(TimestampError) -> Date {
        let b = Array(text.utf8)
        guard b.count >= 19, b.count <= 40 else { throw .malformed(text) }
        func number(_ range: Range<Int>) throws(TimestampError) -> Int {
            var value = 0
            for i in range {
                guard b[i] >= 48, b[i] <= 57 else { throw .malformed(text) }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        func expect(_ i: Int, _ chars: String) throws(TimestampError) {
            guard chars.utf8.contains(b[i]) else { throw .malformed(text) }
        }
        let year = try number(0..<4)
        try expect(4, "-")
        let month = try number(5..<7)
        try expect(7, "-")
        let day = try number(8..<10)
        try expect(10, "Tt ")
        let hour = try number(11..<13)
        try expect(13, ":")
        let minute = try number(14..<16)
        try expect(16, ":")
        let second = try number(17..<19)
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            var scale = 0.1
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start, i - start <= 9 else { throw .malformed(text) }
        }
        var offset = 0
        if i == b.count {
            guard assumingJakartaIfNoOffset else { throw .missingOffset(text) }
            offset = jakartaOffsetSeconds
        } else if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            guard i + 1 == b.count else { throw .malformed(text) }
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard i + 6 == b.count else { throw .malformed(text) }
            let oh = try number((i + 1)..<(i + 3))
            try expect(i + 3, ":")
            let om = try number((i + 4)..<(i + 6))
            guard oh <= 23, om <= 59 else { throw .malformed(text) }
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            throw .malformed(text)
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 60
        else { throw .outOfRange(text) }
        let days = daysFromCivil(year: year, month: month, day: day)
        let local = Double(days * 86_400 + Int64(hour * 3600 + minute * 60 + second)) + fraction
        return Date(timeIntervalSince1970: local - Double(offset))
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian, exact integer math).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilDate(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// Why a timestamp was refused.
public enum TimestampError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case missingOffset(String)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .malformed(let t): "'\(t.cleanedForDisplay(limit: 60))' is not an RFC 3339 timestamp such as 2024-07-10T11:57:58+07:00"
        case .missingOffset(let t): "'\(t.cleanedForDisplay(limit: 60))' has no UTC offset; add Z or +07:00"
        case .outOfRange(let t): "'\(t.cleanedForDisplay(limit: 60))' names a date or time that does not exist"
        }
    }
}
