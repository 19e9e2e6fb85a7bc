import Foundation
import KasirTestSupport

/// Drives a program in a real terminal: tmux runs it, `send-keys` types, `capture-pane` reads the screen.
struct Tmux: Sendable {
    let session: String

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// The tests' own tmux server, so they neither see nor disturb the user's sessions.
    static let server = "kasir-tests-\(getpid())"

    /// Starts `command` in a detached session of `width`×`height`; "BEFORE" is printed first and
    /// "EXITED rc=N" after, so a test can see that the screen was restored.
    static func start(_ command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) async throws -> Tmux {
        let session = "kasir-test-\(UUID().uuidString.prefix(8))"
        let exports = (["LANG": "C.UTF-8"].merging(environment) { $1 }).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        let script = "echo BEFORE; env \(exports) \(command); echo EXITED rc=$?; exec sleep 600"
        try await run(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), script])
        return Tmux(session: session)
    }

    /// Runs one tmux command against the tests' server and returns what it printed; a failing
    /// command throws with tmux's own words.
    @discardableResult
    static func run(_ arguments: [String]) async throws -> String {
        let result = try await ChildProcess.run("/usr/bin/tmux", ["-L", server] + arguments, mergeErrors: true, timeout: .seconds(30))
        guard result.status == 0 else { throw TmuxFailure(arguments: arguments, status: result.status, output: result.output) }
        return result.output
    }

    func keys(_ keys: String...) async throws {
        try await Tmux.run(["send-keys", "-t", session] + keys)
    }

    func resize(width: Int, height: Int) async throws {
        try await Tmux.run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Whether the program rang the terminal's bell since the session started (tmux's flag).
    func bellRang() async throws -> Bool {
        try await Tmux.run(["display", "-p", "-t", session, "#{window_bell_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// The screen as text; with `escapes`, including the colour and attribute sequences.
    func screen(escapes: Bool = false) async throws -> String {
        try await Tmux.run(["capture-pane", "-p", "-t", session] + (escapes ? ["-e"] : []))
    }

    /// Waits until the screen contains `text` (up to `seconds`), returning the last screen seen.
    func waitFor(_ text: String, seconds: Double = 20) async throws -> String {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        var last = ""
        while ContinuousClock.now < deadline {
            last = try await screen()
            if last.contains(text) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        print("tmux: '\(text)' did not appear within \(seconds) s")
        return last
    }

    /// Ends the session; synchronous so that it can run in a `defer`.
    func kill() {
        let child = try? ChildProcess("/usr/bin/tmux", ["-L", Tmux.server, "kill-session", "-t", session], mergeErrors: true)
        for _ in 0..<2_000 where child?.poll() == nil { usleep(5_000) }
        child?.kill()
        child?.removeFiles()
    }
}

/// A tmux command that failed, with what tmux said.
struct TmuxFailure: Error, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let output: String
    var description: String { "tmux \(arguments.joined(separator: " ")) exited \(status): \(output)" }
}
