import ArgumentParser
import DokuSNAP
import Foundation
import KasirConfig
import KasirCore

/// `kasir logs`: every exchange with DOKU and every notification, from the store any process
/// writes to, one line each or JSON lines; `--follow` keeps reading as they arrive.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: t("Print the exchanges with DOKU and the notifications received, from the store (any process's)."),
        discussion: t("""
            Secrets were never stored: tokens and signatures appear as <redacted, N chars>. \
            --full prints each exchange whole (headers and bodies), as the console's exchange view (o) shows it.
            """))

    @OptionGroup var config: ConfigOptions

    @Flag(name: .shortAndLong, help: ArgumentHelp(t("Keep printing exchanges as any process stores them (Ctrl-C stops).")))
    var follow = false

    @Flag(help: ArgumentHelp(t("One JSON object per line, for log shippers and jq.")))
    var json = false

    @Flag(help: ArgumentHelp(t("Each exchange whole: headers, bodies, meaning and next step.")))
    var full = false

    @Option(help: ArgumentHelp(t("Only this invoice's exchanges, e.g. INV-20261203-0001.")))
    var invoice: String?

    @Option(help: ArgumentHelp(t("Only exchanges since this long ago (30m, 1h, 2d) or this time (RFC 3339).")))
    var since: String?

    @Flag(help: ArgumentHelp(t("Only refused notifications and token requests, and notifications kept for review.")))
    var refused = false

    func validate() throws {
        if json && full { throw ValidationError("--json already carries each exchange whole; leave out --full") }
        if let since, Self.parseSince(since, now: Date()) == nil {
            throw ValidationError("--since \(since.cleanedForDisplay(limit: 40)): give a duration such as 30m, 1h or 2d, or a time such as 2026-12-03T09:00:00+07:00")
        }
    }

    static func parseSince(_ text: String, now: Date) -> Date? {
        if let seconds = DurationText.parse(text) { return now.addingTimeInterval(-seconds) }
        return try? SNAPTimestamp.parse(text)
    }

    func run() async throws {
        let filter = ExchangeFilter(invoiceNumber: invoice, since: since.flatMap { Self.parseSince($0, now: Date()) }, refusedOnly: refused)
        let json = self.json
        let full = self.full
        try await config.withRuntime { runtime in
            // From the oldest row, a page at a time, then (with --follow) whatever is stored next.
            var cursor = ActivityCursor(audit: 0, notification: 0)
            var printed = 0
            while true {
                let page = try await runtime.store.activity(after: cursor, limit: 500)
                for entry in page.entries where filter.matches(entry) {
                    Self.print(entry, json: json, full: full)
                    printed += 1
                }
                cursor = page.cursor
                if page.more { continue }
                guard follow else { break }
                try await Task.sleep(for: .milliseconds(500))
            }
            if printed == 0 && !json { warn(cliWords(filter == ExchangeFilter() ? .cliNoExchanges : .cliNoExchangesMatch)) }
        }
    }

    static func print(_ entry: AuditEntry, json: Bool, full: Bool) {
        if json { return JSONOut.print(object(entry)) }
        say(line(entry))
        guard full else { return }
        let report = ExchangeReport(entry, words: cliWords)
        for line in report.lines {
            switch line.kind {
            case .field(let label): say("    " + label.padding(toLength: 12, withPad: " ", startingAt: 0) + line.text)
            case .heading: say("    " + line.text + ":")
            case .code: say("      " + line.text)
            case .problem: say("    " + line.text)
            }
        }
        say("")
    }

    /// `2026-12-03T14:03:00+07:00 → payment INV-… HTTP 200 2005400 182 ms success`.
    static func line(_ entry: AuditEntry) -> String {
        // In English the line is the record as stored, word for word, for scripts that grep it;
        // in Indonesian the operation and the outcome read as the console's live log reads them.
        let indonesian = cliWords.language == .indonesian
        let parts: [String?] = [
            SNAPTimestamp.format(entry.at), entry.direction == .outgoing ? "→" : "←", indonesian ? cliWords.operation(entry.operation) : entry.operation,
            entry.invoiceNumber, entry.httpStatus.map { "HTTP \($0)" }, entry.responseCode, entry.latencyMs.map { "\($0) ms" },
            indonesian ? cliWords.exchangeOutcome(entry) : entry.outcome,
            entry.refusedBy.map { "[\($0.rawValue)]" },
        ]
        return parts.compactMap { $0?.cleanedForDisplay(limit: 300) }.joined(separator: " ")
    }

    static func object(_ entry: AuditEntry) -> [String: Any?] {
        func headers(_ list: [ExchangeHeader]) -> [[String: String]] { list.map { ["name": $0.name, "value": $0.value] } }
        return [
            "at": SNAPTimestamp.format(entry.at), "direction": entry.direction.rawValue, "operation": entry.operation, "invoice": entry.invoiceNumber,
            "externalId": entry.externalID, "method": entry.method, "path": entry.path, "httpStatus": entry.httpStatus, "responseCode": entry.responseCode,
            "latencyMs": entry.latencyMs, "outcome": entry.outcome, "refusedBy": entry.refusedBy?.rawValue,
            "requestHeaders": headers(entry.requestHeaders), "responseHeaders": headers(entry.responseHeaders),
            "requestBody": entry.requestBody, "responseBody": entry.responseBody,
        ]
    }
}
