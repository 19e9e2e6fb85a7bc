extension Money {
    /// The amount as people in Indonesia read it: `Rp 150.000`, with `,50` only when there are sen.
    public var displayText: String {
        "Rp " + Money.groupedDigits(minorUnits / 100) + (minorUnits % 100 == 0 ? "" : "," + twoDigitCents)
    }

    /// Digits grouped by thousands with '.', e.g. `150.000` for 150000 units; sen follow after ','.
    public var groupedUnits: String {
        Money.groupedDigits(minorUnits / 100) + (minorUnits % 100 == 0 ? "" : "," + twoDigitCents)
    }

    private var twoDigitCents: String {
        let cents = minorUnits % 100
        return cents < 10 ? "0\(cents)" : "\(cents)"
    }

    static func groupedDigits(_ value: Int64) -> String {
        let digits = Array(String(value))
        var out: [Character] = []
        out.reserveCapacity(digits.count + digits.count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return String(out)
    }
}
