import Foundation
import KasirCore

/// The CLI's own words (`--help`, command abstracts): the English text is the key and
/// `CLICatalog.indonesian` holds its Indonesian. The language is `--lang` if given, else the
/// locale's name (`LANG=id_ID.UTF-8` is Indonesian), as the console chooses it.
enum CLIText {
    static let language: Language = {
        let arguments = CommandLine.arguments
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang="), let chosen = Language(parsing: String(argument.dropFirst(7))) { return chosen }
            if argument == "--lang", index + 1 < arguments.count, let chosen = Language(parsing: arguments[index + 1]) { return chosen }
        }
        return Language.fromLocale(ProcessInfo.processInfo.environment)
    }()

    /// `KASIR_MISSING_TEXT=1`: every English text without its Indonesian is named on stderr, so a
    /// test can prove from outside that every help text has one.
    static let reportMissing = ProcessInfo.processInfo.environment["KASIR_MISSING_TEXT"] == "1"
}

/// `english` in the CLI's language.
func t(_ english: String) -> String {
    guard CLIText.language == .indonesian else { return english }
    if let text = CLICatalog.indonesian[english] { return text }
    if CLIText.reportMissing { warn("kasir: no Indonesian for: " + english) }
    return english
}
