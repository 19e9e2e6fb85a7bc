import Foundation
import Testing

@testable import TerminalUI

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes").path

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func everyShippedThemeParsesAndColoursEveryRole(name: String) throws {
        let loader = ThemeLoader(directories: [Self.themesDirectory])
        let (theme, error) = loader.load(name)
        #expect(error == nil)
        #expect(theme.name == name)
        for role in ThemeRole.allCases { #expect(theme.styles[role] != nil, "\(name) has no [\(role.rawValue)]") }
        #expect(theme[.statusPaid] != theme[.statusFailed])
    }

    @Test func lightPaintsItsOwnGroundSoItReadsOnADarkTerminal() {
        let (light, _) = ThemeLoader(directories: [Self.themesDirectory]).load("light")
        for role in ThemeRole.allCases { #expect(light[role].background != .default, "light's [\(role.rawValue)] shows the terminal's own background") }
        #expect(light[.dialog].background != light[.body].background, "a role's own bg stays its own")
    }

    @Test func installedThemesAreFoundBesideTheBinaryAndInTheDataDirectories() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-prefix-\(UUID().uuidString)")
        let shared = prefix.appendingPathComponent("share/kasir/themes")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: prefix) }
        // A name found nowhere else (the working directory's themes/ holds the shipped four).
        try FileManager.default.copyItem(atPath: Self.themesDirectory + "/mono.toml", toPath: shared.appendingPathComponent("counter-installed.toml").path)
        let empty = prefix.appendingPathComponent("nothing").path
        // Installed as PREFIX/bin/kasir, run from anywhere: PREFIX/share/kasir/themes is searched.
        let installed = ThemeLoader.standard(environment: ["HOME": empty, "XDG_DATA_DIRS": empty], executable: prefix.appendingPathComponent("bin/kasir").path)
        #expect(installed.load("counter-installed").1 == nil, "\(installed.directories)")
        // Or in a data directory (`$XDG_DATA_DIRS/kasir/themes`).
        let data = ThemeLoader.standard(environment: ["HOME": empty, "XDG_DATA_DIRS": prefix.appendingPathComponent("share").path], executable: "/nowhere/kasir")
        #expect(data.load("counter-installed").1 == nil)
        #expect(data.available().contains("counter-installed"))
    }

    @Test func theBuiltInDefaultIsTheShippedDefault() throws {
        let shipped = try String(contentsOfFile: Self.themesDirectory + "/default.toml", encoding: .utf8)
        #expect(try ThemeParser.parse(shipped, file: "default.toml") == Theme.builtIn)
    }

    @Test func brokenThemesSayFileLineAndWhatAndFallBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "name = \"bad\"\n[body]\nfg = \"chartreuse-ish\"\n".write(to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let (theme, error) = ThemeLoader(directories: [directory.path]).load("bad")
        #expect(theme == .builtIn)
        #expect(error?.line == 3)
        #expect(error?.description.contains("bad.toml:3") == true)
        #expect(error?.message.contains("#rrggbb") == true)
        #expect(ThemeLoader(directories: [directory.path]).load("missing").1 != nil)
        for (text, line) in [("[nonsense]", 1), ("[body]\nsparkle = true", 2), ("[body]\nbold = yes", 2), ("[body]\nfg = cyan", 2), ("[body", 1), ("bold = true", 1)] {
            do {
                _ = try ThemeParser.parse(text, file: "t.toml")
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.line == line, "\(text)")
            }
        }
    }

    @Test func coloursParseAndMapDown() throws {
        #expect(try ThemeParser.color("#1e90ff", file: "", line: 0) == .rgb(0x1E, 0x90, 0xFF))
        #expect(try ThemeParser.color("214", file: "", line: 0) == .indexed(214))
        #expect(try ThemeParser.color("bright-red", file: "", line: 0) == .ansi(9))
        #expect(Color.rgb(255, 0, 0).mapped(to: .indexed256) == .indexed(196))
        #expect(Color.rgb(255, 0, 0).mapped(to: .ansi16) == .ansi(9))
        #expect(Color.rgb(255, 0, 0).mapped(to: .ansi8) == .ansi(1))
        #expect(Color.rgb(18, 18, 18).mapped(to: .indexed256) == .indexed(233))
        #expect(Color.indexed(196).mapped(to: .ansi16) == .ansi(9))
        #expect(Color.ansi(12).mapped(to: .ansi8) == .ansi(4))
        #expect(Color.rgb(1, 2, 3).mapped(to: .truecolor) == .rgb(1, 2, 3))
        #expect(Color.cyan.mapped(to: .none) == .default)
    }

    @Test func noColorTurnsColourOffButKeepsAttributes() {
        #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": ""]) == .indexed256)
        #expect(ColorDepth.detect(colors: 256, environment: ["COLORTERM": "truecolor"]) == .truecolor)
        #expect(ColorDepth.detect(colors: 8, environment: [:]) == .ansi8)
        let plain = Theme.builtIn.mapped(to: .none)
        #expect(plain[.statusPaid].foreground == .default)
        #expect(plain[.statusPaid].bold)
        #expect(plain[.statusUnknown].underline)
    }
}
