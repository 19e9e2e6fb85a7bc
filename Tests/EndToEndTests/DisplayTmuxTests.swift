import Foundation
import KasirTestSupport
import Testing

/// `kasir display` in its own terminal follows the sales this terminal makes (here with
/// `kasir pay` from a script, as a second process would): idle, then the amount and a QR code a
/// phone can read, then the thanks; another terminal's sale never shows.
@Suite(.serialized, .enabled(if: Tmux.available && QRScan.available, "tmux and zbar-tools are installed by make deps"))
struct DisplayTmuxTests {
    /// The screen under the shop's name and the amount (drawn in block letters too, at the top).
    static func belowTheAmount(_ screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        // The first row of the code is its finder pattern's top edge, `█▀▀▀▀▀█`.
        guard let top = lines.firstIndex(where: { $0.contains("█▀▀▀▀▀█") }) else { return "" }
        return lines[top...].joined(separator: "\n")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theCustomerSeesTheirOwnSaleAndNothingElse(width: Int, height: Int) async throws {
        let setup = try await CLISetup.start()
        defer { Task { await setup.stop() } }
        let tmux = try await Tmux.start(
            "\(kasirBinary) display --lang en", width: width, height: height, environment: ["KASIR_CONFIG": setup.configPath])
        defer { tmux.kill() }
        var screen = try await tmux.waitFor("Welcome")
        #expect(screen.contains("Welcome"), "\(screen)")

        // Another counter's sale: not this screen's business.
        let other = try await setup.run(["pay", "--amount", "99000", "--device-id", "POS99"])
        #expect(other.status == 0, "\(other.stderr)")
        try await Task.sleep(for: .milliseconds(1_200))
        screen = try await tmux.screen()
        #expect(screen.contains("Welcome") && !screen.contains("Scan"), "another terminal's sale showed:\n\(screen)")

        let paid = try await setup.run(["pay", "--amount", "75000", "--json"])
        let invoice = (try? JSONSerialization.jsonObject(with: Data(paid.stdout.utf8))) as? [String: Any] ?? [:]
        let number = try #require(invoice["invoice"] as? String)
        screen = try await tmux.waitFor("Scan with the DANA app")
        #expect(screen.contains("not QRIS"), "\(screen)")
        let (status, scanned) = try await QRScan.scan(DemoTmuxTests.modules(from: Self.belowTheAmount(screen)))
        #expect(status == 0 && scanned == invoice["webRedirectUrl"] as? String, "the customer's QR code does not scan:\n\(screen)")

        await setup.sandbox.simulator.settle(partnerReferenceNo: number, to: .success)
        #expect(try await setup.run(["status", number]).status == 0)
        screen = try await tmux.waitFor("Paid Rp 75.000 with DANA")
        #expect(screen.contains("Paid Rp 75.000 with DANA"), "\(screen)")
        // Nothing the customer presses changes anything; q only closes the screen.
        try await tmux.keys("n", "r", "Enter", "y")
        try await Task.sleep(for: .milliseconds(300))
        #expect(!(try await tmux.screen()).contains("EXITED"))
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
    }
}
