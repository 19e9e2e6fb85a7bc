/// How much room one part of a split gets.
public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells (less if there is not enough room).
    case fixed(Int)
    /// At least this many cells; grows like `fill(1)` when there is room.
    case min(Int)
    /// This percentage of the whole.
    case percentage(Int)
    /// A share of what is left, by weight.
    case fill(Int)
}

/// Which way a split cuts.
public enum Direction: Sendable, Hashable {
    case horizontal, vertical
}

/// A one-pass splitter: fixed and percentage parts first, then minimums, then the rest shared by
/// weight. Parts never overlap and together never exceed the area.
public enum Layout {
    public static func split(_ area: Rect, _ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        let total = direction == .horizontal ? area.width : area.height
        var sizes = Array(repeating: 0, count: constraints.count)
        var left = total
        for (index, constraint) in constraints.enumerated() {
            switch constraint {
            case .fixed(let n): sizes[index] = Swift.max(0, Swift.min(n, left))
            case .percentage(let p): sizes[index] = Swift.min(left, total * Swift.max(0, Swift.min(100, p)) / 100)
            case .min(let n): sizes[index] = Swift.max(0, Swift.min(n, left))
            case .fill: continue
            }
            left -= sizes[index]
        }
        let weights = constraints.map { constraint -> Int in
            switch constraint {
            case .fill(let w): Swift.max(0, w)
            case .min: 1
            default: 0
            }
        }
        let weightSum = weights.reduce(0, +)
        if weightSum > 0, left > 0 {
            var given = 0
            var lastWeighted = 0
            for (index, weight) in weights.enumerated() where weight > 0 {
                let share = left * weight / weightSum
                sizes[index] += share
                given += share
                lastWeighted = index
            }
            sizes[lastWeighted] += left - given
        }
        var offset = direction == .horizontal ? area.x : area.y
        return sizes.map { size in
            defer { offset += size }
            return direction == .horizontal
                ? Rect(x: offset, y: area.y, width: size, height: area.height) : Rect(x: area.x, y: offset, width: area.width, height: size)
        }
    }
}
