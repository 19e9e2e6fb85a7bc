import DokuSNAP
import Foundation
import KasirCore

extension ConfigurationLoader {
    static func validate(_ raw: [String: String], relativeTo directory: URL, source: String, environment: [String: String], problems initial: [ConfigProblem]) throws(ConfigError) -> KasirConfiguration {
        var problems = initial
        var values: [String: String] = [:]
        for (key, fallback) in keys {
            if let value = raw[key] {
                values[key] = value
            } else if let fallback {
                values[key] = fallback
            } else {
                let variable = "KASIR_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
                problems.append(ConfigProblem(key, "is required; set it in the config file or with \(variable)"))
            }
        }
        func file(_ key: String) -> String {
            guard let value = values[key], !value.isEmpty else { return "" }
            let expanded = value.hasPrefix("~/") ? (environment["HOME"] ?? NSHomeDirectory()) + value.dropFirst(1) : value
            return expanded.hasPrefix("/") ? expanded : directory.appendingPathComponent(expanded).standardizedFileURL.path
        }

        var environmentValue = DokuEnvironment.sandbox
        switch values["doku.environment"] ?? "" {
        case "sandbox": environmentValue = .sandbox
        case "production": environmentValue = .production
        case "custom":
            let url = values["doku.base_url"] ?? ""
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), let host = parsed.host, !host.isEmpty {
                if parsed.scheme == "http", !Self.isLoopback(host) {
                    problems.append(ConfigProblem("doku.base_url", "is plain http:// to \(host.cleanedForDisplay(limit: 64)), which would send DOKU's tokens and signatures unencrypted; use https://, or http:// only for a loopback sandbox such as http://127.0.0.1:9000"))
                }
                environmentValue = .custom(url)
            } else {
                problems.append(ConfigProblem("doku.base_url", "must be an http(s) URL such as http://127.0.0.1:9000 when environment is custom"))
            }
        case let other:
            problems.append(ConfigProblem("doku.environment", "is '\(other.cleanedForDisplay(limit: 30))'; use sandbox, production or custom"))
        }
        let clientID = values["doku.client_id"] ?? ""
        if values["doku.client_id"] != nil, clientID.isEmpty || clientID.count > 64 || clientID.contains(where: { $0.isWhitespace }) {
            problems.append(ConfigProblem("doku.client_id", "must be DOKU's Client ID, e.g. BRN-0001-0000000000001"))
        }

        let (host, port) = parseListen(values["notifications.listen"] ?? "", &problems)
        // /metrics and /healthz: off, or an address of their own, never DOKU's.
        let metricsText = values["notifications.metrics_listen"] ?? ""
        var metrics: (host: String, port: Int)?
        if metricsText != "off" {
            let known = problems.count
            let parsed = parseListen(metricsText, &problems, key: "notifications.metrics_listen", example: "127.0.0.1:8788 (or off)")
            if problems.count == known, parsed == (host, port), port != 0 {
                problems.append(ConfigProblem("notifications.metrics_listen", "must differ from notifications.listen: DOKU's side must not expose /metrics; e.g. 127.0.0.1:8788, or off"))
            }
            metrics = parsed
        }
        for key in ["notifications.token_path", "notifications.notify_path"] {
            let path = values[key] ?? ""
            if !path.hasPrefix("/") || path.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" }) {
                problems.append(ConfigProblem(key, "must be a URL path such as /v1.0/debit/notify"))
            }
        }
        if values["notifications.token_path"] == values["notifications.notify_path"] {
            problems.append(ConfigProblem("notifications.notify_path", "must differ from token_path"))
        }
        let enabled = values["notifications.enabled"] ?? "true"
        if !["true", "false"].contains(enabled) { problems.append(ConfigProblem("notifications.enabled", "must be true or false")) }

        let scheme = NotificationSignatureScheme(rawValue: values["notifications.signature"] ?? "")
        if scheme == nil {
            problems.append(ConfigProblem("notifications.signature", "must be auto (either scheme), asymmetric (DOKU's RSA key) or symmetric (HMAC of the secret key)"))
        }
        let requireToken = values["notifications.require_token"] ?? "false"
        if !["true", "false"].contains(requireToken) { problems.append(ConfigProblem("notifications.require_token", "must be true or false")) }

        let deviceID = values["payment.device_id"] ?? ""
        do { try FieldRules.deviceID(deviceID, "payment.device_id") } catch { problems.append(ConfigProblem("payment.device_id", error.rule)) }
        let ip = values["payment.ip_address"].flatMap { $0.isEmpty ? nil : $0 }
        do { try FieldRules.ipv4(ip, "payment.ip_address") } catch { problems.append(ConfigProblem("payment.ip_address", error.rule)) }
        let returnURL = values["payment.return_url"].flatMap { $0.isEmpty ? nil : $0 }
        if let returnURL {
            do { try FieldRules.httpURL(returnURL, "payment.return_url", max: 255) } catch { problems.append(ConfigProblem("payment.return_url", error.rule)) }
        }
        let validFor = DurationText.parse(values["payment.valid_for"] ?? "")
        if validFor == nil || validFor! < 60 || validFor! > 7 * 86_400 {
            problems.append(ConfigProblem("payment.valid_for", "must be a duration between 1m and 7d, e.g. 15m, 1h30m or 900s"))
        }
        var confirmAbove = DeskConfiguration.defaultConfirmAbove
        switch AmountInput.parse(values["payment.confirm_above"] ?? "") {
        case .success(let money): confirmAbove = money
        case .failure(let error): problems.append(ConfigProblem("payment.confirm_above", "\(error); e.g. 1.000.000"))
        }
        let languageText = values["console.language"] ?? ""
        let language = languageText.isEmpty ? nil : Language(parsing: languageText)
        if !languageText.isEmpty, language == nil {
            problems.append(ConfigProblem("console.language", "is '\(languageText.cleanedForDisplay(limit: 30))'; use id (Bahasa Indonesia) or en (English), or leave it out to follow LANG"))
        }
        let bell = values["console.bell"] ?? "true"
        if !["true", "false"].contains(bell) { problems.append(ConfigProblem("console.bell", "must be true or false")) }
        let flash = values["console.flash"] ?? "false"
        if !["true", "false"].contains(flash) { problems.append(ConfigProblem("console.flash", "must be true or false")) }
        let clipboard = values["console.clipboard"] ?? "true"
        if !["true", "false"].contains(clipboard) { problems.append(ConfigProblem("console.clipboard", "must be true or false")) }
        let shopName = (values["shop.name"] ?? "").trimmingCharacters(in: .whitespaces)
        if (try? PaymentRules.text(shopName, max: 40)) == nil {
            problems.append(ConfigProblem("shop.name", "must be at most 40 characters of plain text, e.g. \"Toko Sejahtera\""))
        }
        let controlToken = values["sandbox.control_token"] ?? ""
        if !controlToken.isEmpty {
            if controlToken.count != 64 || !controlToken.allSatisfy(\.isHexDigit) {
                problems.append(ConfigProblem("sandbox.control_token", "must be the 64 hex digits `kasir sandbox` printed at start (or leave it out)"))
            } else if case .custom = environmentValue {
            } else {
                problems.append(ConfigProblem("sandbox.control_token", "is only for a kasir sandbox (doku.environment = \"custom\"); remove it"))
            }
        }
        let storeURL = values["store.url"].flatMap { $0.isEmpty ? nil : $0 }
        if let storeURL {
            if let problem = storeURLProblem(storeURL) { problems.append(ConfigProblem("store.url", problem)) }
        } else if !(values["store.password_file"] ?? "").isEmpty {
            problems.append(ConfigProblem("store.password_file", "is only used with store.url (a PostgreSQL store); remove it or set store.url"))
        }
        // The audit log's retention: a duration of at least a day, or forever.
        let retentionText = (values["store.audit_retention"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let retention = retentionText == "forever" ? nil : DurationText.parse(retentionText)
        if retentionText != "forever", retention.map({ $0 < 86_400 }) ?? true {
            problems.append(ConfigProblem("store.audit_retention", "must be how long to keep the audit log, at least a day, e.g. 365d or 90d, or forever"))
        }
        guard problems.isEmpty else { throw ConfigError(problems) }
        let store = file("store.path")
        return KasirConfiguration(
            environment: environmentValue, clientID: clientID, secretKeyFile: file("doku.secret_key_file"), privateKeyFile: file("doku.private_key_file"),
            dokuPublicKeyFile: file("doku.doku_public_key_file"), listenHost: host, listenPort: port,
            tokenPath: values["notifications.token_path"]!, notifyPath: values["notifications.notify_path"]!, receiverEnabled: enabled == "true",
            storePath: store.isEmpty ? defaultStorePath(environment: environment) : store, deviceID: deviceID,
            ipAddress: ip ?? TerminalAddress.ipv4(), returnURL: returnURL ?? defaultReturnURL(environmentValue, port: port),
            validFor: validFor ?? 900, source: source, notificationSignature: scheme ?? .auto, requireToken: requireToken == "true",
            confirmAbove: confirmAbove, storeURL: storeURL, storePasswordFile: file("store.password_file").isEmpty ? nil : file("store.password_file"),
            language: language, bell: bell == "true", flash: flash == "true", shopName: shopName.isEmpty ? nil : shopName,
            sandboxControlToken: controlToken.isEmpty ? nil : Secret(controlToken), metricsHost: metrics?.host, metricsPort: metrics?.port ?? 0,
            auditRetention: retention, clipboard: clipboard == "true")
    }

    /// 127.0.0.0/8, ::1 and localhost: addresses that never leave this machine.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// What is wrong with a PostgreSQL store URL, or nil. The password never goes in it.
    static func storeURLProblem(_ url: String) -> String? {
        let example = "postgresql://kasir@127.0.0.1:5432/kasir"
        guard let components = URLComponents(string: url), ["postgresql", "postgres"].contains(components.scheme ?? "") else {
            return "must be a PostgreSQL URL such as \(example) (leave it empty for the SQLite file at store.path)"
        }
        if components.password != nil {
            return "must not carry a password (anyone who can read the config would see it): put it in a 0600 file named by store.password_file, or in KASIR_STORE_PASSWORD"
        }
        if (components.host ?? "").isEmpty || (components.user ?? "").isEmpty || components.path.count < 2 {
            return "needs a user, a host and a database, e.g. \(example)"
        }
        return nil
    }

    /// DOKU needs a return URL (`urlParam`) in every DANA payment. Outside production kasir's own
    /// receiver serves one; production has no default, so `kasir config check` names the key and
    /// payments are refused until it is set.
    static func defaultReturnURL(_ environment: DokuEnvironment, port: Int) -> String? {
        environment.isProduction ? nil : "http://127.0.0.1:\(port)\(KasirConfiguration.returnPath)"
    }

    static func parseListen(_ text: String, _ problems: inout [ConfigProblem], key: String = "notifications.listen", example: String = "127.0.0.1:8787") -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            problems.append(ConfigProblem(key, "must be host:port, e.g. \(example)"))
            return ("127.0.0.1", 8787)
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { problems.append(ConfigProblem(key, "needs a host, e.g. \(example)")) }
        return (host, port)
    }
}

