import Foundation
import KasirStore
import KasirTestSupport
import Testing

/// `kasir demo` driven as a cashier drives it, wrong input included: every navigation key in
/// every screen, and the amounts people type.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is installed by make deps"))
struct CashierTmuxTests {
    /// Presses G, End, Home and g and checks the console is still there (the first wave crashed on G).
    func pressNavigation(_ tmux: Tmux, in screenName: String) async throws {
        for key in ["G", "End", "Home", "g"] {
            try await tmux.keys(key)
            try await Task.sleep(for: .milliseconds(120))
            let screen = try await tmux.screen()
            #expect(!screen.contains("EXITED"), "\(key) in \(screenName) ended the console:\n\(screen)")
            #expect(!screen.contains("Fatal error"), "\(key) in \(screenName):\n\(screen)")
        }
    }

    /// Esc on its own: followed at once by a key, a terminal reads the pair as Alt+key.
    func escape(_ tmux: Tmux) async throws {
        try await tmux.keys("Escape")
        try await Task.sleep(for: .milliseconds(150))
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func navigationKeysInEveryScreenNeverCrash(width: Int, height: Int) async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-cashier-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = try await Tmux.start("\(kasirBinary) demo --empty --data-dir \(data.path)", width: width, height: height)
        defer { tmux.kill() }
        _ = try await tmux.waitFor("DEMO")
        try await pressNavigation(tmux, in: "the empty list")
        try await tmux.keys("Tab")
        try await pressNavigation(tmux, in: "the log pane")
        try await tmux.keys("Tab")

        try await tmux.keys("n")
        _ = try await tmux.waitFor("New payment")
        try await pressNavigation(tmux, in: "the payment form")
        // The letters went into the amount field (and were refused there): clear it whole.
        try await tmux.keys("End", "C-u", "25000", "Enter")
        _ = try await tmux.waitFor("customer pays")
        try await pressNavigation(tmux, in: "the QR view")
        try await tmux.keys("p")
        _ = try await tmux.waitFor("Thank you")
        try await pressNavigation(tmux, in: "the PAID screen")
        try await escape(tmux)
        _ = try await tmux.waitFor("refund")
        try await pressNavigation(tmux, in: "the list of one invoice")
        try await tmux.keys("d")
        try await pressNavigation(tmux, in: "the whole detail")
        try await tmux.keys("d", "r")
        _ = try await tmux.waitFor("Refundable now")
        try await pressNavigation(tmux, in: "the refund form")
        try await escape(tmux)
        try await tmux.keys("?")
        _ = try await tmux.waitFor("Help")
        try await pressNavigation(tmux, in: "the help")
        try await tmux.keys("/")
        try await pressNavigation(tmux, in: "the search line")
        try await escape(tmux)
        try await tmux.keys(":")
        try await pressNavigation(tmux, in: "the command line")
        try await escape(tmux)
        try await tmux.keys("z")
        try await pressNavigation(tmux, in: "the zoomed log")
        try await tmux.keys("z")
        let screen = try await tmux.waitFor("Rp 25.000")
        #expect(screen.contains("Rp 25.000"), "\(screen)")
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
    }

    @Test func whatTheCashierTypesIsWhatDokuReceivesOrIsRefusedOnScreen() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-cashier-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = try await Tmux.start("\(kasirBinary) demo --empty --data-dir \(data.path)", width: 80, height: 24)
        defer { tmux.kill() }
        _ = try await tmux.waitFor("DEMO")
        try await tmux.keys("n")
        _ = try await tmux.waitFor("New payment")
        // Refused where typed, with what to type instead; Enter creates nothing.
        try await tmux.keys("1.5")
        var screen = try await tmux.waitFor("did you mean 1.500 or 15?")
        #expect(screen.contains("did you mean 1.500 or 15?"), "\(screen)")
        try await tmux.keys("Enter")
        try await tmux.keys("C-u", "-5000")
        screen = try await tmux.waitFor("cannot be negative")
        #expect(screen.contains("cannot be negative"), "\(screen)")
        try await tmux.keys("Enter")
        try await tmux.keys("C-u", "1e6")
        screen = try await tmux.waitFor("no exponents")
        #expect(screen.contains("no exponents"), "\(screen)")
        // The README's own format: Rp 150.000, shown as understood while typing, and sent as 150000.00.
        try await tmux.keys("C-u", "150000.00")
        screen = try await tmux.waitFor("= Rp 150.000")
        #expect(screen.contains("= Rp 150.000"), "\(screen)")
        try await tmux.keys("Enter")
        _ = try await tmux.waitFor("customer pays")
        let store = try SQLiteMerchantStore(path: data.appendingPathComponent("demo.sqlite").path)
        let invoices = try await store.invoices(.init(limit: 10))
        #expect(invoices.count == 1, "refused amounts created invoices: \(invoices.map(\.amount.displayText))")
        #expect(invoices.first?.amount.displayText == "Rp 150.000")
        let sent = try await store.audit(limit: 50).filter { $0.operation == "payment" && $0.direction == .outgoing }
        #expect(sent.count == 1)
        #expect(sent.first?.requestBody.contains(#""value":"150000.00""#) == true, "\(sent.first?.requestBody ?? "none")")
        try await escape(tmux)
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
    }
}
