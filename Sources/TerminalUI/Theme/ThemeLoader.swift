import Foundation

/// Finds and reads themes: the user's `$XDG_CONFIG_HOME/kasir/themes/<name>.toml` first, then the
/// shipped `themes/` folder. A broken or missing theme falls back to the built-in default with the
/// error kept for the caller to show.
public struct ThemeLoader: Sendable {
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The usual places, first found wins: the user's themes (`$XDG_CONFIG_HOME/kasir/themes`),
    /// the data directories (`$XDG_DATA_HOME`, then each of `$XDG_DATA_DIRS`, `/kasir/themes`),
    /// `share/kasir/themes` and `themes/` beside the installed binary (`make install`), then the
    /// working directory's and the repository's `themes/` (running from `.build/<config>/kasir`).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment, executable: String = CommandLine.arguments.first ?? "") -> ThemeLoader {
        func variable(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let home = environment["HOME"] ?? NSHomeDirectory()
        var directories = [(variable("XDG_CONFIG_HOME") ?? home + "/.config") + "/kasir/themes", (variable("XDG_DATA_HOME") ?? home + "/.local/share") + "/kasir/themes"]
        directories += (variable("XDG_DATA_DIRS") ?? "/usr/local/share:/usr/share").split(separator: ":").map { $0 + "/kasir/themes" }
        let binary = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        directories.append(binary.deletingLastPathComponent().appendingPathComponent("share/kasir/themes").path)
        directories.append(FileManager.default.currentDirectoryPath + "/themes")
        var url = binary
        for _ in 0..<4 {
            directories.append(url.appendingPathComponent("themes").path)
            url = url.deletingLastPathComponent()
        }
        var seen = Set<String>()
        return ThemeLoader(directories: directories.filter { seen.insert($0).inserted })
    }

    /// Names of the themes found, the shipped four first.
    public func available() -> [String] {
        var names: [String] = []
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files.sorted() where file.hasSuffix(".toml") {
                let name = String(file.dropLast(5))
                if !names.contains(name) { names.append(name) }
            }
        }
        let shipped = ["default", "light", "high-contrast", "mono"]
        return shipped.filter { names.contains($0) || $0 == "default" } + names.filter { !shipped.contains($0) }
    }

    /// The named theme, or the built-in default and the reason it could not be used.
    public func load(_ name: String) -> (Theme, ThemeError?) {
        for directory in directories {
            let path = directory + "/" + name + ".toml"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                return (try ThemeParser.parse(text, file: path), nil)
            } catch let error as ThemeError {
                return (.builtIn, error)
            } catch {
                return (.builtIn, ThemeError(file: path, line: 0, message: "cannot be read"))
            }
        }
        if name == "default" { return (.builtIn, nil) }
        return (.builtIn, ThemeError(file: name + ".toml", line: 0, message: "no such theme in \(directories.prefix(2).joined(separator: " or "))"))
    }
}
