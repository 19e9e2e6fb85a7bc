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
            // ArgumentParser's own words too: its headings and the help and version lines.
            for word in ["OVERVIEW:", "USAGE:", "OPTIONS:", "SUBCOMMANDS:", "ARGUMENTS:", "Show help information.", "Show the version.", "(default"] {
                #expect(!indonesian.stdout.contains(word), "\(name) --help in Indonesian still says \(word)")
            }
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

/// What the CLI says to a cashier, in the cashier's language: results, labels and mistakes.
@Suite(.serialized) struct CLILanguageTests {
    static let indonesian = ["LANG": "id_ID.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""]

    @Test func aCashierWithAnIndonesianLocaleReadsIndonesian() async throws {
        let setup = try await CLISetup.start()
        defer { Task { await setup.stop() } }
        let paid = try await setup.run(["pay", "--amount", "12.500"], environment: Self.indonesian)
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.stdout.contains("Rp 12.500") && paid.stdout.contains("MENUNGGU"), "\(paid.stdout)")
        let number = try #require(paid.stdout.split(separator: " ").first.map(String.init))
        let status = try await setup.run(["status", number, "--offline"], environment: Self.indonesian)
        #expect(status.stdout.contains("berlaku s.d.:") && status.stdout.contains("tautan:"), "\(status.stdout)")
        let english = try await setup.run(["status", number, "--offline"], environment: ["LANG": "C.UTF-8"])
        #expect(english.stdout.contains("valid to:") && english.stdout.contains("AWAITING"), "\(english.stdout)")

        // Mistakes are explained in Indonesian, and --lang overrides the locale.
        let cents = try await setup.run(["pay", "--amount", "1.5"], environment: Self.indonesian)
        #expect(cents.status == 2)
        #expect(cents.stderr.contains("--amount 1.5:") && !cents.stderr.contains("did you mean"), "\(cents.stderr)")
        let chosen = try await setup.run(["pay", "--amount", "1.5", "--lang", "en"], environment: Self.indonesian)
        #expect(chosen.stderr.contains("did you mean"), "\(chosen.stderr)")
        // ArgumentParser's own refusals, in Indonesian: a forgotten --amount, an unknown flag.
        let forgotten = try await setup.run(["pay"], environment: Self.indonesian)
        #expect(forgotten.status == 2, "\(forgotten.stderr)")
        #expect(forgotten.stderr.contains("Galat: argumen wajib belum diberikan: '--amount <amount>'") && forgotten.stderr.contains("Penggunaan: kasir pay"), "\(forgotten.stderr)")
        #expect(!forgotten.stderr.contains("Error:") && !forgotten.stderr.contains("Usage:"), "\(forgotten.stderr)")
        let unknown = try await setup.run(["pay", "--amount", "5000", "--jumlah", "5"], environment: Self.indonesian)
        #expect(unknown.status == 2 && unknown.stderr.contains("opsi tidak dikenal: '--jumlah'"), "\(unknown.stderr)")
        let englishForgotten = try await setup.run(["pay"], environment: ["LANG": "C.UTF-8"])
        #expect(englishForgotten.stderr.contains("Error: Missing expected argument"), "\(englishForgotten.stderr)")
        let limit = try await setup.run(["invoices", "--limit", "0"], environment: Self.indonesian)
        #expect(limit.status == 2 && limit.stderr.contains("--limit harus antara 1 dan 10000"), "\(limit.stderr)")
        let none = try await setup.run(["invoices", "--search", "TIDAK-ADA"], environment: Self.indonesian)
        #expect(none.stdout.contains("tidak ada tagihan"), "\(none.stdout)")

        // Ops' commands speak it too: config check's report, logs finding nothing.
        let check = try await setup.run(["config", "check"], environment: Self.indonesian)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("konfigurasi: ") && check.stdout.contains("  kunci:         secret, kunci privat merchant"), "\(check.stdout)")
        #expect(check.stdout.contains("  penyimpanan:   ") && !check.stdout.contains("keys:"), "\(check.stdout)")
        let englishCheck = try await setup.run(["config", "check"], environment: ["LANG": "C.UTF-8"])
        #expect(englishCheck.stdout.contains("  keys:          secret, merchant private key"), "\(englishCheck.stdout)")
        // The online check's findings too: DOKU issued a token, but the URL registered at DOKU is wrong.
        let online = try await setup.run(["config", "check", "--online", "--notify-url", "http://127.0.0.1:1/salah"], environment: Self.indonesian)
        #expect(online.status == 1, "\(online.stdout)\(online.stderr)")
        #expect(online.stdout.contains("menerbitkan token B2B") && online.stdout.contains("masalah: DOKU akan mengirim ke /salah"), "\(online.stdout)")
        #expect(online.stdout.contains("masalah: port URL-nya 1"), "\(online.stdout)")

        // A mistake in the config file, explained in Indonesian with how to fix it.
        let broken = setup.directory.appendingPathComponent("broken.toml").path
        let original = try String(contentsOfFile: setup.configPath, encoding: .utf8)
        try (original + "\n[console]\nbell = \"mungkin\"\n").write(toFile: broken, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: broken)
        let refused = try await kasir(["config", "check", "--config", broken], environment: Self.indonesian)
        #expect(refused.status == 2 && refused.stderr.contains("konfigurasi kasir bermasalah:"), "\(refused.stderr)")
        #expect(refused.stderr.contains("console.bell: harus true atau false"), "\(refused.stderr)")
        let refusedInEnglish = try await kasir(["config", "check", "--config", broken], environment: ["LANG": "C.UTF-8"])
        #expect(refusedInEnglish.stderr.contains("console.bell: must be true or false"), "\(refusedInEnglish.stderr)")
        let logs = try await setup.run(["logs", "--invoice", number], environment: Self.indonesian)
        #expect(logs.stdout.contains("→ pembayaran \(number) HTTP 200 2005400") && logs.stdout.contains("berhasil"), "\(logs.stdout)")
        let englishLogs = try await setup.run(["logs", "--invoice", number], environment: ["LANG": "C.UTF-8"])
        #expect(englishLogs.stdout.contains("→ payment \(number) HTTP 200 2005400") && englishLogs.stdout.contains("success"), "\(englishLogs.stdout)")
        let nothing = try await setup.run(["logs", "--invoice", "TIDAK-ADA"], environment: Self.indonesian)
        #expect(nothing.stderr.contains("tidak ada pertukaran yang cocok"), "\(nothing.stderr)")

        // Going live in Indonesian too: kasir init explains what it needs.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-init-id-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let initialized = try await kasir(["init", "--config", directory.appendingPathComponent("config.toml").path], environment: Self.indonesian)
        #expect(initialized.status == 2 && initialized.stderr.contains("bukan terminal"), "\(initialized.stderr)")

        // The shop's [console] language speaks for the CLI too, whatever the SSH client's LANG.
        let config = try String(contentsOfFile: setup.configPath, encoding: .utf8)
        try (config + "\n[console]\nlanguage = \"id\"\n").write(toFile: setup.configPath, atomically: true, encoding: .utf8)
        let configured = try await setup.run(["status", number, "--offline"], environment: ["LANG": "C.UTF-8"])
        #expect(configured.stdout.contains("berlaku s.d.:"), "\(configured.stdout)\(configured.stderr)")
    }
}
