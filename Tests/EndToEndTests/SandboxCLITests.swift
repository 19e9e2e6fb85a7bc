import DokuSNAP
import DokuSandbox
import Foundation
import KasirTestSupport
import Testing

/// `kasir sandbox` as an integrator uses it from a shell: the config it writes, the control
/// token that config carries, and resending a notification as DOKU's back office does.
@Suite(.serialized) struct SandboxCLITests {
    /// The written config listens where --notify-url says DOKU will call, carries the run's
    /// control token, and is not silently replaced by the next run.
    @Test func writeConfigMatchesTheNotifyURLAndRefusesToOverwrite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-sbx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config.toml").path
        let arguments = [
            "sandbox", "--port", "0", "--keys-dir", directory.appendingPathComponent("keys").path, "--write-config", config,
            "--notify-url", "http://127.0.0.1:8799/hooks/doku",
        ]
        let sandbox = try ChildProcess(kasirBinary, arguments, mergeErrors: true)
        defer { sandbox.kill() }
        let deadline = ContinuousClock.now + .seconds(60)
        while !sandbox.output.contains("Press Ctrl-C"), ContinuousClock.now < deadline, sandbox.poll() == nil {
            try await Task.sleep(for: .milliseconds(50))
        }
        let printed = sandbox.output
        #expect(printed.contains("config:"), "\(printed)")
        let written = try String(contentsOfFile: config, encoding: .utf8)
        #expect(written.contains(#"listen = "127.0.0.1:8799""#), "\(written)")
        #expect(written.contains(#"notify_path = "/hooks/doku""#))
        let mode = try FileManager.default.attributesOfItem(atPath: config)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // The token printed at start is the one in the config, and the config loads.
        let token = try #require(written.split(separator: "\n").first { $0.hasPrefix("control_token") }?.split(separator: "\"").dropFirst().first)
        #expect(token.count == 64)
        #expect(printed.contains("X-Sandbox-Token: \(token)"))
        let check = try await kasir(["config", "check"], environment: ["KASIR_CONFIG": config])
        #expect(check.status == 0, "\(check.stderr)")
        sandbox.signal(SIGTERM)
        _ = try await sandbox.wait(timeout: .seconds(30))

        // Again without --force: refused before anything starts, and the file is untouched.
        let again = try await kasir(arguments)
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists; add --force"), "\(again.stderr)")
        #expect(try String(contentsOfFile: config, encoding: .utf8) == written)
        let nowhere = try await kasir(["sandbox", "--port", "0", "--write-config", directory.appendingPathComponent("no/such/dir.toml").path])
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("does not exist"), "\(nowhere.stderr)")
    }

    /// `kasir sandbox resend INV` asks the running sandbox for the notification again (with the
    /// config's token); `kasir sandbox deliveries` lists every attempt with the merchant's answer.
    @Test func resendAndDeliveriesGoThroughTheControlAPIWithTheToken() async throws {
        let setup = try await CLISetup.start()
        defer { Task { await setup.stop() } }
        // Notifications go to a path the sandbox itself answers 404 at, so each attempt is recorded as refused.
        await setup.sandbox.simulator.setNotifyURL(setup.sandbox.baseURL + "/nowhere/notify")
        let paid = try await setup.run(["pay", "--amount", "25.000", "--json"])
        #expect(paid.status == 0, "\(paid.stderr)")
        let number = try #require(
            (try JSONSerialization.jsonObject(with: Data(paid.stdout.utf8)) as? [String: Any])?["invoice"] as? String)

        let early = try await setup.run(["sandbox", "resend", number])
        #expect(early.status == 2)
        #expect(early.stderr.contains("pay, fail or expire it first"), "\(early.stderr)")

        _ = await setup.sandbox.simulator.settle(partnerReferenceNo: number, to: .success)
        await setup.sandbox.simulator.waitForDeliveries()
        let before = await setup.sandbox.simulator.deliveries.filter { $0.partnerReferenceNo == number }.count
        let resent = try await setup.run(["sandbox", "resend", number])
        #expect(resent.status == 0, "\(resent.stderr)")
        await setup.sandbox.simulator.waitForDeliveries()
        let after = await setup.sandbox.simulator.deliveries.filter { $0.partnerReferenceNo == number }
        #expect(after.count > before)

        let listed = try await setup.run(["sandbox", "deliveries", "--invoice", number])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("\(number) status 00 attempt 1"), "\(listed.stdout)")

        // A config with another token is refused by the sandbox, in words.
        let text = try String(contentsOfFile: setup.configPath, encoding: .utf8)
        let wrong = setup.directory.appendingPathComponent("wrong.toml").path
        let forged = text.replacingOccurrences(of: setup.sandbox.simulator.controlToken, with: String(repeating: "0", count: 64))
        _ = FileManager.default.createFile(atPath: wrong, contents: Data(forged.utf8), attributes: [.posixPermissions: 0o600])
        let refused = try await kasir(["sandbox", "resend", number], environment: ["KASIR_CONFIG": wrong])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("wrong X-Sandbox-Token"), "\(refused.stderr)")
    }
}
