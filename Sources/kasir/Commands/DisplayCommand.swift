import ArgumentParser
import DokuSNAP
import Foundation
import KasirConfig
import KasirConsole
import KasirCore
import NcursesTerminal
import TerminalUI

/// `kasir display`: the customer's screen for one terminal (a second monitor, a tablet over SSH).
struct DisplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "display",
        abstract: t("The customer display (layar pelanggan) for one terminal: the amount and QR code of its sale, then the thanks. Changes nothing."))

    @OptionGroup var config: ConfigOptions

    @Option(help: ArgumentHelp(t("The terminal (device id) to follow; default: [payment] device_id.")))
    var terminal: String?

    @OptionGroup var language: LanguageOption

    @Option(help: ArgumentHelp(t("Theme name: default, light, high-contrast, mono.")))
    var theme = "default"

    func validate() throws {
        if let terminal {
            do { try PaymentRules.deviceID(terminal) } catch { throw ValidationError("--terminal " + cliWords.problem(error)) }
        }
    }

    @MainActor
    func run() async throws {
        let runtime: MerchantRuntime
        do { runtime = try await MerchantRuntime.open(try config.load()) } catch { throw KasirExit.fail(error) }
        do {
            let configuration = runtime.configuration
            let words = language.words(configured: configuration.language)
            let followed = terminal ?? configuration.deviceID
            let shop = configuration.shopName ?? configuration.clientID
            let screen: NcursesTerminal
            do { screen = try NcursesTerminal.start() } catch { throw KasirExit.fail(ValidationError("\(error)")) }
            defer { screen.stop() }
            let palette = ThemeLoader.standard().load(theme).0.mapped(to: screen.colorDepth)
            var newest: Invoice?
            // The paying sale's code, encoded once per sale, not on every frame.
            var code: QRScreen?
            var lastRead = Date.distantPast
            var lastDrawn: Buffer?
            while true {
                // Only quitting: the customer's screen has no key that changes anything.
                var quit = false
                while let key = screen.readKey() { if key == .character("q") || key == .ctrl("c") { quit = true } }
                if quit { break }
                let now = Date()
                if now.timeIntervalSince(lastRead) >= 0.5 {
                    lastRead = now
                    // This terminal's sales only: another counter's never show here.
                    if let found = try? await runtime.store.invoices(InvoiceQuery(terminal: followed, limit: 1)) { newest = found.first }
                }
                let shown = CustomerDisplay.screen(newest: newest, now: now)
                if case .paying(let invoice) = shown, code?.invoice.number != invoice.number || code?.invoice.webRedirectUrl != invoice.webRedirectUrl {
                    code = QRScreen(invoice: invoice)
                }
                var buffer = Buffer(width: screen.width, height: screen.height)
                CustomerDisplay.render(shown, code: code?.matrix, shop: shop, words: words, now: now, unicode: screen.unicode, theme: palette, into: &buffer)
                if buffer != lastDrawn {
                    screen.draw(buffer, cursor: nil)
                    lastDrawn = buffer
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        await runtime.shutdown()
    }
}
