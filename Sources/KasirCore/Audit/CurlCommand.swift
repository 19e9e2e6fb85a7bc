import DokuSNAP
import Foundation

/// An exchange as a shell script that makes the same request with curl, for ops to replay or
/// send to DOKU's support. Secrets were never kept, so they stay placeholders: each redacted
/// header becomes a variable the script refuses to run without.
public enum CurlCommand {
    /// `baseURL` is where the request went: DOKU's base URL for kasir's calls, kasir's receiver
    /// for DOKU's notifications.
    public static func script(_ entry: AuditEntry, baseURL: String) -> String {
        var lines = [
            "#!/bin/sh",
            "# kasir: \(entry.direction == .outgoing ? "kasir → DOKU" : "DOKU → kasir") \(entry.operation) at \(SNAPTimestamp.format(entry.at))"
                + (entry.invoiceNumber.map { " (\($0))" } ?? ""),
            "# Secrets were never stored: set the variables below before running it.",
            ": \"${BASE_URL:=\(baseURL.cleanedForDisplay(limit: 200))}\"",
        ]
        var headerArguments: [String] = []
        for header in entry.requestHeaders {
            guard header.value.contains("<redacted") else {
                headerArguments.append("  -H " + quoted("\(header.name): \(header.value)") + " \\")
                continue
            }
            let variable = header.name.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            let example = header.value.hasPrefix("Bearer ") ? "Bearer <token>" : "<\(header.name.lowercased())>"
            lines.append(": \"${\(variable):?set \(variable) to the \(header.name) value, e.g. \(example)}\"")
            headerArguments.append("  -H \"\(header.name): $\(variable)\" \\")
        }
        lines.append("curl -sS -i -X \(entry.method ?? "POST") \"$BASE_URL\"" + quoted(entry.path ?? "/") + " \\")
        lines += headerArguments
        lines.append("  --data-raw " + quoted(entry.requestBody))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Single-quoted for sh: nothing inside is expanded.
    static func quoted(_ text: String) -> String {
        "'" + text.cleanedForDisplay(limit: 65_536).replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
