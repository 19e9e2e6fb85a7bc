import DokuSNAP
import Foundation
import KasirConfig
import KasirCore
import KasirPostgres
import KasirStore
import Logging

/// The merchant side wired from a configuration: store, DOKU client, payment desk and the
/// notification authenticator. One per process.
struct MerchantRuntime {
    let configuration: KasirConfiguration
    let keys: MerchantKeys
    let store: any MerchantStore
    let client: DokuClient
    let desk: PaymentDesk
    let events: EventHub
    let audit: AuditWriter

    static func open(_ configuration: KasirConfiguration, logger: Logger = Logger(label: "kasir", factory: { _ in SwiftLogNoOpLogHandler() })) async throws
        -> MerchantRuntime
    {
        let keys = try MerchantKeys.load(configuration)
        let store = try await StoreOpener.open(configuration)
        let events = EventHub()
        let audit = AuditWriter(store: store, events: events)
        let client = DokuClient(
            configuration: DokuClientConfiguration(environment: configuration.environment, credentials: keys.credentials), logger: logger,
            onExchange: audit.report)
        let desk = PaymentDesk(store: store, client: client, configuration: configuration.deskConfiguration, events: events, logger: logger)
        return MerchantRuntime(configuration: configuration, keys: keys, store: store, client: client, desk: desk, events: events, audit: audit)
    }

    func authenticator() async throws -> NotificationAuthenticator {
        try await NotificationAuthenticator(
            .init(
                clientID: configuration.clientID, clientSecret: keys.credentials.clientSecret, merchantKey: keys.credentials.privateKey,
                dokuPublicKey: keys.dokuPublicKey, notifyPath: configuration.notifyPath, signatureScheme: configuration.notificationSignature,
                requireToken: configuration.requireToken))
    }

    func shutdown() async {
        // Every exchange with DOKU is in the audit log before the process ends.
        await audit.drain()
        await client.shutdown()
        if let postgres = store as? PostgresMerchantStore { await postgres.shutdown() }
        events.finish()
    }
}
