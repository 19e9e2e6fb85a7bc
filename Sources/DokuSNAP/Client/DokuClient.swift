import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// The merchant's client for DOKU's SNAP API: B2B token, DANA payment, status check, refund.
///
/// - The B2B token is fetched once, shared by concurrent calls, cached until `tokenRefreshMargin`
///   before it expires, and replaced once when DOKU answers "invalid token".
/// - A request that may have reached DOKU is never sent again by the client: a timeout or an
///   unreadable answer becomes `DokuError.outcomeUnknown`, so the caller checks status.
/// - Every exchange is reported to `logger` and `onExchange` with secrets redacted.
public actor DokuClient {
    struct CachedToken {
        let token: Secret
        let refreshAt: Date
    }

    let configuration: DokuClientConfiguration
    let http: HTTPClient
    let ownsHTTPClient: Bool
    let clock: any WallClock
    let externalIDs: ExternalIDGenerator
    let logger: Logger
    let onExchange: (@Sendable (DokuExchange) -> Void)?
    let signer: SymmetricSignature
    var cachedToken: CachedToken?
    var tokenFetch: Task<CachedToken, any Error>?

    /// - Parameters:
    ///   - httpClient: pass one to share connections; by default the client makes its own with
    ///     the configured timeouts (call `shutdown()` when done).
    public init(
        configuration: DokuClientConfiguration, httpClient: HTTPClient? = nil, clock: any WallClock = SystemClock(),
        externalIDs: ExternalIDGenerator? = nil, logger: Logger = Logger(label: "kasir.doku"),
        onExchange: (@Sendable (DokuExchange) -> Void)? = nil
    ) {
        self.configuration = configuration
        if let httpClient {
            http = httpClient
            ownsHTTPClient = false
        } else {
            var config = HTTPClient.Configuration()
            config.timeout = .init(connect: .init(configuration.connectTimeout), read: .init(configuration.readTimeout))
            config.redirectConfiguration = .disallow
            http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
            ownsHTTPClient = true
        }
        self.clock = clock
        self.externalIDs = externalIDs ?? ExternalIDGenerator(clock: clock)
        self.logger = logger
        self.onExchange = onExchange
        signer = SymmetricSignature(clientSecret: configuration.credentials.clientSecret)
    }

    /// Closes the connections of a client-owned HTTP client.
    public func shutdown() async {
        if ownsHTTPClient { try? await http.shutdown() }
    }

    /// A fresh `X-EXTERNAL-ID`, for callers that store it before the call (the payment's id is
    /// the refund's `originalExternalId`).
    public nonisolated func nextExternalID() throws(DokuError) -> String {
        try externalIDs.next()
    }

    /// Asks DOKU for a DANA payment. On success the response carries the link (`paymentLink`).
    /// `externalID` is sent as `X-EXTERNAL-ID` (a fresh one when nil).
    public func createPayment(_ request: PaymentRequest, device: CustomerDevice, externalID: String? = nil) async throws(DokuError) -> PaymentResponse {
        do { try request.validate(); try device.validate() } catch { throw DokuError(error) }
        return try await serviceCall(.payment, body: request, device: device, externalID: externalID, as: PaymentResponse.self)
    }

    /// Asks DOKU for the current state of a payment.
    public func checkStatus(_ request: CheckStatusRequest) async throws(DokuError) -> CheckStatusResponse {
        do { try request.validate() } catch { throw DokuError(error) }
        return try await serviceCall(.checkStatus, body: request, device: nil, externalID: nil, as: CheckStatusResponse.self)
    }

    /// Asks DOKU to refund part or all of a paid payment. `partnerRefundNo` is the idempotency key.
    public func refund(_ request: RefundRequest, device: CustomerDevice) async throws(DokuError) -> RefundResponse {
        do { try request.validate(); try device.validate() } catch { throw DokuError(error) }
        return try await serviceCall(.refund, body: request, device: device, externalID: nil, as: RefundResponse.self)
    }

    /// The current B2B access token, fetching one if none is cached or it is about to expire.
    public func accessToken() async throws(DokuError) -> Secret {
        if let cachedToken, clock.now() < cachedToken.refreshAt { return cachedToken.token }
        if tokenFetch == nil {
            tokenFetch = Task { try await self.fetchToken() }
        }
        let task = tokenFetch!
        do {
            let fresh = try await task.value
            if tokenFetch == task { tokenFetch = nil }
            cachedToken = fresh
            return fresh.token
        } catch {
            if tokenFetch == task { tokenFetch = nil }
            throw (error as? DokuError) ?? .notSent(operation: .accessToken, reason: "\(error)")
        }
    }

    /// Forgets the cached token, e.g. after DOKU said it is invalid.
    public func invalidateToken() {
        cachedToken = nil
    }
}
