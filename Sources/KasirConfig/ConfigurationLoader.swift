import DokuSNAP
import Foundation
import KasirCore
import TOMLKit

/// Reads `config.toml` (from `KASIR_CONFIG`, or `$XDG_CONFIG_HOME/kasir/config.toml`), applies
/// `KASIR_<SECTION>_<KEY>` environment variables and flag overrides, and validates the result.
public enum ConfigurationLoader {
    /// Every key kasir knows, as `section.key`, with its default (nil: required).
    public static let keys: [(String, String?)] = [
        ("doku.environment", "sandbox"), ("doku.base_url", ""), ("doku.client_id", nil), ("doku.secret_key_file", nil),
        ("doku.private_key_file", nil), ("doku.doku_public_key_file", nil),
        ("notifications.listen", "127.0.0.1:8787"), ("notifications.token_path", DokuPaths.accessToken),
        ("notifications.notify_path", DokuPaths.notify), ("notifications.enabled", "true"), ("notifications.signature", "auto"),
        ("notifications.require_token", "false"), ("notifications.metrics_listen", "127.0.0.1:8788"),
        ("store.path", ""), ("store.url", ""), ("store.password_file", ""), ("store.audit_retention", "365d"), ("payment.device_id", "KASIR01"), ("payment.ip_address", ""), ("payment.return_url", ""),
        ("payment.valid_for", "15m"), ("payment.confirm_above", "1.000.000"),
        ("console.language", ""), ("console.bell", "true"), ("console.flash", "false"), ("console.clipboard", "true"), ("shop.name", ""),
        ("sandbox.control_token", ""),
    ]

    /// The config file path: `KASIR_CONFIG`, else `$XDG_CONFIG_HOME/kasir/config.toml`, else `~/.config/kasir/config.toml`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["KASIR_CONFIG"], !path.isEmpty { return path }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/kasir/config.toml"
    }

    /// The default database: `$XDG_DATA_HOME/kasir/kasir.sqlite`.
    public static func defaultStorePath(environment: [String: String]) -> String {
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return base + "/kasir/kasir.sqlite"
    }

    /// Loads and validates. `overrides` use `section.key` names (from command-line flags).
    public static func load(path explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment, overrides: [String: String] = [:]) throws(ConfigError) -> KasirConfiguration {
        let path = explicitPath ?? defaultPath(environment: environment)
        var values: [String: String] = [:]
        var problems: [ConfigProblem] = []
        let fileExists = FileManager.default.fileExists(atPath: path)
        if fileExists {
            problems += FilePermissions.checkConfig(path)
            do {
                values = try parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
            } catch let error as ConfigError {
                throw error
            } catch {
                throw ConfigError([ConfigProblem(path, .configUnreadable, error.localizedDescription)])
            }
        } else if explicitPath != nil || environment["KASIR_CONFIG"] != nil {
            throw ConfigError([ConfigProblem(path, .configMissing, path)])
        }
        for (key, _) in keys {
            let variable = "KASIR_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
            if let value = environment[variable] { values[key] = value }
        }
        for (key, value) in overrides { values[key] = value }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        return try validate(values, relativeTo: directory, source: fileExists ? path : "environment", environment: environment, problems: problems)
    }

    /// Parses the TOML text into `section.key` strings, refusing unknown sections and keys.
    static func parse(_ text: String, file: String) throws(ConfigError) -> [String: String] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError([ConfigProblem("\(file):\(error.source.begin.line)", .configNotTOMLAt, error.description)])
        } catch {
            throw ConfigError([ConfigProblem(file, .configNotTOML)])
        }
        let known = Set(keys.map(\.0))
        var values: [String: String] = [:]
        var problems: [ConfigProblem] = []
        for section in table.keys {
            guard let inner = table[section]?.table else {
                problems.append(ConfigProblem(section, .configNotSection, section))
                continue
            }
            for key in inner.keys {
                let name = "\(section).\(key)"
                guard known.contains(name) else {
                    let hint = known.filter { $0.hasPrefix(section + ".") }.sorted().joined(separator: ", ")
                    problems.append(hint.isEmpty ? ConfigProblem(name, .configUnknownKey) : ConfigProblem(name, .configUnknownKeyHint, section, hint))
                    continue
                }
                guard let value = inner[key] else { continue }
                if let string = value.string {
                    values[name] = string
                } else if let int = value.int {
                    values[name] = String(int)
                } else if let bool = value.bool {
                    values[name] = String(bool)
                } else {
                    problems.append(ConfigProblem(name, .configBadValueType))
                }
            }
        }
        guard problems.isEmpty else { throw ConfigError(problems) }
        return values
    }
}

extension ConfigurationLoader {
    /// `[console] language` (or `KASIR_CONSOLE_LANGUAGE`) as set, without loading the rest: the
    /// CLI chooses its language before anything else, and a config with other problems still
    /// says them in the shop's language. Nil when unset or unreadable.
    public static func configuredLanguage(path explicitPath: String?, environment: [String: String]) -> Language? {
        if let value = environment["KASIR_CONSOLE_LANGUAGE"], !value.isEmpty { return Language(parsing: value) }
        let path = explicitPath ?? defaultPath(environment: environment)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let values = try? parse(text, file: path) else { return nil }
        return values["console.language"].flatMap { $0.isEmpty ? nil : Language(parsing: $0) }
    }
}
