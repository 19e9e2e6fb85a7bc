import DokuSNAP
import Foundation
import Testing

/// The console on a configured DOKU (the sandbox), watching a store that a separate `kasir listen`
/// writes: a payment made from the CLI and paid at the sandbox shows up without a key press, in
/// the list and in the live log.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is installed by make deps"))
struct ConsoleWatchTmuxTests {
    @Test func aNotificationReceivedByAnotherProcessShowsUpByItself() async throws {
        let setup = try await CLISetup.start()
        let listener = try ListenProcess(configPath: setup.configPath, directory: setup.directory)
        defer { listener.kill() }
        let url = try #require(await listener.notifyURL(), "kasir listen did not start: \(listener.log)")
        await setup.sandbox.simulator.setNotifyURL(url)

        let tmux = try await Tmux.start(
            "\(kasirBinary) --config \(setup.configPath) --read-only", width: 120, height: 40, environment: ["KASIR_NOTIFICATIONS_ENABLED": "false"])
        defer { tmux.kill() }
        var screen = try await tmux.waitFor("via kasir listen")
        #expect(screen.contains("SANDBOX") && screen.contains("via kasir listen"), "\(screen)")
        #expect(!screen.contains("n  new"), "read-only hides payments")
        #expect(!screen.contains("Press n"))

        let paid = try await setup.run(["pay", "--amount", "75000", "--title", "Teh manis", "--json"])
        let number = try #require((try? JSONSerialization.jsonObject(with: Data(paid.stdout.utf8))) as? [String: Any])["invoice"] as? String
        let invoice = try #require(number, "\(paid.stderr)")
        screen = try await tmux.waitFor(invoice)
        // The intent (CREATED) can show before DOKU's answer (AWAITING) is stored.
        screen = try await tmux.waitFor("AWAITING")
        #expect(screen.contains("AWAITING"), "\(screen)")
        await setup.sandbox.simulator.settle(partnerReferenceNo: invoice, to: .success)
        screen = try await tmux.waitFor("PAID")
        #expect(screen.contains("PAID"))
        #expect(screen.contains("Rp 75.000"))
        // The log shows what the other processes did: kasir pay's call and kasir listen's notification.
        screen = try await tmux.waitFor("← notification \(invoice)")
        #expect(screen.contains("← notification \(invoice) 00 paid"), "\(screen)")
        #expect(screen.contains("→ payment \(invoice) 2005400"), "\(screen)")
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
        await setup.stop()
    }

    /// The header never lies about the receiver: at 80x24 it says kasir listen receives; when
    /// kasir listen stops, the console takes the port over and a sale paid then turns PAID by itself.
    @Test func whenKasirListenStopsTheConsoleTakesThePortOver() async throws {
        let setup = try await CLISetup.start()
        let port = Int.random(in: 20_000..<40_000)
        let listener = try ListenProcess(configPath: setup.configPath, directory: setup.directory, listen: "127.0.0.1:\(port)")
        defer { listener.kill() }
        let url = try #require(await listener.notifyURL(), "kasir listen did not start: \(listener.log)")
        await setup.sandbox.simulator.setNotifyURL(url)
        // The same address for the console, which finds it taken.
        let tmux = try await Tmux.start(
            "\(kasirBinary) --config \(setup.configPath)", width: 80, height: 24, environment: ["KASIR_NOTIFICATIONS_LISTEN": "127.0.0.1:\(port)"])
        defer { tmux.kill() }
        var screen = try await tmux.waitFor("via kasir listen")
        #expect(screen.contains("via kasir listen 127.0.0.1:\(port)"), "\(screen)")
        #expect(!screen.contains("NOT RECEIVING"), "\(screen)")

        // A second kasir listen on the same address exits with its own status and a one-line reason.
        let second = try await setup.run(["listen", "--listen", "127.0.0.1:\(port)"])
        #expect(second.status == 5, "\(second.stderr)")
        #expect(second.stderr.contains("already in use"))

        #expect(try await listener.terminate() == 0)
        screen = try await tmux.waitFor("receiving on 127.0.0.1:\(port)", seconds: 30)
        #expect(screen.contains("receiving on 127.0.0.1:\(port)"), "the console did not take the port over: \(screen)")
        let paid = try await setup.run(["pay", "--amount", "12500", "--json"])
        let invoice = try #require((try? JSONSerialization.jsonObject(with: Data(paid.stdout.utf8)) as? [String: Any])?["invoice"] as? String, "\(paid.stderr)")
        await setup.sandbox.simulator.settle(partnerReferenceNo: invoice, to: .success)
        screen = try await tmux.waitFor("PAID")
        #expect(screen.contains("PAID") && screen.contains(String(invoice.suffix(9))), "\(screen)")
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
        await setup.stop()
    }
}
