import AsyncHTTPClient
import DokuSNAP
import DokuSandbox
import Foundation
import KasirCore
import KasirRuntime
import KasirStore
import Logging
import NotificationServer

let quiet = Logger(label: "e2e", factory: { _ in SwiftLogNoOpLogHandler() })

enum E2EKeys {
    static let merchant = try! RSASigningKey.generate()
    static let doku = try! RSASigningKey.generate()
    static let clientID = "BRN-0001-0000000000777"
    static let secret = Secret("SK-e2e-secret")
}

func idr(_ units: Int64) -> Money {
    // swift-format-ignore: NeverUseForceTry
    try! Money(units: units)
}

/// The whole merchant side against the sandbox, over loopback: sandbox ↔ DokuClient ↔ desk ↔
/// SQLite ↔ notification receiver, wired by `MerchantStack`.
struct Merchant: Sendable {
    let sandbox: RunningSandbox
    let receiver: RunningReceiver
    let store: SQLiteMerchantStore
    /// Wired as the `kasir` commands wire it.
    let stack: MerchantStack
    var client: DokuClient { stack.client }
    var desk: PaymentDesk { stack.desk }
    var events: EventHub { stack.events }

    var simulator: DokuSimulator { sandbox.simulator }

    static func start(
        clock: any WallClock = SystemClock(), readTimeout: Duration = .seconds(5), timeFactor: Double = 36_000,
        desk deskConfiguration: DeskConfiguration = DeskConfiguration(deviceID: "POS01", returnURL: "https://merchant.example/return"), storePath: String? = nil,
        notificationSignature: NotificationSignatureScheme = .asymmetric, synchronous: SQLiteMerchantStore.Synchronous = .full
    ) async throws -> Merchant {
        let store = try SQLiteMerchantStore(
            path: storePath ?? FileManager.default.temporaryDirectory.appendingPathComponent("kasir-e2e-\(UUID().uuidString)/kasir.sqlite").path,
            synchronous: synchronous)
        let sandbox = try await SandboxServer(
            simulator: DokuSimulator(
                configuration: SandboxConfiguration(
                    clientID: E2EKeys.clientID, clientSecret: E2EKeys.secret, merchantPublicKey: E2EKeys.merchant.publicKey, dokuKey: E2EKeys.doku,
                    timeFactor: timeFactor, notificationSignature: notificationSignature), clock: clock), port: 0
        ).start()
        let stack = try await MerchantStack.wire(
            store: store, environment: .custom(sandbox.baseURL),
            credentials: DokuCredentials(clientID: E2EKeys.clientID, clientSecret: E2EKeys.secret, privateKey: E2EKeys.merchant),
            dokuPublicKey: E2EKeys.doku.publicKey, desk: deskConfiguration, readTimeout: readTimeout, clock: clock)
        let receiver = try await stack.receiver().start()
        await sandbox.simulator.setNotifyURL(receiver.baseURL + DokuPaths.notify)
        return Merchant(sandbox: sandbox, receiver: receiver, store: store, stack: stack)
    }

    func stop() async {
        await receiver.stop()
        await sandbox.stop()
        await stack.shutdown()
    }
}

/// Polls `condition` every 20 ms for up to `seconds`.
func eventually(_ seconds: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// The `DeskError` a call ended with, or nil.
func deskError<T>(_ body: () async throws -> T) async -> DeskError? {
    do {
        _ = try await body()
    } catch let error as DeskError {
        return error
    } catch {
        return .store("unexpected \(error)")
    }
    return nil
}
