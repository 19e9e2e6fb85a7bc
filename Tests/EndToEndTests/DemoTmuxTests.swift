import Foundation
import KasirStore
import KasirTestSupport
import Testing

/// `kasir demo` in a real terminal, driven by keystrokes: pay by QR (decoded off the screen with
/// zbarimg), see PAID, refund part, see the log, quit and find the terminal restored.
@Suite(
    .serialized, .enabled(if: Tmux.available && QRScan.available, "tmux and zbar-tools are installed by make deps"))
struct DemoTmuxTests {
    /// Reads the half-block QR code off a captured screen into modules (true = dark), with a light border.
    static func modules(from screen: String) -> [[Bool]] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let blocks: Set<Character> = ["█", "▀", "▄"]
        let rows = lines.indices.filter { lines[$0].contains(where: blocks.contains) }
        guard let top = rows.first, let bottom = rows.last else { return [] }
        let left = rows.compactMap { lines[$0].firstIndex(where: blocks.contains) }.min() ?? 0
        let right = rows.compactMap { lines[$0].lastIndex(where: blocks.contains) }.max() ?? 0
        var grid: [[Bool]] = []
        for index in top...bottom {
            let line = lines[index]
            let cells = (left...right).map { $0 < line.count ? line[$0] : " " }
            grid.append(cells.map { $0 == "█" || $0 == "▀" })
            grid.append(cells.map { $0 == "█" || $0 == "▄" })
        }
        return QRScan.padded(grid)
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func payByQRSeePaidRefundAndQuit(width: Int, height: Int) async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = try await Tmux.start("\(kasirBinary) demo --empty --data-dir \(data.path)", width: width, height: height)
        defer { tmux.kill() }
        var screen = try await tmux.waitFor("DEMO")
        #expect(screen.contains("new payment") || screen.contains("new"))

        try await tmux.keys("n")
        screen = try await tmux.waitFor("New payment")
        try await tmux.keys("150000")
        screen = try await tmux.waitFor("150.000")
        try await tmux.keys("Enter")
        // The QR view's own keys, not "left": the detail pane shows a countdown while DOKU answers.
        screen = try await tmux.waitFor("customer pays")
        #expect(screen.contains("AWAITING"))
        #expect(screen.contains("left"), "the QR view counts down to validUpTo")

        // The code on the screen scans, and says what the store says.
        let (status, scanned) = try await QRScan.scan(Self.modules(from: screen))
        #expect(status == 0, "zbarimg could not read the QR code off the screen:\n\(screen)")
        #expect(scanned.hasPrefix("http://127.0.0.1:"))
        #expect(screen.contains(scanned), "the URL under the code is the one in the code")
        let store = try SQLiteMerchantStore(path: data.appendingPathComponent("demo.sqlite").path)
        let stored = try await store.invoices(.init(limit: 1)).first
        #expect(stored?.webRedirectUrl == scanned)
        #expect(stored?.amount.displayText == "Rp 150.000")

        #expect(try await tmux.bellRang() == false, "no bell before the sale is decided")
        try await tmux.keys("p")
        // PAID fills the view in block letters; under them the invoice and the thanks.
        screen = try await tmux.waitFor("Thank you")
        #expect(screen.contains(stored?.number ?? "?"), "\(screen)")
        #expect(screen.contains("█"), "the word and the amount are drawn in block letters")
        #expect(screen.contains("next sale"), "the footer offers the next sale")
        #expect(try await tmux.bellRang(), "PAID rings the terminal's bell")
        #expect(try await store.invoice(stored?.number ?? "")?.status == .paid)

        try await tmux.keys("Escape")
        _ = try await tmux.waitFor("refund")
        try await tmux.keys("r")
        screen = try await tmux.waitFor("Refundable now")
        try await tmux.keys("C-u", "50000", "Enter")
        screen = try await tmux.waitFor("Confirm refund")
        #expect(screen.contains("Refund Rp 50.000"))
        try await tmux.keys("y")
        screen = try await tmux.waitFor("PART REFUND")
        // The log reads the store, where the refund exchange is written just after the answer.
        screen = try await tmux.waitFor("→ refund")
        #expect(screen.contains("Rp 50.000"))
        #expect(screen.contains("→ refund"))
        #expect(screen.contains("← notification"))
        #expect(screen.contains("→ payment"))
        #expect(try await store.invoice(stored?.number ?? "")?.status == .partiallyRefunded)

        try await tmux.keys("q")
        screen = try await tmux.waitFor("EXITED rc=0")
        #expect(screen.contains("BEFORE"), "the terminal was restored")
        #expect(!screen.contains("Invoices"))
    }

    /// Over SSH an Indonesian client sends `LANG=id_ID.UTF-8`, a locale this machine does not
    /// have: the console speaks Indonesian, still draws in UTF-8, and its QR code still scans.
    @Test func anIndonesianClientsLocaleGivesIndonesianInUTF8() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = try await Tmux.start("\(kasirBinary) demo --empty --data-dir \(data.path)", width: 80, height: 24, environment: ["LANG": "id_ID.UTF-8"])
        defer { tmux.kill() }
        var screen = try await tmux.waitFor("Transaksi")
        #expect(screen.contains("┌─ Transaksi"), "box drawing stays UTF-8:\n\(screen)")
        #expect(screen.contains("bantuan"), "\(screen)")
        try await tmux.keys("n")
        screen = try await tmux.waitFor("Pembayaran baru")
        try await tmux.keys("C-u", "-5000")
        screen = try await tmux.waitFor("tidak boleh negatif")
        #expect(screen.contains("jumlah tidak boleh negatif"), "\(screen)")
        try await tmux.keys("C-u", "75.000", "Enter")
        screen = try await tmux.waitFor("Scan dengan aplikasi DANA")
        #expect(screen.contains("sisa "), "a countdown, not a clock: \(screen)")
        #expect(screen.contains("bukan QRIS"), "\(screen)")
        #expect(screen.contains("MENUNGGU"), "\(screen)")
        let (status, scanned) = try await QRScan.scan(Self.modules(from: screen))
        #expect(status == 0 && scanned.hasPrefix("http://127.0.0.1:"), "the QR code scans at 80x24 under id_ID.UTF-8:\n\(screen)")
        try await tmux.keys("p")
        screen = try await tmux.waitFor("Terima kasih")
        #expect(screen.contains("penjualan baru"), "\(screen)")
        #expect(try await tmux.bellRang())
        // n starts the next sale from the PAID screen.
        try await tmux.keys("n")
        screen = try await tmux.waitFor("Pembayaran baru")
        try await tmux.keys("Escape")
        try await Task.sleep(for: .milliseconds(150))
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
    }

    /// `--quiet`: nothing rings.
    @Test func quietKeepsTheBellSilent() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = try await Tmux.start("\(kasirBinary) demo --empty --quiet --data-dir \(data.path)", width: 80, height: 24)
        defer { tmux.kill() }
        _ = try await tmux.waitFor("DEMO")
        try await tmux.keys("n")
        _ = try await tmux.waitFor("New payment")
        try await tmux.keys("20000", "Enter")
        _ = try await tmux.waitFor("customer pays")
        try await tmux.keys("f")
        _ = try await tmux.waitFor("next sale")
        try await Task.sleep(for: .milliseconds(600))
        #expect(try await tmux.bellRang() == false)
        try await tmux.keys("Escape")
        try await Task.sleep(for: .milliseconds(150))
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
    }

    @Test func belowTheMinimumSizeAClearMessageReplacesTheLayout() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = try await Tmux.start("\(kasirBinary) demo --empty --data-dir \(data.path)", width: 100, height: 30)
        defer { tmux.kill() }
        _ = try await tmux.waitFor("DEMO")
        try await tmux.resize(width: 70, height: 20)
        var screen = try await tmux.waitFor("too small")
        #expect(screen.contains("at least 80×24"))
        try await tmux.resize(width: 90, height: 26)
        screen = try await tmux.waitFor("Invoices")
        #expect(screen.contains("DEMO"))
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
    }
}
