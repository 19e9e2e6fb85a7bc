import Foundation

/// Drives a program in a real terminal: tmux runs it, `send-keys` types, `capture-pane` reads the screen.
struct Tmux: Sendable {
    let session: String

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `command` in a detached session of `width`×`height`; "BEFORE" is printed first and
    /// "EXITED rc=N" after, so a test can see that the screen was restored.
    static func start(_ command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws -> Tmux {
        let session = "kasir-test-\(UUID().uuidString.prefix(8))"
        let exports = (["LANG": "C.UTF-8"].merging(environment) { $1 }).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        let script = "echo BEFORE; env \(exports) \(command); echo EXITED rc=$?; sleep 600"
        try run(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), script])
        return Tmux(session: session)
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func keys(_ keys: String...) throws {
        try Tmux.run(["send-keys", "-t", session] + keys)
    }

    func resize(width: Int, height: Int) throws {
        try Tmux.run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// The screen as text; with `escapes`, including the colour and attribute sequences.
    func screen(escapes: Bool = false) throws -> String {
        try Tmux.run(["capture-pane", "-p", "-t", session] + (escapes ? ["-e"] : []))
    }

    /// Waits until the screen contains `text` (up to `seconds`), returning the last screen seen.
    func waitFor(_ text: String, seconds: Double = 20) async throws -> String {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        var last = ""
        while ContinuousClock.now < deadline {
            last = try screen()
            if last.contains(text) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    func kill() {
        _ = try? Tmux.run(["kill-session", "-t", session])
    }
}
