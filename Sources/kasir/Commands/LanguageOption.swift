import ArgumentParser
import Foundation
import KasirCore

/// `--lang id|en`, shared by every command that speaks to people: the flag, then the config's
/// `[console] language`, then the locale's name (`id_*` is Indonesian).
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: ArgumentHelp(t("Language: id (Bahasa Indonesia) or en (English). Default: [console] language, else LANG (id_* is Indonesian).")))
    var language: String?

    func validate() throws {
        if let language, Language(parsing: language) == nil {
            throw ValidationError(cliWords(.cliBadLang, language.cleanedForDisplay(limit: 20)))
        }
    }

    func words(configured: Language?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Words {
        Words(language.flatMap(Language.init(parsing:)) ?? configured ?? Language.fromLocale(environment))
    }
}
