import DokuSNAP
import Foundation
import KasirCore
import TerminalUI
import Testing

@testable import KasirConsole

/// The customer's screen as a function of the terminal's newest sale.
@Suite struct CustomerDisplayTests {
    @Test func idleThenPayingThenThanksThenIdle() {
        #expect(CustomerDisplay.screen(newest: nil, now: fixedNow) == .idle)
        var sale = invoice("INV-1", status: .awaitingPayment)
        #expect(CustomerDisplay.screen(newest: sale, now: fixedNow) == .paying(sale))
        #expect(CustomerDisplay.screen(newest: sale, now: sale.validUpTo.addingTimeInterval(1)) == .idle, "an expired link is not offered")
        sale.webRedirectUrl = nil
        #expect(CustomerDisplay.screen(newest: sale, now: fixedNow) == .idle, "nothing to scan, nothing shown")
        var paid = invoice("INV-2", status: .paid)
        paid.paidAt = fixedNow
        #expect(CustomerDisplay.screen(newest: paid, now: fixedNow.addingTimeInterval(5)) == .thanks(paid))
        #expect(CustomerDisplay.screen(newest: paid, now: fixedNow.addingTimeInterval(CustomerDisplay.thanksFor + 1)) == .idle)
        #expect(CustomerDisplay.screen(newest: invoice("INV-3", status: .failed), now: fixedNow) == .idle)
    }

    @Test(arguments: [Words.english, .indonesian]) func everyScreenDrawsAtEverySize(words: Words) {
        let sale = invoice("INV-1", status: .awaitingPayment)
        var paid = invoice("INV-2", status: .paid)
        paid.paidAt = fixedNow
        for screen in [CustomerScreen.idle, .paying(sale), .thanks(paid)] {
            for (width, height) in [(20, 8), (80, 24), (120, 40), (200, 60)] {
                var buffer = Buffer(width: width, height: height)
                CustomerDisplay.render(screen, code: QRScreen(invoice: sale).matrix, shop: "Toko Sejahtera", words: words, now: fixedNow, unicode: true, theme: .builtIn, into: &buffer)
                let text = buffer.lines.joined(separator: "\n")
                if case .paying = screen, width >= 80 { #expect(text.contains(words(.qrScanWithDana)), "\(width)x\(height)") }
                if case .thanks = screen, width >= 80 { #expect(text.contains(words(.displayPaid, "Rp 150.000")), "\(width)x\(height):\n\(text)") }
                expectNoPhraseKeys(buffer)
            }
        }
    }
}
