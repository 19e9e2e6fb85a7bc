import KasirCore

/// The `:` command line, read by a pure parser: `:pay 150000`, `:refund INV-… 50000`,
/// `:status INV-…`, `:theme light`, `:reconcile`, `:export`, `:find text`, `:q`.
public enum ConsoleCommandLine: Sendable, Equatable {
    case quit
    /// The payment form, with the amount as typed (read by the form's own rules).
    case pay(amount: String?)
    case refund(invoiceNumber: String, amount: String?)
    case status(invoiceNumber: String)
    case theme(String)
    case reconcile
    case export
    case find(String)
    /// `:shift open NAME`, `:shift report` (X), `:shift close` (Z).
    case shift(ShiftRequest)
    /// `:resend INV-…`: a sandbox (or the demo) sends the invoice's notification again, as
    /// DOKU's back office does.
    case resend(invoiceNumber: String)

    /// What is wrong with a command line.
    public enum Problem: Error, Sendable, Equatable {
        case refundUsage, statusUsage, themeUsage, shiftUsage, resendUsage
        case unknown(String)

        public func text(_ w: Words, themes: [String]) -> String {
            switch self {
            case .refundUsage: w(.usageRefund)
            case .statusUsage: w(.usageStatus)
            case .themeUsage: w(.usageTheme, themes.joined(separator: ", "))
            case .shiftUsage: w(.usageShift)
            case .resendUsage: w(.usageResend)
            case .unknown(let verb): w(.unknownCommand, verb.cleanedForDisplay(limit: 20))
            }
        }
    }

    /// The command on `line`; nil for an empty line.
    public static func parse(_ line: String) -> Result<ConsoleCommandLine, Problem>? {
        let words = line.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return nil }
        let rest = Array(words.dropFirst())
        switch verb {
        case "q", "quit": return .success(.quit)
        case "pay": return .success(.pay(amount: rest.isEmpty ? nil : rest.joined(separator: " ")))
        case "refund":
            guard rest.count == 1 || rest.count == 2 else { return .failure(.refundUsage) }
            return .success(.refund(invoiceNumber: rest[0], amount: rest.count == 2 ? rest[1] : nil))
        case "status":
            guard rest.count == 1 else { return .failure(.statusUsage) }
            return .success(.status(invoiceNumber: rest[0]))
        case "theme":
            guard rest.count == 1 else { return .failure(.themeUsage) }
            return .success(.theme(rest[0]))
        case "resend":
            guard rest.count == 1 else { return .failure(.resendUsage) }
            return .success(.resend(invoiceNumber: rest[0]))
        case "reconcile": return .success(.reconcile)
        case "export": return .success(.export)
        case "filter", "find": return .success(.find(rest.joined(separator: " ")))
        case "shift":
            switch rest.first?.lowercased() {
            case "open" where rest.count >= 2: return .success(.shift(.open(cashier: rest.dropFirst().joined(separator: " "))))
            case "report" where rest.count == 1, "x" where rest.count == 1: return .success(.shift(.report))
            case "close" where rest.count == 1, "z" where rest.count == 1: return .success(.shift(.close))
            default: return .failure(.shiftUsage)
            }
        default: return .failure(.unknown(verb))
        }
    }
}
