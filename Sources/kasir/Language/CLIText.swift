import Foundation
import KasirConfig
import KasirCore

/// The CLI's own words (`--help`, command abstracts): the English text is the key and
/// `CLICatalog.indonesian` holds its Indonesian. The language is `--lang` if given, else the
/// config's `[console] language`, else the locale's name (`LANG=id_ID.UTF-8` is Indonesian),
/// as the console chooses it.
enum CLIText {
    static let language: Language = {
        let arguments = CommandLine.arguments
        let environment = ProcessInfo.processInfo.environment
        func value(of flag: String) -> String? {
            for (index, argument) in arguments.enumerated() {
                if argument.hasPrefix(flag + "=") { return String(argument.dropFirst(flag.count + 1)) }
                if argument == flag, index + 1 < arguments.count { return arguments[index + 1] }
            }
            return nil
        }
        if let chosen = value(of: "--lang").flatMap(Language.init(parsing:)) { return chosen }
        if let configured = ConfigurationLoader.configuredLanguage(path: value(of: "--config"), environment: environment) { return configured }
        return Language.fromLocale(environment)
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
