import DokuSNAP
import DokuSandbox
import Foundation
import Testing

/// The `kasir` executable built next to the tests (`swift build --build-tests` builds it).
let kasirBinary: String = {
    if let path = ProcessInfo.processInfo.environment["KASIR_BIN"] { return path }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/kasir").path
}()

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs kasir to completion with `arguments`, on a thread of its own: blocking a thread of Swift's
/// small cooperative pool would starve the in-process sandbox the child is talking to.
func kasir(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandResult {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try runKasirBlocking(arguments, environment: environment) })
        }.start()
    }
}

func runKasirBlocking(_ arguments: [String], environment: [String: String]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: kasirBinary)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "KASIR_CONFIG")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Drain stderr on another thread so a full pipe can never block the child.
    let errorData = LockedData()
    let drain = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    drain.start()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.isSet { usleep(1_000) }
    let stderr = errorData.get()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

/// A sandbox on loopback plus a kasir config file (and keys) pointing at it, for driving the CLI.
struct CLISetup: Sendable {
    let directory: URL
    let sandbox: RunningSandbox
    let configPath: String
    let storePath: String

    static func start(timeFactor: Double = 36_000) async throws -> CLISetup {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-cli-\(UUID().uuidString)")
        let (keyring, _) = try SandboxKeyring.loadOrCreate(at: directory.appendingPathComponent("keys"))
        let sandbox = try await SandboxServer(
            simulator: DokuSimulator(
                configuration: SandboxConfiguration(
                    clientID: keyring.clientID, clientSecret: keyring.clientSecret, merchantPublicKey: keyring.merchantKey.publicKey,
                    dokuKey: keyring.dokuKey, timeFactor: timeFactor)), port: 0
        ).start()
        let storePath = directory.appendingPathComponent("kasir.sqlite").path
        let configPath = directory.appendingPathComponent("config.toml").path
        let text = keyring.kasirConfig(baseURL: sandbox.baseURL, notificationsListen: "127.0.0.1:0", storePath: storePath)
        _ = FileManager.default.createFile(atPath: configPath, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        return CLISetup(directory: directory, sandbox: sandbox, configPath: configPath, storePath: storePath)
    }

    func run(_ arguments: [String]) async throws -> CommandResult {
        try await kasir(arguments, environment: ["KASIR_CONFIG": configPath])
    }

    func stop() async {
        await sandbox.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A `kasir listen` child process; its output goes to a file we can poll.
final class ListenProcess: @unchecked Sendable {
    let process = Process()
    let output: URL

    init(configPath: String, directory: URL) throws {
        output = directory.appendingPathComponent("listen-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: kasirBinary)
        process.arguments = ["listen", "--config", configPath, "--listen", "127.0.0.1:0", "--reconcile-every", "0"]
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    /// The notify URL it printed once listening.
    func notifyURL(timeout: Double = 20) async -> String? {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while ContinuousClock.now < deadline {
            if let line = log.split(separator: "\n").first(where: { $0.contains("receiving DOKU notifications on ") }),
                let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") })
            {
                return String(url)
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func terminate() {
        process.terminate()
        process.waitUntilExit()
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data ?? Data() } }
    var isSet: Bool { lock.withLock { data != nil } }
}
