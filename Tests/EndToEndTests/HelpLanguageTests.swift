import Foundation
import Testing

/// `kasir … --help` in both languages: every command's help (found by walking the
/// subcommands, so a new command is covered without being listed here) has its Indonesian.
@Suite struct HelpLanguageTests {
    static func subcommands(_ help: String) -> [String] {
        guard let range = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[range.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func everyCommandsHelpIsInIndonesianAndEnglish() async throws {
        var paths: [[String]] = [[]]
        var index = 0
        var checked = 0
        while index < paths.count {
            let path = paths[index]
            index += 1
            let indonesian = try await kasir(path + ["--help"], environment: ["LANG": "id_ID.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "KASIR_MISSING_TEXT": "1"])
            let english = try await kasir(path + ["--help"], environment: ["LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
            let name = "kasir " + path.joined(separator: " ")
            #expect(indonesian.status == 0 && english.status == 0, "\(name)")
            #expect(indonesian.stderr.isEmpty, "\(name) --help has English without Indonesian:\n\(indonesian.stderr)")
            #expect(indonesian.stdout != english.stdout, "\(name) --help is the same in both languages")
            // --lang chooses too, whatever the locale.
            if path.isEmpty {
                let chosen = try await kasir(["--help", "--lang", "id"], environment: ["LANG": "C.UTF-8"])
                #expect(chosen.stdout.contains("Konsol kasir"), "\(chosen.stdout.prefix(200))")
            }
            checked += 1
            paths += Self.subcommands(english.stdout).filter { $0 != "help" }.map { path + [$0] }
        }
        #expect(checked >= 25, "every command and subcommand: \(checked)")
    }
}
