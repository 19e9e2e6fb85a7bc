import Foundation
import QRCodes
import Testing

@testable import TerminalUI

/// The codes kasir draws scan: rendered to an image and decoded by zbarimg.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg"), "zbarimg is installed by make deps (zbar-tools)"))
struct QRScanTests {
    static let short = "https://app-uat.doku.com/link/283702597342040"
    static let long = "http://127.0.0.1:9000/link/123456789012345?" + (0..<60).map { "param\($0)=value\($0)" }.joined(separator: "&")

    /// A binary PGM with `scale` pixels per module; `grid[y][x]` true = dark.
    static func pgm(_ grid: [[Bool]], scale: Int = 6) -> Data {
        let height = grid.count * scale
        let width = (grid.first?.count ?? 0) * scale
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        for row in grid {
            let line = row.flatMap { dark in Array(repeating: dark ? UInt8(0) : 255, count: scale) }
            for _ in 0..<scale { data.append(contentsOf: line) }
        }
        return data
    }

    static func scan(_ image: Data) throws -> (Int32, String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-qr-\(UUID().uuidString).pgm")
        try image.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--nodbus", "--raw", "-q", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

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
    func matricesScan(url: String) throws {
        let matrix = try QREncoder.encode(url)
        var grid = Array(repeating: Array(repeating: false, count: matrix.size + 8), count: matrix.size + 8)
        for y in 0..<matrix.size { for x in 0..<matrix.size { grid[y + 4][x + 4] = matrix.isDark(x, y) } }
        let (status, text) = try Self.scan(Self.pgm(grid))
        #expect(status == 0)
        #expect(text == url)
    }

    @Test(arguments: [(short, QRView.Drawing.halfBlocks), (long, .halfBlocks), (short, .ascii)])
    func screensScan(url: String, drawing: QRView.Drawing) throws {
        #expect(url.count > 40)
        let matrix = try QREncoder.encode(url)
        let (width, height) = QRView.size(of: matrix, drawing: drawing)
        var buffer = Buffer(width: width + 10, height: height + 2)
        #expect(QRView.render(matrix, url: url, into: &buffer, area: buffer.area, drawing: drawing, theme: .builtIn))
        let (status, text) = try Self.scan(Self.pgm(Self.modules(from: buffer, drawing: drawing)))
        #expect(status == 0)
        #expect(text == url)
    }

    @Test func aBlankImageDoesNotScan() throws {
        let (status, _) = try Self.scan(Self.pgm(Array(repeating: Array(repeating: false, count: 40), count: 40)))
        #expect(status != 0)
    }

    @Test func theLongURLIsLong() {
        #expect(Self.long.count > 500)
    }
}
