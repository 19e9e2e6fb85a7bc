import DokuSNAP

/// Why an invoice changed status. The store keeps `text` (English, the same for every record
/// old and new); `Words.cause` reads it back in the cashier's language. Each cause is written
/// here once, so the two never drift.
public enum TransitionCause: Sendable, Equatable {
    case intentStored
    case payment(code: String)
    case paymentWithoutLink(code: String)
    case paymentOutcomeUnknown(reason: String)
    case paymentNotSent(reason: String)
    case statusCheck(TransactionStatus)
    case statusCheckNotFound(code: String)
    case stillOpenAtDoku(TransactionStatus, secondsLate: Int)
    case linkRecovered(code: String)
    case refundConfirmed(number: String, amount: String)
    case notification(TransactionStatus)

    /// The stored text.
    public var text: String {
        switch self {
        case .intentStored: "intent stored"
        case .payment(let code): "payment \(code)"
        case .paymentWithoutLink(let code): "payment \(code) without link"
        case .paymentOutcomeUnknown(let reason): "payment outcome unknown: \(reason)"
        case .paymentNotSent(let reason): "payment not sent: \(reason)"
        case .statusCheck(let status): "status check: \(status.rawValue) \(status.meaning)"
        case .statusCheckNotFound(let code): "status check: \(code) not found at DOKU"
        case .stillOpenAtDoku(let status, let late): "still \(status.meaning) at DOKU \(late) s after validUpTo"
        case .linkRecovered(let code): "link recovered: payment \(code)"
        case .refundConfirmed(let number, let amount): "refund \(number) of \(amount) confirmed"
        case .notification(let status): "notification: \(status.rawValue) \(status.meaning)"
        }
    }

    /// The cause a stored `text` names; nil for any other text (kept as it is).
    public init?(parsing text: String) {
        func after(_ prefix: String) -> String? { text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil }
        func status(_ rest: String) -> TransactionStatus? {
            TransactionStatus.allCases.first { rest == "\($0.rawValue) \($0.meaning)" }
        }
        if text == "intent stored" {
            self = .intentStored
        } else if let rest = after("payment outcome unknown: ") {
            self = .paymentOutcomeUnknown(reason: rest)
        } else if let rest = after("payment not sent: ") {
            self = .paymentNotSent(reason: rest)
        } else if let rest = after("payment "), rest.hasSuffix(" without link"), !rest.contains(":") {
            self = .paymentWithoutLink(code: String(rest.dropLast(" without link".count)))
        } else if let rest = after("payment "), !rest.contains(" ") {
            self = .payment(code: rest)
        } else if let rest = after("status check: "), rest.hasSuffix(" not found at DOKU") {
            self = .statusCheckNotFound(code: String(rest.dropLast(" not found at DOKU".count)))
        } else if let rest = after("status check: "), let reported = status(rest) {
            self = .statusCheck(reported)
        } else if let rest = after("notification: "), let reported = status(rest) {
            self = .notification(reported)
        } else if let rest = after("link recovered: payment "), !rest.contains(" ") {
            self = .linkRecovered(code: rest)
        } else if let rest = after("still "), rest.hasSuffix(" s after validUpTo"),
            let reported = TransactionStatus.allCases.first(where: { rest.hasPrefix($0.meaning + " at DOKU ") }),
            let late = Int(rest.dropFirst(reported.meaning.count + " at DOKU ".count).dropLast(" s after validUpTo".count))
        {
            self = .stillOpenAtDoku(reported, secondsLate: late)
        } else if let rest = after("refund "), rest.hasSuffix(" confirmed"), let of = rest.range(of: " of ") {
            self = .refundConfirmed(number: String(rest[..<of.lowerBound]), amount: String(rest[of.upperBound...].dropLast(" confirmed".count)))
        } else {
            return nil
        }
    }
}
