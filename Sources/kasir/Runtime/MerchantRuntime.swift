import DokuSNAP
import Foundation
import KasirConfig
import KasirCore
import KasirRuntime
import Logging
import NotificationServer

/// A `kasir` command's merchant side: its configuration, its keys, and the stack built from them
/// in `MerchantStack`, the one place that wires the parts. One per process.
struct MerchantRuntime {
    let configuration: KasirConfiguration
    let keys: MerchantKeys
    let stack: MerchantStack

    var store: any MerchantStore { stack.store }
    var client: DokuClient { stack.client }
    var desk: PaymentDesk { stack.desk }
    var events: EventHub { stack.events }
    var audit: AuditWriter { stack.audit }

    static func open(_ configuration: KasirConfiguration, logger: Logger = MerchantStack.quiet) async throws -> MerchantRuntime {
        let keys = try MerchantKeys.load(configuration)
        let stack = try await MerchantStack.open(configuration, keys: keys, logger: logger)
        return MerchantRuntime(configuration: configuration, keys: keys, stack: stack)
    }

    /// The receiver on the configured listen address.
    func receiver() -> NotificationReceiver {
        stack.receiver(host: configuration.listenHost, port: configuration.listenPort)
    }

    func shutdown() async { await stack.shutdown() }
}
