import DokuSNAP
import Foundation
import KasirConfig
import KasirCore

/// `kasir config check --online`: proves the client id, the merchant key and the clock against
/// the configured DOKU with a B2B token request, and compares the notification URL registered
/// at DOKU with where kasir listens. Every failure comes with its fix.
enum OnlineCheck {
    /// What a refused or failed token request means for the person setting kasir up.
    static func explain(_ error: DokuError, baseURL: String) -> String {
        switch error {
        case .notSent(_, let reason), .outcomeUnknown(_, let reason, nil):
            return "DOKU at \(baseURL) could not be reached (\(reason.cleanedForDisplay(limit: 160))). Check the network, a proxy, and [doku] environment / base_url."
        case .rejected(_, let code, let message), .outcomeUnknown(_, let message, .some(let code)):
            let said = "DOKU answered \(code.rawValue) \(message.cleanedForDisplay(limit: 120))"
            switch (code.httpStatus, code.caseCode) {
            case (401, "00"):
                return "\(said): the signature of the token request was not accepted. The merchant public key in DOKU's dashboard (Settings › API Keys › Merchant Public Key) must be the one made from [doku] private_key_file (kasir init prints it); and this machine's clock must be right (NTP)."
            case (401, _), (403, _):
                return "\(said): DOKU does not know this client id in this environment. Sandbox and production have different client ids: check [doku] client_id against DOKU's dashboard (Settings › API Keys) and [doku] environment."
            case (400, "01"), (400, "02"):
                return "\(said): DOKU refused a header or the body; if it names X-TIMESTAMP, this machine's clock or time zone is wrong."
            default:
                return "\(said) (\(code.title))."
            }
        case .invalidResponse(_, let reason):
            return "the answer from \(baseURL) is not DOKU's token answer (\(reason.cleanedForDisplay(limit: 120))): is [doku] base_url DOKU's API?"
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
    static func notifyURLProblems(_ url: String, configuration: KasirConfiguration) -> [String] {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme), let host = parsed.host else {
            return ["--notify-url \(url.cleanedForDisplay(limit: 80)) is not an http(s) URL such as https://shop.example/v1.0/debit/notify"]
        }
        var problems: [String] = []
        if parsed.path != configuration.notifyPath {
            problems.append("DOKU would post to \(parsed.path.isEmpty ? "/" : parsed.path), but kasir receives on \(configuration.notifyPath): set [notifications] notify_path, or register \(configuration.notifyPath) at DOKU")
        }
        if configuration.environment.isProduction, scheme != "https" {
            problems.append("DOKU's production notifications need https://; put kasir listen behind a TLS proxy")
        }
        let local = ["127.0.0.1", "localhost", "::1"].contains(host.lowercased())
        if local {
            let port = parsed.port ?? (scheme == "https" ? 443 : 80)
            if port != configuration.listenPort {
                problems.append("the URL's port is \(port), but kasir listens on \(configuration.listenHost):\(configuration.listenPort): set [notifications] listen or the URL")
            }
        }
        if local, configuration.environment.isProduction {
            problems.append("\(host) is this machine: DOKU's servers cannot reach it; register the public address of your proxy")
        }
        return problems
    }
}
