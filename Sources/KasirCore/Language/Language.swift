/// The language kasir speaks to people: Indonesian for a cashier in Indonesia, English otherwise.
public enum Language: String, CaseIterable, Sendable, Equatable {
    case indonesian = "id"
    case english = "en"

    /// `id`, `en`, `indonesian`, `english`, `bahasa`, or a locale name such as `id_ID.UTF-8`.
    public init?(parsing text: String) {
        let lower = text.lowercased()
        switch lower {
        case "id", "ind", "indonesian", "indonesia", "bahasa", "bahasa indonesia": self = .indonesian
        case "en", "eng", "english": self = .english
        default:
            let base = lower.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." || $0 == "@" }).first.map(String.init) ?? ""
            guard base == "id" || base == "en" else { return nil }
            self = base == "id" ? .indonesian : .english
        }
    }

    /// The language the user's locale asks for, by the variables' names alone (whether or not that
    /// locale is installed): the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set; `id_*` is Indonesian.
    public static func fromLocale(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let base = value.lowercased().split(whereSeparator: { $0 == "_" || $0 == "." || $0 == "@" }).first.map(String.init)
            return base == "id" ? .indonesian : .english
        }
        return .english
    }
}
