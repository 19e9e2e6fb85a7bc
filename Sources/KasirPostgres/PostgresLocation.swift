import Foundation
import KasirCore
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL store lives, read from `postgresql://user@host:port/database?sslmode=…`.
/// The password never comes from the URL: it is given apart (a file or the environment), so a
/// config file can be shown to anyone.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var tls: TLSMode

    /// Reads `url`; the error says what is wrong and how it should look.
    public init(url: String) throws(StoreError) {
        let example = "postgresql://kasir@127.0.0.1:5432/kasir"
        guard let components = URLComponents(string: url), let scheme = components.scheme, ["postgresql", "postgres"].contains(scheme) else {
            throw .unavailable("the store URL must start with postgresql://, e.g. \(example)")
        }
        guard components.password == nil else {
            throw .unavailable("the store URL must not carry a password: put it in a file named by [store] password_file, or in KASIR_STORE_PASSWORD")
        }
        guard let host = components.host, !host.isEmpty else { throw .unavailable("the store URL names no host, e.g. \(example)") }
        guard let user = components.user, !user.isEmpty else { throw .unavailable("the store URL names no user, e.g. \(example)") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw .unavailable("the store URL names no database, e.g. \(example)") }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        switch mode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        default: throw .unavailable("sslmode=\(mode) is not known: use disable, prefer or require")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.database = database
    }

    /// The URL without secrets, as it may be shown.
    public var description: String { "postgresql://\(user)@\(host):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)") }

    /// One connection's settings, for the first connection a process makes: it fails within
    /// seconds with the reason, where the pool would keep retrying.
    func connectionConfiguration(password: String?) throws -> PostgresConnection.Configuration {
        let tlsSetting: PostgresConnection.Configuration.TLS =
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tlsSetting)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    func clientConfiguration(password: String?) -> PostgresClient.Configuration {
        let tlsSetting: PostgresClient.Configuration.TLS =
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tlsSetting)
        configuration.options.maximumConnections = 16
        configuration.options.minimumConnections = 0
        configuration.options.additionalStartupParameters = [("application_name", "kasir")]
        return configuration
    }
}
