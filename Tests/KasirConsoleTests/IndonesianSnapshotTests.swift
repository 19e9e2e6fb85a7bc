import Foundation
import Testing

/// The Indonesian snapshots, read for English a cashier would meet: words kasir itself writes
/// (statuses, outcomes, causes, operations). What DOKU or a request carried (headers, bodies,
/// DOKU's own refusal message after "ditolak:") is quoted as it came and not read here.
@Suite struct IndonesianSnapshotTests {
    static let english = [
        "notification", "applied", "intent stored", "status check", " paid", "success", "payment ", "AWAITING", " PAID", "FAILED", "EXPIRED",
        "Outcome", "Meaning", " still ", "unknown", "failed", "expired", "Press ", "Show help",
    ]

    @Test func noIndonesianScreenShowsKasirsOwnEnglish() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("-id-") && $0.hasSuffix(".txt") }
        #expect(files.count >= 40)
        for file in files {
            var lines = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8).split(separator: "\n").map(String.init)
            if file.hasPrefix("exchange-") { lines = Array(lines.prefix { !$0.contains("Header") }) }
            for line in lines where !line.contains("ditolak: ") && !line.contains("re over the") {
                for word in Self.english { #expect(!line.contains(word), "\(file): \(word) in \(line)") }
            }
        }
    }
}
