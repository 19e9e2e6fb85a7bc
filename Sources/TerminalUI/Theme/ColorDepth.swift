/// How many colours a terminal can show.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
    case none = 0, ansi8 = 8, ansi16 = 16, indexed256 = 256, truecolor = 16_777_216

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The depth for a terminal reporting `colors` colours, with `NO_COLOR` and `COLORTERM` from the environment.
    public static func detect(colors: Int, environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if colors < 8 { return .none }
        if colors < 16 { return .ansi8 }
        if colors < 256 { return .ansi16 }
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        return colorterm == "truecolor" || colorterm == "24bit" ? .truecolor : .indexed256
    }
}

extension Color {
    /// This colour as the closest one a terminal of `depth` has.
    public func mapped(to depth: ColorDepth) -> Color {
        switch (self, depth) {
        case (_, .none): return .default
        case (.default, _): return .default
        case (.rgb, .truecolor): return self
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(Self.index256(r, g, b))
        case (.rgb(let r, let g, let b), _): return Color.ansi(Self.nearestANSI(r, g, b)).mapped(to: depth)
        case (.indexed(let n), .truecolor), (.indexed(let n), .indexed256): return n < 16 ? .ansi(n) : .indexed(n)
        case (.indexed(let n), _):
            let (r, g, b) = Self.rgbOf(index: n)
            return Color.ansi(Self.nearestANSI(r, g, b)).mapped(to: depth)
        case (.ansi(let n), .ansi8): return .ansi(n & 7)
        case (.ansi, _): return self
        }
    }

    /// The 256-colour index nearest an RGB colour (6×6×6 cube or grey ramp).
    static func index256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let grey = average > 238 ? 255 : 232 + max(0, (average - 3) / 10)
        let (cr, cg, cb) = rgbOf(index: UInt8(cube))
        let (gr, gg, gb) = rgbOf(index: UInt8(grey))
        return distance(r, g, b, gr, gg, gb) < distance(r, g, b, cr, cg, cb) ? UInt8(grey) : UInt8(cube)
    }

    static let ansiRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (index, (ar, ag, ab)) in ansiRGB.enumerated() {
            let d = distance(r, g, b, ar, ag, ab)
            if d < bestDistance {
                best = index
                bestDistance = d
            }
        }
        return UInt8(best)
    }

    static func rgbOf(index n: UInt8) -> (UInt8, UInt8, UInt8) {
        if n < 16 { return ansiRGB[Int(n)] }
        if n >= 232 {
            let v = UInt8(8 + 10 * (Int(n) - 232))
            return (v, v, v)
        }
        let i = Int(n) - 16
        func component(_ c: Int) -> UInt8 { c == 0 ? 0 : UInt8(55 + 40 * c) }
        return (component(i / 36), component(i / 6 % 6), component(i % 6))
    }

    static func distance(_ r1: UInt8, _ g1: UInt8, _ b1: UInt8, _ r2: UInt8, _ g2: UInt8, _ b2: UInt8) -> Int {
        let dr = Int(r1) - Int(r2)
        let dg = Int(g1) - Int(g2)
        let db = Int(b1) - Int(b2)
        return dr * dr * 2 + dg * dg * 4 + db * db * 3
    }
}
