import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// Audit entries as live-log lines: `→ payment INV-… 2005400 182 ms`, `← notification INV-… 00 paid`.
public enum LogFormatter {
    /// The line, tagged so the log filter finds it by direction (`in`, `out`), operation
    /// (`payment`, `notification`, …) and `refused`.
    public static func line(_ entry: AuditEntry) -> LogLine {
        var line = text(entry)
        var tags: Set<String> = [entry.direction == .outgoing ? "out" : "in"]
        for word in entry.operation.lowercased().split(separator: " ") { tags.insert(String(word)) }
        if entry.outcome.hasPrefix("refused") || entry.outcome.hasPrefix("kept for review") { tags.insert("refused") }
        if let check = entry.refusedBy { tags.insert(check.rawValue.replacingOccurrences(of: " ", with: "-")) }
        line.tags = tags
        return line
    }

    /// `m`: a timestamped separator ops put in the log to find a moment again (kept by every filter).
    public static func mark(at date: Date, words w: Words) -> LogLine {
        LogLine(time: clock(date), level: .debug, text: "──── " + w(.logMark, clock(date)) + " ────", tags: ["mark"])
    }

    static func text(_ entry: AuditEntry) -> LogLine {
        let time = clock(entry.at)
        let invoice = entry.invoiceNumber.map { " " + $0.cleanedForDisplay(limit: 64) } ?? ""
        let outcome = entry.outcome.cleanedForDisplay(limit: 160)
        switch entry.direction {
        case .outgoing:
            let code = entry.responseCode.flatMap(ResponseCode.init)
            let latency = entry.latencyMs.map { " \($0) ms" } ?? ""
            let operation = entry.operation == DokuOperation.accessToken.rawValue ? "token" : entry.operation
            if let code {
                let failed = !code.isSuccess
                return LogLine(
                    time: time, level: failed ? (code.category == .outcomeUnknown ? .warning : .error) : .info,
                    text: "→ \(operation)\(invoice) \(code.rawValue)\(latency)" + (failed ? " \(code.title)" : ""))
            }
            if entry.operation == AuditContext.reconcileOperation {
                // The one line a reconcile writes: a warning only when a check failed.
                return LogLine(time: time, level: outcome.hasSuffix("failed 0") || outcome.contains(", failed 0") ? .info : .warning, text: "↻ reconcile \(outcome)")
            }
            return LogLine(time: time, level: .error, text: "→ \(operation)\(invoice) \(outcome)\(latency)")
        case .incoming:
            if outcome.hasPrefix("refused") {
                let code = entry.responseCode.flatMap(ResponseCode.init)
                return LogLine(time: time, level: .error, text: "← \(entry.operation)\(invoice) \(outcome)" + (code.map { " (\($0.title))" } ?? ""))
            }
            let status = entry.responseCode.flatMap(TransactionStatus.init(rawValue:))
            return LogLine(time: time, level: .info, text: "← \(entry.operation)\(invoice) \(entry.responseCode ?? "") \(status?.meaning ?? "") — \(outcome)")
        }
    }

    /// `HH:mm:ss` in Asia/Jakarta.
    public static func clock(_ date: Date) -> String {
        String(SNAPTimestamp.format(date).dropFirst(11).prefix(8))
    }
}
