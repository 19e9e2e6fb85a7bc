import DokuSNAP
import Foundation

/// Who was at a till, and when: opened with the cashier's name, closed with a Z report.
/// A terminal has at most one open shift.
public struct Shift: Sendable, Equatable {
    public var id: String
    /// The terminal's device id (`[payment] device_id`).
    public var terminal: String
    public var cashier: String
    public var openedAt: Date
    public var closedAt: Date?

    public init(id: String, terminal: String, cashier: String, openedAt: Date, closedAt: Date? = nil) {
        self.id = id
        self.terminal = terminal
        self.cashier = cashier
        self.openedAt = openedAt
        self.closedAt = closedAt
    }

    public var isOpen: Bool { closedAt == nil }

    /// `POS01-20261202-140305`: the terminal and the Jakarta time it opened, unique per terminal.
    public static func makeID(terminal: String, at date: Date) -> String {
        let text = SNAPTimestamp.format(date)  // 2026-12-02T14:03:05+07:00
        let digits = text.prefix(19).filter(\.isNumber)
        return "\(terminal)-\(digits.prefix(8))-\(digits.dropFirst(8))"
    }

    /// A cashier's name as typed: 1–40 characters of plain text (`PaymentRules.text`).
    public static func validCashier(_ name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, (try? PaymentRules.text(trimmed, max: 40)) != nil else { return nil }
        return trimmed
    }
}
