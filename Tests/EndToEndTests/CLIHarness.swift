import DokuSNAP
import DokuSandbox
import Foundation
import KasirTestSupport
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

/// Runs kasir to completion with `arguments` (killed, and the test failed, after `timeout`).
func kasir(_ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(120)) async throws -> CommandResult {
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "KASIR_CONFIG")
    for (key, value) in environment { env[key] = value }
    let result = try await ChildProcess.run(kasirBinary, arguments, environment: env, timeout: timeout)
    return CommandResult(status: result.status, stdout: result.output, stderr: result.errors)
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
        let text = keyring.kasirConfig(baseURL: sandbox.baseURL, receiver: .init(listen: "127.0.0.1:0"), storePath: storePath, controlToken: sandbox.simulator.controlToken)
        _ = FileManager.default.createFile(atPath: configPath, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        return CLISetup(directory: directory, sandbox: sandbox, configPath: configPath, storePath: storePath)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandResult {
        try await kasir(arguments, environment: ["KASIR_CONFIG": configPath].merging(environment) { $1 })
    }

    func stop() async {
        await sandbox.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A `kasir listen` child process; its output goes to a file we can poll.
final class ListenProcess: Sendable {
    let child: ChildProcess
    let output: URL

    /// `tracedBy` runs it under a tracer, e.g. `["/usr/bin/strace", "-f", "-o", FILE]`.
    /// `metrics` is `--metrics-listen` (a free port by default, so parallel tests never share one).
    init(
        configPath: String, directory: URL, listen: String = "127.0.0.1:0", metrics: String = "127.0.0.1:0", tracedBy tracer: [String] = [],
        extra: [String] = []
    ) throws {
        output = directory.appendingPathComponent("listen-\(UUID().uuidString).log")
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KASIR_CONFIG")
        let arguments = ["listen", "--config", configPath, "--listen", listen, "--reconcile-every", "0", "--metrics-listen", metrics] + extra
        if let program = tracer.first {
            child = try ChildProcess(program, Array(tracer.dropFirst()) + [kasirBinary] + arguments, environment: env, outputFile: output, mergeErrors: true)
        } else {
            child = try ChildProcess(kasirBinary, arguments, environment: env, outputFile: output, mergeErrors: true)
        }
    }

    var log: String { child.output }

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

    /// The metrics base URL it printed once serving them.
    func metricsURL(timeout: Double = 20) async -> String? {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while ContinuousClock.now < deadline {
            if let line = log.split(separator: "\n").first(where: { $0.contains("metrics on ") }),
                let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://") })
            {
                return String(url.dropLast("/metrics".count))
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    func kill() { child.kill() }

    /// Asks it to stop (SIGTERM) and waits for it to finish; returns its exit status.
    @discardableResult
    func terminate() async throws -> Int32 {
        child.signal(SIGTERM)
        return try await child.wait(timeout: .seconds(30))
    }
}
