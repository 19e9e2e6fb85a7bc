/// A QR code as a square grid of modules (true = dark), without its quiet zone.
public struct QRMatrix: Sendable, Equatable {
    public let size: Int
    public let modules: [Bool]

    public init(size: Int, modules: [Bool]) {
        precondition(modules.count == size * size, "a QR matrix has size × size modules")
        self.size = size
        self.modules = modules
    }

    public func isDark(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size && y < size && modules[y * size + x]
    }
}

/// Draws a QR code so a phone can scan it off the screen: Unicode half blocks (two module rows per
/// text row), a 4-module quiet zone, dark modules on a light ground whatever the theme, or `##`
/// pairs on terminals without UTF-8. When the area is too small it says so and shows the URL.
public enum QRView {
    public static let quietZone = 4

    public enum Drawing: Sendable, Equatable {
        /// `▀▄█` in black on white.
        case halfBlocks
        /// `##` per dark module, one text row per module row.
        case ascii
    }

    /// The largest module size phones still read well off a screen: past it a code only grows
    /// beyond what a camera frames at arm's length.
    public static let maximumScale = 3

    /// Columns × rows needed to draw `matrix`, each module `scale` columns wide.
    public static func size(of matrix: QRMatrix, drawing: Drawing, scale: Int = 1) -> (width: Int, height: Int) {
        let side = (matrix.size + 2 * quietZone) * max(1, scale)
        return drawing == .halfBlocks ? (side, (side + 1) / 2) : (side * 2, side)
    }

    /// The largest scale (1…`maximumScale`) at which `matrix` fits `width` × `height`, or nil.
    public static func scale(of matrix: QRMatrix, drawing: Drawing, fitting width: Int, _ height: Int) -> Int? {
        (1...maximumScale).reversed().first { scale in
            let size = size(of: matrix, drawing: drawing, scale: scale)
            return size.width <= width && size.height <= height
        }
    }

    /// The English words for a code that does not fit; the console passes its own language's.
    public static func tooSmallText(needed: String, have: String) -> String {
        "Terminal too small for a scannable QR code (needs \(needed), have \(have)). Open this link:"
    }

    /// Draws into `area`, centred. Returns false (and draws the message and URL) if it does not fit.
    @discardableResult
    public static func render(
        _ matrix: QRMatrix, url: String, into buffer: inout Buffer, area: Rect, drawing: Drawing = .halfBlocks, scale requested: Int = 1, invert: Bool = false,
        theme: Theme, tooSmall: (_ needed: String, _ have: String) -> String = QRView.tooSmallText
    ) -> Bool {
        let scale = max(1, requested)
        let (width, height) = size(of: matrix, drawing: drawing, scale: scale)
        guard width <= area.width, height <= area.height else {
            let message = tooSmall("\(width)×\(height)", "\(area.width)×\(area.height)")
            var y = area.y
            for line in DisplayWidth.wrap(message, width: max(1, area.width)) + DisplayWidth.wrap(url, width: max(1, area.width)) where y < area.maxY {
                buffer.put(line, x: area.x, y: y, style: line.hasPrefix(String(url.prefix(4))) ? theme[.accent] : theme[.body], maxWidth: area.width)
                y += 1
            }
            return false
        }
        let origin = area.centered(width: width, height: height)
        // Fixed colours: scanners need dark on light, whatever the theme says.
        let ink = Style(foreground: .ansi(0), background: .ansi(15))
        let side = (matrix.size + 2 * quietZone) * scale
        // (x, y) in screen modules: each code module is `scale` of them each way.
        func dark(_ x: Int, _ y: Int) -> Bool {
            let value = matrix.isDark(x / scale - quietZone, y / scale - quietZone)
            return invert ? !value : value
        }
        switch drawing {
        case .halfBlocks:
            for row in 0..<height {
                var line = ""
                for column in 0..<side {
                    let top = dark(column, row * 2)
                    let bottom = row * 2 + 1 < side ? dark(column, row * 2 + 1) : false
                    line += top ? (bottom ? "█" : "▀") : (bottom ? "▄" : " ")
                }
                buffer.put(line, x: origin.x, y: origin.y + row, style: ink)
            }
        case .ascii:
            for row in 0..<side {
                var line = ""
                for column in 0..<side { line += dark(column, row) ? "##" : "  " }
                buffer.put(line, x: origin.x, y: origin.y + row, style: ink)
            }
        }
        return true
    }
}
