import AsyncHTTPClient
import Foundation
import KasirCore
import KasirStore
import KasirTestSupport
import NIOCore
import Testing

/// `kasir demo` as a product manager shows it: a shop that has been trading, a sale that plays
/// itself for a projector, and a QR code a phone on the network can open.
@Suite(.serialized, .enabled(if: Tmux.available && QRScan.available, "tmux and zbar-tools are installed by make deps"))
struct DemoStoryTmuxTests {
    static func dataDirectory() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("kasir-demo-\(UUID().uuidString)") }

    @Test func theDemoOpensOnATradingShopWithAHint() async throws {
        let data = Self.dataDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = try await Tmux.start("\(kasirBinary) demo --data-dir \(data.path)", width: 100, height: 30)
        defer { tmux.kill() }
        let screen = try await tmux.waitFor("press n for a new sale")
        for badge in ["PAID", "FAILED", "EXPIRED", "PART REFUND"] { #expect(screen.contains(badge), "\(badge) missing:\n\(screen)") }
        #expect(screen.contains("→ refund"), "the log has the morning's exchanges")
        let store = try SQLiteMerchantStore(path: data.appendingPathComponent("demo.sqlite").path)
        let invoices = try await store.invoices(.init(limit: 20))
        #expect(invoices.count == 5)
        #expect(Set(invoices.map(\.status)) == [.paid, .failed, .expired, .partiallyRefunded])
        #expect(invoices.first { $0.status == .partiallyRefunded }?.refunded.displayText == "Rp 50.000")
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
    }

    /// `--autoplay`: a whole sale (form, QR, paid, part refunded) with nobody at the keyboard;
    /// then a key takes control back and nothing more is played.
    @Test func autoplayPlaysASaleAndAnyKeyTakesOver() async throws {
        let data = Self.dataDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = try await Tmux.start("\(kasirBinary) demo --autoplay --data-dir \(data.path)", width: 100, height: 30)
        defer { tmux.kill() }
        _ = try await tmux.waitFor("press any key to take over")
        let store = try SQLiteMerchantStore(path: data.appendingPathComponent("demo.sqlite").path)
        let deadline = ContinuousClock.now + .seconds(60)
        var played: Invoice?
        while ContinuousClock.now < deadline {
            played = try await store.invoices(.init(limit: 10)).first { $0.title == "Es kopi susu" }
            if played?.status == .partiallyRefunded { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        let shown = try await tmux.screen()
        #expect(played?.status == .partiallyRefunded, "\(String(describing: played))\n\(shown)")
        #expect(played?.amount.displayText == "Rp 35.000" && played?.refunded.displayText == "Rp 10.000")
        try await tmux.keys("z")
        let count = try await store.count(InvoiceQuery())
        try await Task.sleep(for: .seconds(12))
        #expect(try await store.count(InvoiceQuery()) == count, "no sale is played after a key")
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
    }

    /// `--host`: the QR code carries that address and the customer page served there pays the
    /// sale (a loopback address stands in for the shop's Wi-Fi one).
    @Test func hostServesTheCustomerPageWhereAPhoneCanReachIt() async throws {
        let data = Self.dataDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = try await Tmux.start("\(kasirBinary) demo --empty --host 127.0.0.2 --data-dir \(data.path)", width: 120, height: 40)
        defer { tmux.kill() }
        _ = try await tmux.waitFor("DEMO")
        try await tmux.keys("n")
        _ = try await tmux.waitFor("New payment")
        try await tmux.keys("20000", "Enter")
        let screen = try await tmux.waitFor("customer pays")
        let (status, link) = try await QRScan.scan(DemoTmuxTests.modules(from: screen))
        #expect(status == 0, "\(screen)")
        #expect(link.hasPrefix("http://127.0.0.2:"), "the QR code carries --host: \(link)")
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let page = try await http.execute(HTTPClientRequest(url: link), timeout: .seconds(10))
        #expect(page.status.code == 200)
        _ = try await page.body.collect(upTo: 1 << 20)
        // The phone's customer pays with a PIN.
        var pay = HTTPClientRequest(url: link)
        pay.method = .POST
        pay.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        pay.body = .bytes(ByteBuffer(string: "action=pay&pin=123456"))
        let paid = try await http.execute(pay, timeout: .seconds(10))
        #expect(paid.status.code == 200)
        _ = try await paid.body.collect(upTo: 1 << 20)
        try await http.shutdown()
        _ = try await tmux.waitFor("Thank you")
        try await tmux.keys("Escape", "q")
        _ = try await tmux.waitFor("EXITED rc=0")

        let refused = try await kasir(["demo", "--host", "0.0.0.0"])
        #expect(refused.status == 2 && refused.stderr.contains("one address of this machine"), "\(refused.stderr)")
    }
}

/// `y` in the exchange view, as an ops engineer in tmux over SSH uses it: the curl command lands
/// on the clipboard (OSC 52, which tmux takes with `set-clipboard on`) and in a file.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is installed by make deps"))
struct ClipboardTmuxTests {
    @Test func yPutsTheExchangeOnTmuxsClipboardAndInAFile() async throws {
        let data = DemoStoryTmuxTests.dataDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let tmux = try await Tmux.start("\(kasirBinary) demo --data-dir \(data.path)", width: 100, height: 30)
        defer { tmux.kill() }
        try await Tmux.run(["set-option", "-g", "set-clipboard", "on"])
        _ = try await tmux.waitFor("press n for a new sale")
        // The log's newest line is the morning's last exchange; Tab focuses the log, o opens it.
        try await tmux.keys("Tab")
        try await tmux.keys("o")
        _ = try await tmux.waitFor("Request headers")
        try await tmux.keys("y")
        let screen = try await tmux.waitFor("clipboard")
        #expect(screen.contains("copied to the clipboard"), "\(screen)")
        let buffer = try await Tmux.run(["show-buffer"])
        #expect(buffer.contains("curl") && buffer.contains("BASE_URL"), "tmux's buffer: \(buffer.prefix(400))")
        #expect(!buffer.contains("<redacted"), "placeholders became shell variables, no secret and no stand-in")
        #expect(!buffer.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "no control byte")
        let files = try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.hasPrefix("kasir-exchange-") && $0.hasSuffix(".sh") }
        #expect(files.count == 1, "\(files)")
        if let file = files.first {
            #expect(try String(contentsOf: data.appendingPathComponent(file), encoding: .utf8) == buffer, "the clipboard and the file hold the same command")
        }
        try await tmux.keys("Escape")
        // Apart, so that Escape and q are two keys and not Alt-q.
        _ = try await tmux.waitFor("PART REFUND", seconds: 5)
        try await Task.sleep(for: .milliseconds(300))
        try await tmux.keys("q")
        #expect(try await tmux.waitFor("EXITED rc=0").contains("EXITED rc=0"))
    }
}

/// `:resend INV` in the demo's console: the sandbox sends a finished sale's notification again,
/// as DOKU's back office does, and the receiver takes it as the duplicate it is.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is installed by make deps"))
struct ResendTmuxTests {
    @Test func resendSendsAFinishedSalesNotificationAgainAndItChangesNothing() async throws {
        let data = DemoStoryTmuxTests.dataDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = try await Tmux.start("\(kasirBinary) demo --data-dir \(data.path)", width: 120, height: 40)
        defer { tmux.kill() }
        _ = try await tmux.waitFor("PART REFUND")
        let store = try SQLiteMerchantStore(path: data.appendingPathComponent("demo.sqlite").path)
        let paid = try #require(try await store.invoices(.init(limit: 20)).first { $0.status == .paid })
        let before = try await store.notificationCount()
        try await tmux.keys(":resend \(paid.number)", "Enter")
        let screen = try await tmux.waitFor("duplicate")
        #expect(screen.contains("sending its notification again") || screen.contains("duplicate"), "\(screen)")
        #expect(try await store.invoice(paid.number)?.status == .paid, "a duplicate changes nothing")
        #expect(try await store.notificationCount() == before, "and stores no second notification")
        try await tmux.keys(":resend NOT-A-SALE", "Enter")
        let refused = try await tmux.waitFor("not a finished sale")
        #expect(refused.contains("not a finished sale"), "\(refused)")
        try await Task.sleep(for: .milliseconds(300))
        try await tmux.keys("q")
        #expect(try await tmux.waitFor("EXITED rc=0").contains("EXITED rc=0"))
    }
}
