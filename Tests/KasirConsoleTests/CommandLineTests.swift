import KasirCore
import Testing

@testable import KasirConsole

/// The `:` command line is read by a pure parser: what was typed, and nothing else.
@Suite struct CommandLineTests {
    @Test func commandsAreReadAsTyped() {
        #expect(ConsoleCommandLine.parse("") == nil)
        #expect(ConsoleCommandLine.parse("   ") == nil)
        #expect(ConsoleCommandLine.parse("q") == .success(.quit))
        #expect(ConsoleCommandLine.parse("pay") == .success(.pay(amount: nil)))
        // The amount goes to the form as typed, spaces and all: the form's rules refuse it there.
        #expect(ConsoleCommandLine.parse("pay 150 000") == .success(.pay(amount: "150 000")))
        #expect(ConsoleCommandLine.parse("refund INV-1 50.000") == .success(.refund(invoiceNumber: "INV-1", amount: "50.000")))
        #expect(ConsoleCommandLine.parse("refund INV-1") == .success(.refund(invoiceNumber: "INV-1", amount: nil)))
        #expect(ConsoleCommandLine.parse("status INV-1") == .success(.status(invoiceNumber: "INV-1")))
        #expect(ConsoleCommandLine.parse("THEME light") == .success(.theme("light")))
        #expect(ConsoleCommandLine.parse("find kopi susu") == .success(.find("kopi susu")))
        #expect(ConsoleCommandLine.parse("shift open Sari Dewi") == .success(.shift(.open(cashier: "Sari Dewi"))))
        #expect(ConsoleCommandLine.parse("shift x") == .success(.shift(.report)))
        #expect(ConsoleCommandLine.parse("resend INV-20261204-0001") == .success(.resend(invoiceNumber: "INV-20261204-0001")))
        #expect(ConsoleCommandLine.parse("resend") == .failure(.resendUsage))
        #expect(ConsoleCommandLine.parse("resend A B") == .failure(.resendUsage))
        #expect(ConsoleCommandLine.parse("shift close") == .success(.shift(.close)))
    }

    @Test func wrongLinesSayHowToWriteThem() {
        // `:refund INV 150 000` used to refund Rp 150 and drop the rest; now it is refused.
        #expect(ConsoleCommandLine.parse("refund INV-1 150 000") == .failure(.refundUsage))
        #expect(ConsoleCommandLine.parse("refund") == .failure(.refundUsage))
        #expect(ConsoleCommandLine.parse("status") == .failure(.statusUsage))
        #expect(ConsoleCommandLine.parse("shift open") == .failure(.shiftUsage))
        #expect(ConsoleCommandLine.parse("shift close now") == .failure(.shiftUsage))
        #expect(ConsoleCommandLine.parse("bayar 5000") == .failure(.unknown("bayar")))
        let text = ConsoleCommandLine.Problem.unknown("\u{1B}[2Jx").text(.indonesian, themes: [])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B } && text.contains("tidak dikenal"), "\(text)")
    }
}
