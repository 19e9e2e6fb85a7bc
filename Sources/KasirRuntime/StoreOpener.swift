import DokuSNAP
import Foundation
import KasirConfig
import KasirCore
import KasirPostgres
import KasirStore

/// Opens the store a configuration names: PostgreSQL when `[store] url` (or `KASIR_STORE_URL`)
/// is set, else the SQLite file at `[store] path`.
public enum StoreOpener {
    public static func open(_ configuration: KasirConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> any MerchantStore {
        guard let url = configuration.storeURL else { return try SQLiteMerchantStore(path: configuration.storePath) }
        let location = try PostgresLocation(url: url)
        return try await PostgresMerchantStore(location: location, password: try password(configuration, environment: environment))
    }

    /// The PostgreSQL password: from `[store] password_file` (0600), else `KASIR_STORE_PASSWORD`, else none
    /// (trust or peer authentication).
    public static func password(_ configuration: KasirConfiguration, environment: [String: String]) throws -> String? {
        if let file = configuration.storePasswordFile { return try FilePermissions.readSecret(file, key: "store.password_file").reveal() }
        if let password = environment["KASIR_STORE_PASSWORD"], !password.isEmpty { return password }
        return nil
    }

    /// Closes the connections a store holds (PostgreSQL's pool; SQLite closes with its last reference).
    public static func close(_ store: any MerchantStore) async {
        if let postgres = store as? PostgresMerchantStore { await postgres.shutdown() }
    }

    /// Where the store is, as it may be shown (never with a password).
    public static func describe(_ configuration: KasirConfiguration) -> String {
        guard let url = configuration.storeURL else { return configuration.storePath }
        return (try? PostgresLocation(url: url).description) ?? "PostgreSQL"
    }
}
