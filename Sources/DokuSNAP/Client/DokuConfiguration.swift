import Foundation

/// Which DOKU to talk to.
public enum DokuEnvironment: Sendable, Equatable {
    case sandbox
    case production
    /// Any other base URL, e.g. kasir's local simulator `http://127.0.0.1:9000`.
    case custom(String)

    public var baseURL: String {
        switch self {
        case .sandbox: "https://api-sandbox.doku.com"
        case .production: "https://api.doku.com"
        case .custom(let url): url.hasSuffix("/") ? String(url.dropLast()) : url
        }
    }

    /// True for DOKU's production host, however it was configured.
    public var isProduction: Bool {
        switch self {
        case .production: true
        case .sandbox: false
        // However the host is spelled: `API.DOKU.COM`, with a port, or with the root's trailing dot.
        case .custom(let url): Self.productionHosts.contains(URL(string: url)?.host?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) ?? "")
        }
    }

    /// DOKU's production API host.
    static let productionHosts: Set<String> = ["api.doku.com"]

    public var name: String {
        switch self {
        case .sandbox: "sandbox"
        case .production: "production"
        case .custom: "custom"
        }
    }
}

/// The merchant's DOKU credentials. The secret and the key never print.
public struct DokuCredentials: Sendable {
    /// DOKU Client ID, sent as `X-CLIENT-KEY` and `X-PARTNER-ID`.
    public var clientID: String
    /// DOKU Secret Key (HMAC key of the symmetric signature).
    public var clientSecret: Secret
    /// The merchant's RSA private key (token-request signature, notification JWTs).
    public var privateKey: RSASigningKey

    public init(clientID: String, clientSecret: Secret, privateKey: RSASigningKey) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.privateKey = privateKey
    }
}

/// How `DokuClient` behaves on the wire.
public struct DokuClientConfiguration: Sendable {
    public var environment: DokuEnvironment
    public var credentials: DokuCredentials
    /// Time allowed to open a connection. A failure here means the request was never sent.
    public var connectTimeout: Duration
    /// Time allowed for DOKU's answer once the request is sent. A failure here means the outcome is unknown.
    public var readTimeout: Duration
    /// A cached token is replaced this long before DOKU says it expires.
    public var tokenRefreshMargin: Duration

    public init(
        environment: DokuEnvironment, credentials: DokuCredentials, connectTimeout: Duration = .seconds(5),
        readTimeout: Duration = .seconds(30), tokenRefreshMargin: Duration = .seconds(60)
    ) {
        self.environment = environment
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.tokenRefreshMargin = tokenRefreshMargin
    }
}
