/// Words in block letters five rows tall, for what must be read from across the room (PAID and
/// the amount); `scale` makes every dot a `scale`×`scale` block.
public enum BigText {
    public static let height = 5

    /// Columns × rows `text` takes at `scale`.
    public static func size(_ text: String, scale: Int = 1) -> (width: Int, height: Int) {
        let glyphs = text.uppercasedExceptP.compactMap { font[$0] }
        let width = glyphs.reduce(0) { $0 + $1[0].count } + max(0, glyphs.count - 1)
        return (width * scale, height * scale)
    }

    /// The largest scale (at most `maximum`) at which `text` fits `width` × `height`, or nil.
    public static func scale(_ text: String, fitting width: Int, _ height: Int, maximum: Int = 3) -> Int? {
        (1...max(1, maximum)).reversed().first { scale in
            let size = size(text, scale: scale)
            return size.width <= width && size.height <= height
        }
    }

    /// Whether every character of `text` has a glyph (else draw it as plain text).
    public static func canDraw(_ text: String) -> Bool { text.uppercasedExceptP.allSatisfy { font[$0] != nil } }

    /// Draws `text` with its top-left at (x, y), dots as `█` (or `#` without UTF-8).
    public static func render(_ text: String, x: Int, y: Int, scale: Int = 1, unicode: Bool = true, style: Style, into buffer: inout Buffer) {
        let dot = unicode ? "█" : "#"
        var left = x
        for character in text.uppercasedExceptP {
            guard let glyph = font[character] else { continue }
            for (row, line) in glyph.enumerated() {
                for (column, pixel) in line.enumerated() where pixel == "#" {
                    for dy in 0..<scale {
                        buffer.put(String(repeating: dot, count: scale), x: left + column * scale, y: y + row * scale + dy, style: style)
                    }
                }
            }
            left += (glyph[0].count + 1) * scale
        }
    }

    static let font: [Character: [String]] = [
        "A": [" ### ", "#   #", "#####", "#   #", "#   #"], "B": ["#### ", "#   #", "#### ", "#   #", "#### "],
        "C": [" ####", "#    ", "#    ", "#    ", " ####"], "D": ["#### ", "#   #", "#   #", "#   #", "#### "],
        "E": ["#####", "#    ", "#### ", "#    ", "#####"], "F": ["#####", "#    ", "#### ", "#    ", "#    "],
        "G": [" ####", "#    ", "#  ##", "#   #", " ####"], "H": ["#   #", "#   #", "#####", "#   #", "#   #"],
        "I": ["###", " # ", " # ", " # ", "###"], "J": ["  ###", "   # ", "   # ", "#  # ", " ##  "],
        "K": ["#   #", "#  # ", "###  ", "#  # ", "#   #"], "L": ["#    ", "#    ", "#    ", "#    ", "#####"],
        "M": ["#   #", "## ##", "# # #", "#   #", "#   #"], "N": ["#   #", "##  #", "# # #", "#  ##", "#   #"],
        "O": [" ### ", "#   #", "#   #", "#   #", " ### "], "P": ["#### ", "#   #", "#### ", "#    ", "#    "],
        "Q": [" ### ", "#   #", "# # #", "#  # ", " ## #"], "R": ["#### ", "#   #", "#### ", "#  # ", "#   #"],
        "S": [" ####", "#    ", " ### ", "    #", "#### "], "T": ["#####", "  #  ", "  #  ", "  #  ", "  #  "],
        "U": ["#   #", "#   #", "#   #", "#   #", " ### "], "V": ["#   #", "#   #", "#   #", " # # ", "  #  "],
        "W": ["#   #", "#   #", "# # #", "## ##", "#   #"], "X": ["#   #", " # # ", "  #  ", " # # ", "#   #"],
        "Y": ["#   #", " # # ", "  #  ", "  #  ", "  #  "], "Z": ["#####", "   # ", "  #  ", " #   ", "#####"],
        "0": [" ### ", "#  ##", "# # #", "##  #", " ### "], "1": ["  #  ", " ##  ", "  #  ", "  #  ", " ### "],
        "2": [" ### ", "#   #", "  ## ", " #   ", "#####"], "3": ["#### ", "    #", " ### ", "    #", "#### "],
        "4": ["#   #", "#   #", "#####", "    #", "    #"], "5": ["#####", "#    ", "#### ", "    #", "#### "],
        "6": [" ### ", "#    ", "#### ", "#   #", " ### "], "7": ["#####", "    #", "   # ", "  #  ", "  #  "],
        "8": [" ### ", "#   #", " ### ", "#   #", " ### "], "9": [" ### ", "#   #", " ####", "    #", " ### "],
        "p": ["    ", "### ", "#  #", "### ", "#   "], ".": [" ", " ", " ", " ", "#"], ",": ["  ", "  ", "  ", " #", "# "],
        " ": ["  ", "  ", "  ", "  ", "  "], "-": ["    ", "    ", "####", "    ", "    "],
    ]
}

extension String {
    /// Upper case, except the `p` of `Rp`, which the font draws small.
    fileprivate var uppercasedExceptP: [Character] {
        // "ß" upper-cases to two letters: such a character stays as it is (and has no glyph).
        map { character in
            let upper = character.uppercased()
            return character == "p" || upper.count != 1 ? character : Character(upper)
        }
    }
}
