import ArgumentParser
import Foundation
import KasirCore

/// kasir: a terminal merchant console for DOKU's DANA one-time payments.
@main
struct Kasir: AsyncParsableCommand {
    /// Parses and runs; usage errors exit 2 (bad input), like every other input problem.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // As ArgumentParser's `exit(withError:)` does, but in the CLI's language.
            let code = exitCode(for: error)
            let message = ParserWords.translate(fullMessage(for: error), to: CLIText.language)
            if code == .validationFailure {
                warn(message)
                Foundation.exit(2)
            }
            if !message.isEmpty {
                if code == .success { say(message) } else { warn(message) }
            }
            Foundation.exit(code.rawValue)
        }
    }

    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "kasir",
        abstract: t("A terminal merchant console for DOKU's DANA one-time payments."),
        discussion: t(
            "kasir asks DOKU (SNAP API) for a DANA payment, shows the customer the payment link as a QR code, receives DOKU's notification when the customer has paid, and refunds."
        ) + "\n" + t("`kasir sandbox` runs a local DOKU stand-in so everything works offline."),
        version: version,
        subcommands: [
            ConsoleCommand.self, DemoCommand.self, PayCommand.self, StatusCommand.self, RefundCommand.self, InvoicesCommand.self, ReconcileCommand.self, ListenCommand.self, LogsCommand.self,
            DisplayCommand.self, ShiftCommand.self, ReportCommand.self, ReceiptCommand.self, SandboxCommand.self, ConfigCommand.self, InitCommand.self, StoreCommand.self, GalleryCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}
