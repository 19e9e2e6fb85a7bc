import Foundation
import Testing
import TerminalUI

/// Compares a buffer with `Snapshots/<name>.txt` next to the calling test file (text grid, then
/// style runs). `RECORD_SNAPSHOTS=1` writes the file; a missing snapshot fails.
public func expectSnapshot(_ buffer: Buffer, _ name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent(name + ".txt")
    let text = snapshotText(buffer)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("missing snapshot \(file.lastPathComponent); record it with RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
        return
    }
    if expected != text {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var detail = " in length"
        for (index, (wanted, got)) in zip(expectedLines, actualLines).enumerated() where wanted != got {
            detail = "\nline \(index + 1):\n  expected: \(wanted)\n  actual:   \(got)"
            break
        }
        Issue.record("snapshot \(name) differs\(detail)", sourceLocation: sourceLocation)
    }
}

public func snapshotText(_ buffer: Buffer) -> String {
    let grid = buffer.lines.map { "|" + $0 + "|" }.joined(separator: "\n")
    return grid + "\n--- styles ---\n" + buffer.styleRuns.joined(separator: "\n") + "\n"
}
