import Foundation
import KasirTestSupport
import QRCodes
import Testing

@testable import TerminalUI

/// The codes kasir draws scan: rendered to an image and decoded by zbarimg.
@Suite(.enabled(if: QRScan.available, "zbarimg is installed by make deps (zbar-tools)"))
struct QRScanTests {
    static let short = "https://app-uat.doku.com/link/283702597342040"
    static let long = "http://127.0.0.1:9000/link/123456789012345?" + (0..<60).map { "param\($0)=value\($0)" }.joined(separator: "&")

    /// Reads a rendered QRView back into modules, the way a camera sees the screen.
    static func modules(from buffer: Buffer, drawing: QRView.Drawing) -> [[Bool]] {
        var grid: [[Bool]] = []
        for line in buffer.lines where line.contains(where: { "▀▄█#".contains($0) }) || !grid.isEmpty {
            let characters = Array(line)
            switch drawing {
            case .halfBlocks:
                grid.append(characters.map { $0 == "█" || $0 == "▀" })
                grid.append(characters.map { $0 == "█" || $0 == "▄" })
            case .ascii:
                grid.append(stride(from: 0, to: characters.count - 1, by: 2).map { characters[$0] == "#" })
            }
        }
        return grid
    }

    @Test(arguments: [short, long])
    func matricesScan(url: String) async throws {
        #expect(url == Self.short || url.count > 500, "the long case must stay over 500 characters")
        let matrix = try QREncoder.encode(url)
        let grid = (0..<matrix.size).map { y in (0..<matrix.size).map { x in matrix.isDark(x, y) } }
        let (status, text) = try await QRScan.scan(QRScan.padded(grid))
        #expect(status == 0)
        #expect(text == url)
    }

    @Test(arguments: [(short, QRView.Drawing.halfBlocks), (long, .halfBlocks), (short, .ascii)])
    func screensScan(url: String, drawing: QRView.Drawing) async throws {
        let matrix = try QREncoder.encode(url)
        let (width, height) = QRView.size(of: matrix, drawing: drawing)
        var buffer = Buffer(width: width + 10, height: height + 2)
        #expect(QRView.render(matrix, url: url, into: &buffer, area: buffer.area, drawing: drawing, theme: .builtIn))
        let (status, text) = try await QRScan.scan(Self.modules(from: buffer, drawing: drawing))
        #expect(status == 0)
        #expect(text == url)
    }

    @Test func aBlankImageDoesNotScan() async throws {
        let (status, _) = try await QRScan.scan(Array(repeating: Array(repeating: false, count: 40), count: 40))
        #expect(status != 0)
    }
}
