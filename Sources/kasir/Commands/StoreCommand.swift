import ArgumentParser
import Foundation
import KasirConfig
import KasirCore
import KasirPostgres
import KasirStore

/// `kasir store`: moving a shop's records between stores.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Move a shop's records between stores.", subcommands: [Copy.self])

    /// `kasir store copy --from <sqlite> --to <postgresql url>`.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy", abstract: "Copy a SQLite store's whole history into an empty PostgreSQL database (for a shop moving to several terminals).")

        @Option(help: "The SQLite database to copy from, e.g. ~/.local/share/kasir/kasir.sqlite.")
        var from: String

        @Option(help: "The PostgreSQL database to copy to, e.g. postgresql://kasir@db:5432/kasir (no password in it).")
        var to: String

        @Option(help: "A 0600 file holding the PostgreSQL password (default: KASIR_STORE_PASSWORD, else none).")
        var passwordFile: String?

        func run() async throws {
            do {
                guard FileManager.default.fileExists(atPath: from) else {
                    throw ValidationError("--from \(from) does not exist; give the path of the SQLite store (kasir config check prints it)")
                }
                let source = try SQLiteMerchantStore(path: from)
                let history = try await source.history()
                let password =
                    try passwordFile.map { try FilePermissions.readSecret($0, key: "--password-file").reveal() }
                    ?? ProcessInfo.processInfo.environment["KASIR_STORE_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
                let target = try await PostgresMerchantStore(location: try PostgresLocation(url: to), password: password)
                do {
                    try await target.importHistory(history)
                } catch {
                    await target.shutdown()
                    throw error
                }
                await target.shutdown()
                say("copied \(history.summary) from \(from) to \(target.location)")
                say("next: set [store] url = \"\(target.location)\" in every terminal's config")
            } catch {
                throw KasirExit.fail(error)
            }
        }
    }
}
