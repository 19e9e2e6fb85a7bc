import Foundation

/// Turns module grids into images and asks zbarimg (Debian's zbar-tools) to read them, the way a
/// phone would read the screen.
public enum QRScan {
    public static let zbarimg = "/usr/bin/zbarimg"
    public static var available: Bool { FileManager.default.isExecutableFile(atPath: zbarimg) }

    /// A binary PGM with `scale` pixels per module; `grid[y][x]` true = dark.
    public static func pgm(_ grid: [[Bool]], scale: Int = 6) -> Data {
        let height = grid.count * scale
        let width = (grid.first?.count ?? 0) * scale
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        for row in grid {
            let line = row.flatMap { dark in Array(repeating: dark ? UInt8(0) : 255, count: scale) }
            for _ in 0..<scale { data.append(contentsOf: line) }
        }
        return data
    }

    /// zbarimg's exit status and the text it decoded from `grid`.
    public static func scan(_ grid: [[Bool]]) async throws -> (status: Int32, text: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-qr-\(UUID().uuidString).pgm")
        try pgm(grid).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await ChildProcess.run(zbarimg, ["--nodbus", "--raw", "-q", file.path], timeout: .seconds(60))
        return (result.status, result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Adds a light border of `modules` around a grid (the quiet zone a scanner needs).
    public static func padded(_ grid: [[Bool]], by modules: Int = 4) -> [[Bool]] {
        let width = (grid.first?.count ?? 0) + 2 * modules
        let blank = Array(repeating: false, count: width)
        let side = Array(repeating: false, count: modules)
        return Array(repeating: blank, count: modules) + grid.map { side + $0 + side } + Array(repeating: blank, count: modules)
    }
}
