import ArgumentParser
import DokuSNAP
import Foundation
import KasirConfig
import KasirCore

/// Options every merchant command takes.
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(t("Config file (default: $KASIR_CONFIG or $XDG_CONFIG_HOME/kasir/config.toml).")))
    var path: String?

    @Option(name: .customLong("store"), help: ArgumentHelp(t("SQLite database to use instead of the configured one.")))
    var storePath: String?

    func load(overrides: [String: String] = [:]) throws -> KasirConfiguration {
        var overrides = overrides
        if let storePath { overrides["store.path"] = storePath }
        return try ConfigurationLoader.load(path: path, overrides: overrides)
    }

    /// Opens the merchant runtime, runs `body`, then shuts the runtime down; any error becomes
    /// kasir's exit status with its message on stderr.
    func withRuntime<T>(overrides: [String: String] = [:], _ body: (MerchantRuntime) async throws -> T) async throws -> T {
        let runtime: MerchantRuntime
        do { runtime = try await MerchantRuntime.open(try load(overrides: overrides)) } catch { throw KasirExit.fail(error) }
        do {
            let result = try await body(runtime)
            await runtime.shutdown()
            return result
        } catch let exit as ExitCode {
            await runtime.shutdown()
            throw exit
        } catch {
            await runtime.shutdown()
            throw KasirExit.fail(error)
        }
    }
}

/// The CLI's language: the locale's (`LANG=id_ID.UTF-8` is Indonesian), as the console's default.
let cliWords = Words(CLIText.language)

/// kasir's exit statuses, for scripts.
enum KasirExit {
    static let rejected = ExitCode(1)
    static let badInput = ExitCode(2)
    static let unknownOutcome = ExitCode(3)
    /// `kasir listen`: the address is taken by another program.
    static let portInUse = ExitCode(5)

    /// Prints what went wrong to stderr and maps it to an exit status.
    static func fail(_ error: any Error) -> ExitCode {
        let text = (error as? DeskError).map(cliWords.deskError) ?? (error as? ConfigError)?.text(cliWords) ?? "\(error)"
        warn("kasir: " + text)
        switch error {
        case let error as DeskError:
            switch error {
            case .rejected, .notRefundable, .exceedsRefundable, .notSent: return rejected
            case .outcomeUnknown, .refundOutcomeUnknown, .amountMismatch: return unknownOutcome
            case .invalid, .notFound, .duplicate, .shiftAlreadyOpen, .noOpenShift: return badInput
            case .store: return ExitCode(4)
            }
        case is ConfigError, is ValidationError: return badInput
        case let error as DokuError:
            return error.isOutcomeUnknown ? unknownOutcome : rejected
        default: return ExitCode(4)
        }
    }
}

/// JSON output for `--json`.
enum JSONOut {
    static func invoice(_ invoice: Invoice, refunds: [Refund] = []) -> [String: Any?] {
        [
            "invoice": invoice.number, "amount": invoice.amount.wireValue, "currency": invoice.amount.currency.rawValue,
            "amountText": invoice.amount.displayText, "status": invoice.status.rawValue, "title": invoice.title,
            "referenceNo": invoice.referenceNo, "webRedirectUrl": invoice.webRedirectUrl, "validUpTo": SNAPTimestamp.format(invoice.validUpTo),
            "createdAt": SNAPTimestamp.format(invoice.createdAt), "paidAt": invoice.paidAt.map(SNAPTimestamp.format),
            "refunded": invoice.refunded.wireValue, "lastResponseCode": invoice.lastResponseCode, "terminal": invoice.deviceID,
            "refunds": refunds.map(refund),
        ]
    }

    static func refund(_ refund: Refund) -> [String: Any?] {
        [
            "refund": refund.number, "invoice": refund.invoiceNumber, "amount": refund.amount.wireValue, "amountText": refund.amount.displayText,
            "status": refund.status.rawValue, "dokuRefundNo": refund.dokuRefundNo, "reason": refund.reason, "createdAt": SNAPTimestamp.format(refund.createdAt),
        ]
    }

    static func print(_ object: Any) {
        let clean = strip(object)
        if let data = try? JSONSerialization.data(withJSONObject: clean, options: [.sortedKeys, .withoutEscapingSlashes]) {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }

    /// Drops nil values so the JSON has no nulls standing for "not known".
    static func strip(_ object: Any) -> Any {
        if let dictionary = object as? [String: Any?] {
            var out: [String: Any] = [:]
            for (key, value) in dictionary { if let value { out[key] = strip(value) } }
            return out
        }
        if let array = object as? [Any] { return array.map(strip) }
        if let array = object as? [[String: Any?]] { return array.map(strip) }
        return object
    }
}
