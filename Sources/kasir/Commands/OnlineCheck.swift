import DokuSNAP
import Foundation
import KasirConfig
import KasirCore

/// `kasir config check --online`: proves the client id, the merchant key and the clock against
/// the configured DOKU with a B2B token request, and compares the notification URL registered
/// at DOKU with where kasir listens. Every failure comes with its fix.
enum OnlineCheck {
    /// What a refused or failed token request means for the person setting kasir up.
    static func explain(_ error: DokuError, baseURL: String, words w: Words = cliWords) -> String {
        switch error {
        case .notSent(_, let reason), .outcomeUnknown(_, let reason, nil):
            return w(.onlineUnreachable, baseURL, w.reason(reason).cleanedForDisplay(limit: 160))
        case .rejected(_, let code, let message), .outcomeUnknown(_, let message, .some(let code)):
            let said = w(.onlineAnswered, code.rawValue, message.cleanedForDisplay(limit: 120))
            switch (code.httpStatus, code.caseCode) {
            case (401, "00"):
                return w(.onlineBadSignature, said)
            case (401, _), (403, _):
                return w(.onlineUnknownClient, said)
            case (400, "01"), (400, "02"):
                return w(.onlineBadHeader, said)
            default:
                return w(.onlineOther, said, w.responseTitle(code.rawValue) ?? code.title)
            }
        case .invalidResponse(_, let reason):
            return w(.onlineNotDoku, baseURL, reason.cleanedForDisplay(limit: 120))
        case .configuration(let message):
            return "\(message.cleanedForDisplay(limit: 200))"
        default:
            return "\(error)"
        }
    }

    /// DOKU's clock minus ours, from the answer's X-TIMESTAMP and the middle of the exchange.
    static func skew(_ entry: AuditEntry) -> TimeInterval? {
        guard let stamp = entry.responseHeaders.first(where: { $0.name.lowercased() == "x-timestamp" })?.value,
            let theirs = try? SNAPTimestamp.parse(stamp)
        else { return nil }
        let middle = entry.at.addingTimeInterval(Double(entry.latencyMs ?? 0) / 2000)
        return theirs.timeIntervalSince(middle)
    }

    /// Problems between the notification URL registered at DOKU and kasir's receiver, or none.
    static func notifyURLProblems(_ url: String, configuration: KasirConfiguration, words w: Words = cliWords) -> [String] {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme), let host = parsed.host else {
            return [w(.onlineNotifyNotURL, url.cleanedForDisplay(limit: 80))]
        }
        var problems: [String] = []
        if parsed.path != configuration.notifyPath {
            problems.append(w(.onlineNotifyPath, parsed.path.isEmpty ? "/" : parsed.path, configuration.notifyPath))
        }
        if configuration.environment.isProduction, scheme != "https" {
            problems.append(w(.onlineNotifyHTTPS))
        }
        let local = ["127.0.0.1", "localhost", "::1"].contains(host.lowercased())
        if local {
            let port = parsed.port ?? (scheme == "https" ? 443 : 80)
            if port != configuration.listenPort {
                problems.append(w(.onlineNotifyPort, String(port), "\(configuration.listenHost):\(configuration.listenPort)"))
            }
        }
        if local, configuration.environment.isProduction {
            problems.append(w(.onlineNotifyLocal, host))
        }
        return problems
    }
}
