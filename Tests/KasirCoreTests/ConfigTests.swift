import DokuSNAP
import Foundation
import Testing

@testable import KasirConfig
import KasirCore

@Suite struct ConfigTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try? FileManager.default.removeItem(atPath: path)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        return path
    }

    static let valid = """
        [doku]
        environment = "custom"
        base_url = "http://127.0.0.1:9000"
        client_id = "BRN-0001-0000000000001"
        secret_key_file = "secret-key"
        private_key_file = "merchant-private.pem"
        doku_public_key_file = "doku-public.pem"

        [notifications]
        listen = "127.0.0.1:8787"

        [store]
        path = "kasir.sqlite"

        [payment]
        valid_for = "30m"
        """

    @Test func loadsAValidFileWithRelativePaths() throws {
        let path = try write("config.toml", Self.valid)
        let config = try ConfigurationLoader.load(path: path, environment: [:])
        #expect(config.environment == .custom("http://127.0.0.1:9000"))
        #expect(config.secretKeyFile == directory.appendingPathComponent("secret-key").path)
        #expect(config.storePath == directory.appendingPathComponent("kasir.sqlite").path)
        #expect(config.listenPort == 8787)
        #expect(config.validFor == 1800)
        #expect(config.notifyPath == "/v1.0/debit/notify")
    }

    @Test func aPostgreSQLStoreURLIsCheckedAndNeverHoldsThePassword() throws {
        let path = try write("config.toml", Self.valid)
        #expect(try ConfigurationLoader.load(path: path, environment: [:]).storeURL == nil, "SQLite unless a URL is set")
        let shared = try ConfigurationLoader.load(path: path, environment: ["KASIR_STORE_URL": "postgresql://kasir@db.shop.lan:5432/kasir?sslmode=require"])
        #expect(shared.storeURL == "postgresql://kasir@db.shop.lan:5432/kasir?sslmode=require")
        func problem(_ environment: [String: String]) -> String {
            do {
                _ = try ConfigurationLoader.load(path: path, environment: environment)
                return ""
            } catch {
                return error.problems.map(\.description).joined(separator: "\n")
            }
        }
        #expect(problem(["KASIR_STORE_URL": "postgresql://kasir:hunter2@db/kasir"]).contains("must not carry a password"))
        #expect(!problem(["KASIR_STORE_URL": "postgresql://kasir:hunter2@db/kasir"]).contains("hunter2"), "the password is never repeated")
        #expect(problem(["KASIR_STORE_URL": "mysql://kasir@db/kasir"]).contains("must be a PostgreSQL URL"))
        #expect(problem(["KASIR_STORE_URL": "postgresql://db/kasir"]).contains("needs a user, a host and a database"))
        #expect(problem(["KASIR_STORE_PASSWORD_FILE": "pg-password"]).contains("is only used with store.url"))
    }

    @Test func notificationSignaturesAndTheReturnURL() throws {
        let path = try write("config.toml", Self.valid)
        let config = try ConfigurationLoader.load(path: path, environment: [:])
        #expect(config.notificationSignature == .auto)
        #expect(config.requireToken == false)
        // Outside production kasir's own receiver serves the return page DOKU needs in every payment.
        #expect(config.returnURL == "http://127.0.0.1:8787/kasir/return")
        #expect(config.warnings.isEmpty)
        #expect(config.ipAddress.map { (try? FieldRules.ipv4($0)) != nil } == true)
        let strict = try ConfigurationLoader.load(
            path: path, environment: ["KASIR_NOTIFICATIONS_SIGNATURE": "asymmetric", "KASIR_NOTIFICATIONS_REQUIRE_TOKEN": "true"])
        #expect(strict.notificationSignature == .asymmetric)
        #expect(strict.requireToken)
        #expect(throws: ConfigError.self) { try ConfigurationLoader.load(path: path, environment: ["KASIR_NOTIFICATIONS_SIGNATURE": "hmac"]) }
        do {
            _ = try ConfigurationLoader.load(path: path, environment: ["KASIR_NOTIFICATIONS_REQUIRE_TOKEN": "yes"])
            Issue.record("require_token = yes was accepted")
        } catch {
            #expect(error.problems.map(\.key) == ["notifications.require_token"])
        }
        // Production has no default: config check names the key and payments are refused.
        let production = try write("production.toml", Self.valid.replacingOccurrences(of: "environment = \"custom\"", with: "environment = \"production\""))
        let live = try ConfigurationLoader.load(path: production, environment: [:])
        #expect(live.returnURL == nil)
        #expect(live.warnings.map(\.key) == ["payment.return_url"])
        #expect(live.deskConfiguration.returnURL == nil)
    }

    @Test func environmentAndFlagsOverrideTheFile() throws {
        let path = try write("config.toml", Self.valid)
        let config = try ConfigurationLoader.load(
            path: path, environment: ["KASIR_DOKU_CLIENT_ID": "BRN-ENV", "KASIR_NOTIFICATIONS_LISTEN": "127.0.0.1:9999"], overrides: ["notifications.listen": "127.0.0.1:7777"])
        #expect(config.clientID == "BRN-ENV")
        #expect(config.listenPort == 7777)
    }

    @Test func theConsolesLanguageBellAndShopAreReadAndChecked() throws {
        let good = try write("console.toml", Self.valid + "\n[console]\nlanguage = \"id\"\nbell = false\n[shop]\nname = \"Toko Sejahtera\"\n")
        let config = try ConfigurationLoader.load(path: good, environment: [:])
        #expect(config.language == .indonesian && config.bell == false && config.flash == false && config.shopName == "Toko Sejahtera")
        #expect(try ConfigurationLoader.load(path: try write("plain.toml", Self.valid), environment: [:]).language == nil, "no language: the locale decides")
        let bad = try write("bad-console.toml", Self.valid + "\n[console]\nlanguage = \"fr\"\nbell = \"loud\"\n")
        do {
            _ = try ConfigurationLoader.load(path: bad, environment: [:])
            Issue.record("accepted")
        } catch {
            #expect(Set(error.problems.map(\.key)) == ["console.language", "console.bell"])
            #expect(error.description.contains("use id (Bahasa Indonesia) or en (English)"))
        }
    }

    /// The badge says PRODUCTION for DOKU's production host however it is written, and plain
    /// http:// is allowed only to this machine (a sandbox), never across a network.
    @Test func theEnvironmentIsExactAndPlainHTTPStaysOnLoopback() throws {
        for url in ["https://api.doku.com", "https://API.DOKU.COM/", "https://api.doku.com:443", "https://api.doku.com./"] {
            #expect(DokuEnvironment.custom(url).isProduction, "\(url)")
        }
        for url in ["https://api-sandbox.doku.com", "http://127.0.0.1:9000", "https://api.doku.com.evil.example"] {
            #expect(!DokuEnvironment.custom(url).isProduction, "\(url)")
        }
        func problems(_ baseURL: String) -> [String] {
            let text = Self.valid.replacingOccurrences(of: "http://127.0.0.1:9000", with: baseURL)
            let path = (try? write("env.toml", text)) ?? ""
            do {
                _ = try ConfigurationLoader.load(path: path, environment: [:])
                return []
            } catch { return error.problems.map(\.description) }
        }
        #expect(problems("http://localhost:9000").isEmpty)
        #expect(problems("http://[::1]:9000").isEmpty)
        #expect(problems("https://doku.proxy.shop.lan").isEmpty)
        for url in ["http://api.doku.com", "http://192.168.1.20:9000", "http://127.evil.example:9000"] {
            let found = problems(url)
            #expect(found.count == 1 && found[0].contains("doku.base_url") && found[0].contains("https://"), "\(url): \(found)")
        }
    }

    /// /metrics has an address of its own, never DOKU's, and can be turned off.
    @Test func metricsListenIsItsOwnAddressOrOff() throws {
        let plain = try ConfigurationLoader.load(path: try write("m.toml", Self.valid), environment: [:])
        #expect(plain.metricsHost == "127.0.0.1" && plain.metricsPort == 8788)
        #expect(try ConfigurationLoader.load(path: try write("m.toml", Self.valid), environment: ["KASIR_NOTIFICATIONS_METRICS_LISTEN": "off"]).metricsHost == nil)
        let path = try write("m.toml", Self.valid)
        for bad in ["127.0.0.1:8787", "nonsense"] {
            do {
                _ = try ConfigurationLoader.load(path: path, environment: ["KASIR_NOTIFICATIONS_METRICS_LISTEN": bad])
                Issue.record("\(bad) accepted")
            } catch {
                #expect(error.problems.map(\.key) == ["notifications.metrics_listen"], "\(bad): \(error)")
            }
        }
    }

    /// The audit log's retention: a year unless said otherwise, at least a day, or forever.
    @Test func auditRetentionIsADurationOfADayOrMoreOrForever() throws {
        let path = try write("r.toml", Self.valid)
        #expect(try ConfigurationLoader.load(path: path, environment: [:]).auditRetention == 365 * 86_400)
        #expect(try ConfigurationLoader.load(path: path, environment: ["KASIR_STORE_AUDIT_RETENTION": "90d"]).auditRetention == 90 * 86_400)
        #expect(try ConfigurationLoader.load(path: path, environment: ["KASIR_STORE_AUDIT_RETENTION": "forever"]).auditRetention == nil)
        for bad in ["2h", "soon", "-5d", ""] {
            do {
                _ = try ConfigurationLoader.load(path: path, environment: ["KASIR_STORE_AUDIT_RETENTION": bad])
                Issue.record("\(bad) accepted")
            } catch {
                #expect(error.problems.map(\.key) == ["store.audit_retention"] && error.description.contains("365d"), "\(bad): \(error)")
            }
        }
    }

    @Test func aSandboxControlTokenIsCheckedAndOnlyForASandbox() throws {
        let token = String(repeating: "ab12", count: 16)
        let good = try write("sandbox.toml", Self.valid + "\n[sandbox]\ncontrol_token = \"\(token)\"\n")
        #expect(try ConfigurationLoader.load(path: good, environment: [:]).sandboxControlToken?.reveal() == token)
        let short = try write("short.toml", Self.valid + "\n[sandbox]\ncontrol_token = \"abc\"\n")
        #expect(throws: ConfigError.self) { try ConfigurationLoader.load(path: short, environment: [:]) }
        let production = try write(
            "prod.toml", Self.valid.replacingOccurrences(of: "environment = \"custom\"", with: "environment = \"production\"") + "\n[sandbox]\ncontrol_token = \"\(token)\"\n")
        do {
            _ = try ConfigurationLoader.load(path: production, environment: [:])
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.key).contains("sandbox.control_token"))
        }
    }

    @Test func everyProblemIsListedWithItsKey() throws {
        let path = try write(
            "config.toml",
            """
            [doku]
            environment = "staging"
            client_id = "BRN-1"
            secret_key_file = "s"
            private_key_file = "p"
            doku_public_key_file = "d"
            [notifications]
            listen = "nowhere"
            notify_path = "notify"
            [payment]
            device_id = "POS-01"
            valid_for = "forever"
            ip_address = "300.1.1.1"
            """)
        do {
            _ = try ConfigurationLoader.load(path: path, environment: [:])
            Issue.record("accepted")
        } catch {
            let keys = Set(error.problems.map(\.key))
            #expect(keys == ["doku.environment", "notifications.listen", "notifications.notify_path", "payment.device_id", "payment.valid_for", "payment.ip_address"])
            #expect(error.description.contains("use sandbox, production or custom"))
        }
    }

    @Test func unknownKeysMissingKeysAndBrokenTOMLAreExplained() throws {
        let typo = try write("typo.toml", "[doku]\nclientid = \"x\"\n")
        do {
            _ = try ConfigurationLoader.load(path: typo, environment: [:])
            Issue.record("accepted")
        } catch {
            #expect(error.problems.first?.key == "doku.clientid")
            #expect(error.description.contains("doku.client_id"))
        }
        let broken = try write("broken.toml", "[doku]\nclient_id = \"unterminated\n")
        do {
            _ = try ConfigurationLoader.load(path: broken, environment: [:])
            Issue.record("accepted")
        } catch {
            #expect(error.problems.first?.key.hasSuffix("broken.toml:2") == true)
        }
        let empty = try write("empty.toml", "")
        do {
            _ = try ConfigurationLoader.load(path: empty, environment: [:])
            Issue.record("accepted")
        } catch {
            #expect(error.problems.contains { $0.key == "doku.client_id" && $0.message.contains("KASIR_DOKU_CLIENT_ID") })
        }
        #expect(throws: ConfigError.self) { try ConfigurationLoader.load(path: directory.appendingPathComponent("missing.toml").path, environment: [:]) }
    }

    @Test func secretsOthersCanReadAreRefusedWithTheFix() throws {
        let path = try write("config.toml", Self.valid)
        let key = try RSASigningKey.generate()
        _ = try write("merchant-private.pem", key.pemRepresentation.reveal())
        _ = try write("doku-public.pem", key.publicKey.pemRepresentation, mode: 0o644)
        _ = try write("secret-key", "SK-123\n", mode: 0o644)
        let config = try ConfigurationLoader.load(path: path, environment: [:])
        do {
            _ = try MerchantKeys.load(config)
            Issue.record("a readable secret was accepted")
        } catch {
            #expect(error.description.contains("chmod 600"))
            #expect(!error.description.contains("SK-123"))
        }
        _ = try write("secret-key", "SK-123\n")
        let keys = try MerchantKeys.load(config)
        #expect(keys.credentials.clientSecret.reveal() == "SK-123")
        _ = try write("config.toml", Self.valid, mode: 0o666)
        #expect(throws: ConfigError.self) { try ConfigurationLoader.load(path: path, environment: [:]) }
    }

    @Test(arguments: [("15m", 900.0), ("1h30m", 5400), ("900s", 900), ("2d", 172_800), ("600", 600)])
    func durations(text: String, seconds: Double) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test(arguments: ["", "m", "15x", "1h30", "abc", "-5m"])
    func notDurations(text: String) {
        #expect(DurationText.parse(text) == nil)
    }
}
