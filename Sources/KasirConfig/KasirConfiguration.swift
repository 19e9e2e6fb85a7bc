import DokuSNAP
import Foundation
import KasirCore

/// Everything kasir needs to run, after the config file, `KASIR_*` environment variables and
/// command-line flags have been merged and checked (later sources win).
public struct KasirConfiguration: Sendable, Equatable {
    public var environment: DokuEnvironment
    public var clientID: String
    public var secretKeyFile: String
    public var privateKeyFile: String
    public var dokuPublicKeyFile: String
    public var listenHost: String
    public var listenPort: Int
    public var tokenPath: String
    public var notifyPath: String
    /// Whether the console runs its own notification receiver (otherwise it watches the store of a `kasir listen`).
    public var receiverEnabled: Bool
    public var storePath: String
    public var deviceID: String
    public var ipAddress: String?
    public var returnURL: String?
    public var validFor: TimeInterval
    /// Where the settings came from, for messages.
    public var source: String
    /// Which notification signature schemes are accepted (`[notifications] signature`).
    public var notificationSignature: NotificationSignatureScheme
    /// Refuse notifications without a kasir-issued token (`[notifications] require_token`).
    public var requireToken: Bool
    /// Payments above this are confirmed twice in the console (`[payment] confirm_above`).
    public var confirmAbove: Money
    /// A PostgreSQL store shared by several terminals (`[store] url`); nil for the SQLite file at `storePath`.
    public var storeURL: String?
    /// The file holding the PostgreSQL password (`[store] password_file`); `KASIR_STORE_PASSWORD` is the other way.
    public var storePasswordFile: String?
    /// The console's language (`[console] language`); nil follows the locale (`LANG`).
    public var language: Language? = nil
    /// Ring the terminal's bell when a sale is decided (`[console] bell`).
    public var bell: Bool = true
    /// Flash the screen with the bell (`[console] flash`).
    public var flash: Bool = false
    /// The shop's name on the QR view, the customer display and receipts (`[shop] name`).
    public var shopName: String? = nil
    /// A kasir sandbox's control token (`[sandbox] control_token`), for `kasir sandbox resend` and `kasir sandbox deliveries`.
    public var sandboxControlToken: Secret? = nil
    /// Where `kasir listen` serves `/metrics` and `/healthz` (`[notifications] metrics_listen`); nil: off.
    public var metricsHost: String? = nil
    public var metricsPort: Int = 0
    /// How long the audit log is kept (`[store] audit_retention`, default 365 days); nil: forever.
    /// Only the audit log: invoices, refunds and notifications are kept always.
    public var auditRetention: TimeInterval? = 365 * 86_400
    /// `y` in the exchange view also sets the terminal's clipboard by OSC 52 (`[console] clipboard`).
    public var clipboard: Bool = true

    /// The page kasir's receiver serves as the default return URL outside production.
    public static let returnPath = "/kasir/return"

    /// What `kasir config check` must warn about before payments can be taken.
    public var warnings: [ConfigProblem] {
        var out: [ConfigProblem] = []
        if returnURL == nil {
            out.append(ConfigProblem("payment.return_url", .configReturnURLMissing))
        }
        return out
    }

    /// The desk defaults these settings imply.
    public var deskConfiguration: DeskConfiguration {
        DeskConfiguration(deviceID: deviceID, ipAddress: ipAddress, returnURL: returnURL, validFor: validFor, confirmAbove: confirmAbove)
    }
}

/// One thing wrong with the configuration: which key, where, what is wrong and how to fix it.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public var key: String
    /// What is wrong and how to fix it, in English.
    public var message: String
    /// The same in Indonesian.
    public var indonesian: String

    /// A problem worded by the phrase catalog, in both languages at once.
    public init(_ key: String, _ phrase: Phrase, _ arguments: String...) {
        self.init(key) { w in w(phrase, arguments: arguments) }
    }

    /// A problem whose wording depends on the language beyond one phrase (a field rule's own words).
    public init(_ key: String, _ text: (Words) -> String) {
        self.key = key
        message = text(.english)
        indonesian = text(.indonesian)
    }

    /// `key: message` in `words`' language.
    public func text(_ words: Words) -> String { "\(key): " + (words.language == .indonesian ? indonesian : message) }

    public var description: String { text(.english) }
}

/// The configuration cannot be used; every problem found is listed.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ConfigProblem]

    public init(_ problems: [ConfigProblem]) { self.problems = problems }

    /// Every problem, under a heading, in `words`' language.
    public func text(_ words: Words) -> String {
        (problems.count == 1 ? words(.configHasProblem) : words(.configHasProblems, String(problems.count))) + "\n"
            + problems.map { "  - " + $0.text(words) }.joined(separator: "\n")
    }

    public var description: String { text(.english) }
}
