import ArgumentParser
import DokuSNAP
import Foundation
import KasirConfig
import KasirCore
import KasirPostgres
import KasirStore

/// `kasir store`: moving a shop's records between stores.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: t("Move a shop's records between stores; prune the audit log."), subcommands: [Copy.self, Prune.self])

    /// `kasir store prune [--older-than 90d] [--dry-run]`: the audit log's retention, by hand.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune", abstract: t("Delete audit log entries older than [store] audit_retention (default 365d)."),
            discussion: t("""
                Only the audit log (exchanges with DOKU, refused requests) is pruned; invoices, refunds, \
                notifications and shifts are the shop's records and are always kept. kasir listen prunes \
                the same way every hour.
                """))

        @OptionGroup var config: ConfigOptions

        @Option(help: ArgumentHelp(t("Delete entries older than this instead (e.g. 90d; at least 1d).")))
        var olderThan: String?

        @Flag(help: ArgumentHelp(t("Say how many entries would be deleted; delete nothing.")))
        var dryRun = false

        func validate() throws {
            if let olderThan, (DurationText.parse(olderThan) ?? 0) < 86_400 {
                throw ValidationError(cliWords(.pruneBadOlderThan, olderThan.cleanedForDisplay(limit: 30)))
            }
        }

        func run() async throws {
            let olderThan = self.olderThan
            let dryRun = self.dryRun
            try await config.withRuntime { runtime in
                let keep = olderThan.flatMap(DurationText.parse) ?? runtime.configuration.auditRetention
                guard let cutoff = AuditRetention.cutoff(now: Date(), keep: keep) else {
                    say(cliWords(.pruneForever))
                    return
                }
                let when = SNAPTimestamp.format(cutoff)
                if dryRun {
                    let count = try await runtime.store.auditCount(before: cutoff)
                    say(cliWords(.pruneDryRun, String(count), when))
                } else {
                    let deleted = try await AuditRetention.prune(runtime.store, before: cutoff)
                    say(cliWords(.pruneDone, String(deleted), when))
                }
            }
        }
    }

    /// `kasir store copy --from <sqlite> --to <postgresql url>`.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy", abstract: t("Copy a SQLite store's whole history into an empty PostgreSQL database (for a shop moving to several terminals)."))

        @Option(help: ArgumentHelp(t("The SQLite database to copy from, e.g. ~/.local/share/kasir/kasir.sqlite.")))
        var from: String

        @Option(help: ArgumentHelp(t("The PostgreSQL database to copy to, e.g. postgresql://kasir@db:5432/kasir (no password in it).")))
        var to: String

        @Option(help: ArgumentHelp(t("A 0600 file holding the PostgreSQL password (default: KASIR_STORE_PASSWORD, else none).")))
        var passwordFile: String?

        func run() async throws {
            do {
                guard FileManager.default.fileExists(atPath: from) else {
                    throw ValidationError(cliWords(.copyNoSource, from))
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
                say(cliWords(.copyDone, history.summary, from, "\(target.location)"))
                say(cliWords(.copyNext, "\(target.location)"))
            } catch {
                throw KasirExit.fail(error)
            }
        }
    }
}
