import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// Audit entries as live-log lines: `→ payment INV-… 2005400 182 ms`, `← notification INV-… 00 paid`.
public enum LogFormatter {
    /// The line, tagged so the log filter finds it by direction (`in`, `out`), operation
    /// (`payment`, `notification`, …) and `refused`.
    /// The words are the reader's: operations, statuses, outcomes and DOKU's code titles; the
    /// tags keep the English words too, so a filter typed either way finds the line.
    public static func line(_ entry: AuditEntry, words: Words = .english) -> LogLine {
        var line = text(entry, words: words)
        var tags: Set<String> = [entry.direction == .outgoing ? "out" : "in"]
        for word in entry.operation.lowercased().split(separator: " ") { tags.insert(String(word)) }
        for word in words.operation(entry.operation).lowercased().split(separator: " ") { tags.insert(String(word)) }
        if entry.outcome.hasPrefix("refused") || entry.outcome.hasPrefix("kept for review") { tags.insert("refused") }
        if let check = entry.refusedBy { tags.insert(check.rawValue.replacingOccurrences(of: " ", with: "-")) }
        line.tags = tags
        return line
    }

    /// `m`: a timestamped separator ops put in the log to find a moment again (kept by every filter).
    public static func mark(at date: Date, words w: Words) -> LogLine {
        LogLine(time: clock(date), level: .debug, text: "──── " + w(.logMark, clock(date)) + " ────", tags: ["mark"])
    }

    static func text(_ entry: AuditEntry, words w: Words) -> LogLine {
        let time = clock(entry.at)
        let invoice = entry.invoiceNumber.map { " " + $0.cleanedForDisplay(limit: 64) } ?? ""
        let outcome = entry.outcome.cleanedForDisplay(limit: 160)
        let operationName = w.operation(entry.operation)
        switch entry.direction {
        case .outgoing:
            let code = entry.responseCode.flatMap(ResponseCode.init)
            let latency = entry.latencyMs.map { " \($0) ms" } ?? ""
            if let code {
                let failed = !code.isSuccess
                let title = w.responseTitle(code.rawValue) ?? code.title
                return LogLine(
                    time: time, level: failed ? (code.category == .outcomeUnknown ? .warning : .error) : .info,
                    text: "→ \(operationName)\(invoice) \(code.rawValue)\(latency)" + (failed ? " \(title)" : ""))
            }
            if entry.operation == AuditContext.reconcileOperation {
                // The one line a reconcile writes: a warning only when a check failed.
                let failed = ReconcileSummary(parsing: entry.outcome)?.failed ?? 1
                return LogLine(time: time, level: failed == 0 ? .info : .warning, text: "↻ \(operationName) \(w.reconcileSummary(entry.outcome).cleanedForDisplay(limit: 160))")
            }
            return LogLine(time: time, level: .error, text: "→ \(operationName)\(invoice) \(w.reason(outcome))\(latency)")
        case .incoming:
            if outcome.hasPrefix("refused") {
                let code = entry.responseCode.flatMap(ResponseCode.init)
                let title = code.map { w.responseTitle($0.rawValue) ?? $0.title }
                return LogLine(time: time, level: .error, text: "← \(operationName)\(invoice) \(w.notificationOutcome(outcome))" + (title.map { " (\($0))" } ?? ""))
            }
            let status = entry.responseCode.flatMap(TransactionStatus.init(rawValue:))
            return LogLine(
                time: time, level: .info,
                text: "← \(operationName)\(invoice) \(entry.responseCode ?? "") \(status.map(w.transactionMeaning) ?? "") — \(w.notificationOutcome(outcome))")
        }
    }

    /// `HH:mm:ss` in Asia/Jakarta.
    public static func clock(_ date: Date) -> String {
        String(SNAPTimestamp.format(date).dropFirst(11).prefix(8))
    }
}
