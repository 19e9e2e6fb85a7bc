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
                problems.append(ConfigProblem(key, .configRequired, variable))
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
                    problems.append(ConfigProblem("doku.base_url", .configPlainHTTP, host.cleanedForDisplay(limit: 64)))
                }
                environmentValue = .custom(url)
            } else {
                problems.append(ConfigProblem("doku.base_url", .configBaseURL))
            }
        case let other:
            problems.append(ConfigProblem("doku.environment", .configEnvironment, other.cleanedForDisplay(limit: 30)))
        }
        let clientID = values["doku.client_id"] ?? ""
        if values["doku.client_id"] != nil, clientID.isEmpty || clientID.count > 64 || clientID.contains(where: { $0.isWhitespace }) {
            problems.append(ConfigProblem("doku.client_id", .configClientID))
        }

        let (host, port) = parseListen(values["notifications.listen"] ?? "", &problems)
        // /metrics and /healthz: off, or an address of their own, never DOKU's.
        let metricsText = values["notifications.metrics_listen"] ?? ""
        var metrics: (host: String, port: Int)?
        if metricsText != "off" {
            let known = problems.count
            let parsed = parseListen(metricsText, &problems, key: "notifications.metrics_listen", example: "127.0.0.1:8788 (or off)")
            if problems.count == known, parsed == (host, port), port != 0 {
                problems.append(ConfigProblem("notifications.metrics_listen", .configMetricsSame))
            }
            metrics = parsed
        }
        for key in ["notifications.token_path", "notifications.notify_path"] {
            let path = values[key] ?? ""
            if !path.hasPrefix("/") || path.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" }) {
                problems.append(ConfigProblem(key, .configURLPath))
            }
        }
        if values["notifications.token_path"] == values["notifications.notify_path"] {
            problems.append(ConfigProblem("notifications.notify_path", .configNotifyPathSame))
        }
        let enabled = values["notifications.enabled"] ?? "true"
        if !["true", "false"].contains(enabled) { problems.append(ConfigProblem("notifications.enabled", .configTrueFalse)) }

        let scheme = NotificationSignatureScheme(rawValue: values["notifications.signature"] ?? "")
        if scheme == nil {
            problems.append(ConfigProblem("notifications.signature", .configSignature))
        }
        let requireToken = values["notifications.require_token"] ?? "false"
        if !["true", "false"].contains(requireToken) { problems.append(ConfigProblem("notifications.require_token", .configTrueFalse)) }

        let deviceID = values["payment.device_id"] ?? ""
        do { try PaymentRules.deviceID(deviceID) } catch { problems.append(ConfigProblem("payment.device_id") { $0.problem(error) }) }
        let ip = values["payment.ip_address"].flatMap { $0.isEmpty ? nil : $0 }
        do { try PaymentRules.ipAddress(ip) } catch { problems.append(ConfigProblem("payment.ip_address") { $0.problem(error) }) }
        let returnURL = values["payment.return_url"].flatMap { $0.isEmpty ? nil : $0 }
        if let returnURL {
            do { _ = try PaymentRules.returnURL(returnURL) } catch { problems.append(ConfigProblem("payment.return_url") { $0.problem(error) }) }
        }
        let validFor = DurationText.parse(values["payment.valid_for"] ?? "")
        if validFor == nil || validFor! < 60 || validFor! > 7 * 86_400 {
            problems.append(ConfigProblem("payment.valid_for", .configValidFor))
        }
        var confirmAbove = DeskConfiguration.defaultConfirmAbove
        switch AmountInput.parse(values["payment.confirm_above"] ?? "") {
        case .success(let money): confirmAbove = money
        case .failure(let error): problems.append(ConfigProblem("payment.confirm_above") { $0(.configConfirmAbove, $0.amountProblem(error)) })
        }
        let languageText = values["console.language"] ?? ""
        let language = languageText.isEmpty ? nil : Language(parsing: languageText)
        if !languageText.isEmpty, language == nil {
            problems.append(ConfigProblem("console.language", .configLanguage, languageText.cleanedForDisplay(limit: 30)))
        }
        let bell = values["console.bell"] ?? "true"
        if !["true", "false"].contains(bell) { problems.append(ConfigProblem("console.bell", .configTrueFalse)) }
        let flash = values["console.flash"] ?? "false"
        if !["true", "false"].contains(flash) { problems.append(ConfigProblem("console.flash", .configTrueFalse)) }
        let clipboard = values["console.clipboard"] ?? "true"
        if !["true", "false"].contains(clipboard) { problems.append(ConfigProblem("console.clipboard", .configTrueFalse)) }
        let shopName = (values["shop.name"] ?? "").trimmingCharacters(in: .whitespaces)
        if (try? PaymentRules.text(shopName, max: 40)) == nil {
            problems.append(ConfigProblem("shop.name", .configShopName))
        }
        let controlToken = values["sandbox.control_token"] ?? ""
        if !controlToken.isEmpty {
            if controlToken.count != 64 || !controlToken.allSatisfy(\.isHexDigit) {
                problems.append(ConfigProblem("sandbox.control_token", .configControlToken))
            } else if case .custom = environmentValue {
            } else {
                problems.append(ConfigProblem("sandbox.control_token", .configControlTokenNotSandbox))
            }
        }
        let storeURL = values["store.url"].flatMap { $0.isEmpty ? nil : $0 }
        if let storeURL {
            if let problem = storeURLProblem(storeURL) { problems.append(ConfigProblem("store.url", problem.0, problem.1)) }
        } else if !(values["store.password_file"] ?? "").isEmpty {
            problems.append(ConfigProblem("store.password_file", .configPasswordFile))
        }
        // The audit log's retention: a duration of at least a day, or forever.
        let retentionText = (values["store.audit_retention"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let retention = retentionText == "forever" ? nil : DurationText.parse(retentionText)
        if retentionText != "forever", retention.map({ $0 < 86_400 }) ?? true {
            problems.append(ConfigProblem("store.audit_retention", .configRetention))
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

    /// What is wrong with a PostgreSQL store URL (a phrase and its example), or nil. The
    /// password never goes in it.
    static func storeURLProblem(_ url: String) -> (Phrase, String)? {
        let example = "postgresql://kasir@127.0.0.1:5432/kasir"
        guard let components = URLComponents(string: url), ["postgresql", "postgres"].contains(components.scheme ?? "") else {
            return (.configStoreURL, example)
        }
        if components.password != nil {
            return (.configStoreURLPassword, example)
        }
        if (components.host ?? "").isEmpty || (components.user ?? "").isEmpty || components.path.count < 2 {
            return (.configStoreURLParts, example)
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
            problems.append(ConfigProblem(key, .configHostPort, example))
            return ("127.0.0.1", 8787)
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { problems.append(ConfigProblem(key, .configNeedsHost, example)) }
        return (host, port)
    }
}

