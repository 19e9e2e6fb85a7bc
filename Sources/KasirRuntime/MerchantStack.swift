import DokuSNAP
import Foundation
import KasirConfig
import KasirCore
import KasirPostgres
import KasirStore
import Logging
import NotificationServer

/// The merchant side wired once: store, DOKU client (every exchange to the audit log), payment
/// desk, notification authenticator, and the receiver they make. The `kasir` commands, `kasir
/// demo`, `kasir-bench` and the end-to-end tests all build it here, so they run the same parts.
public struct MerchantStack: Sendable {
    public let store: any MerchantStore
    public let client: DokuClient
    public let desk: PaymentDesk
    public let events: EventHub
    public let audit: AuditWriter
    public let authenticator: NotificationAuthenticator
    public let notifications: NotificationSettings
    /// What the receiver and the DOKU client count, for `/metrics`.
    public let metrics: ReceiverMetrics

    /// Where DOKU calls the merchant, and how its notifications must be signed.
    public struct NotificationSettings: Sendable {
        public var tokenPath: String
        public var notifyPath: String
        public var signatureScheme: NotificationSignatureScheme
        public var requireToken: Bool

        public init(
            tokenPath: String = DokuPaths.accessToken, notifyPath: String = DokuPaths.notify, signatureScheme: NotificationSignatureScheme = .auto,
            requireToken: Bool = false
        ) {
            self.tokenPath = tokenPath
            self.notifyPath = notifyPath
            self.signatureScheme = signatureScheme
            self.requireToken = requireToken
        }
    }

    /// Wires the parts on `store`, talking to DOKU at `environment` with `credentials`.
    public static func wire(
        store: any MerchantStore, environment: DokuEnvironment, credentials: DokuCredentials, dokuPublicKey: RSAVerifyingKey,
        desk deskConfiguration: DeskConfiguration = DeskConfiguration(), notifications: NotificationSettings = NotificationSettings(),
        readTimeout: Duration = .seconds(30), clock: any WallClock = SystemClock(), logger: Logger = MerchantStack.quiet
    ) async throws -> MerchantStack {
        let events = EventHub()
        let audit = AuditWriter(store: store, events: events)
        let metrics = ReceiverMetrics(now: clock.now())
        let client = DokuClient(
            configuration: DokuClientConfiguration(environment: environment, credentials: credentials, readTimeout: readTimeout), clock: clock, logger: logger,
            onExchange: { exchange in
                audit.report(exchange)
                metrics.dokuCall(exchange)
            })
        let desk = PaymentDesk(store: store, client: client, configuration: deskConfiguration, clock: clock, events: events, logger: logger)
        let authenticator = try await NotificationAuthenticator(
            .init(
                clientID: credentials.clientID, clientSecret: credentials.clientSecret, merchantKey: credentials.privateKey, dokuPublicKey: dokuPublicKey,
                notifyPath: notifications.notifyPath, signatureScheme: notifications.signatureScheme, requireToken: notifications.requireToken),
            clock: clock)
        return MerchantStack(
            store: store, client: client, desk: desk, events: events, audit: audit, authenticator: authenticator, notifications: notifications, metrics: metrics)
    }

    /// Wires the parts a configuration names: its store, its DOKU, its keys and paths.
    public static func open(_ configuration: KasirConfiguration, keys: MerchantKeys, logger: Logger = MerchantStack.quiet) async throws -> MerchantStack {
        let store = try await StoreOpener.open(configuration)
        do {
            return try await wire(
                store: store, environment: configuration.environment, credentials: keys.credentials, dokuPublicKey: keys.dokuPublicKey,
                desk: configuration.deskConfiguration,
                notifications: NotificationSettings(
                    tokenPath: configuration.tokenPath, notifyPath: configuration.notifyPath, signatureScheme: configuration.notificationSignature,
                    requireToken: configuration.requireToken), logger: logger)
        } catch {
            await StoreOpener.close(store)
            throw error
        }
    }

    /// The notification receiver on `host:port` (0: any free port), on this stack's desk and paths.
    public func receiver(host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil) -> NotificationReceiver {
        NotificationReceiver(
            desk: desk, authenticator: authenticator, host: host, port: port, tokenPath: notifications.tokenPath, notifyPath: notifications.notifyPath,
            metrics: metrics, logger: logger)
    }

    /// Writes every pending audit entry, then closes the client and the store's connections.
    public func shutdown() async {
        await audit.drain()
        await client.shutdown()
        await StoreOpener.close(store)
        events.finish()
    }

    /// A logger that drops everything: the default for parts whose output is the audit log.
    public static let quiet = Logger(label: "kasir", factory: { _ in SwiftLogNoOpLogHandler() })
}
