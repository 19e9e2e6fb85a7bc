/// Whether the terminal's text is UTF-8, from the locale variables' names (`LC_ALL`, then
/// `LC_CTYPE`, then `LANG`): a client's `id_ID.UTF-8` over SSH is UTF-8 even on a server where
/// only `C.UTF-8` is installed.
public enum TerminalEncoding {
    public static func isUTF8(_ environment: [String: String]) -> Bool {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let codeset = value.split(separator: ".", maxSplits: 1).dropFirst().first.map { $0.split(separator: "@").first.map(String.init) ?? "" } ?? ""
            return codeset.lowercased().replacingOccurrences(of: "-", with: "") == "utf8"
        }
        return false
    }
}
