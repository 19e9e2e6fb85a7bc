import Foundation
import KasirTestSupport

/// Runs a command line tool (openssl here) and returns its exit status and what it printed.
@discardableResult
func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) async throws -> (status: Int32, output: String) {
    let result = try await ChildProcess.run(executable, arguments, directory: directory, mergeErrors: true, timeout: .seconds(60))
    return (result.status, result.output)
}

/// A fresh temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let opensslPath = ["/usr/bin/openssl", "/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/openssl"
