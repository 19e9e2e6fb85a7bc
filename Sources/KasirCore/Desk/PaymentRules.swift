import DokuSNAP
import Foundation

/// The rules for what a cashier types into a payment or a refund, written once: the console's
/// forms mark fields with them as they are typed, and the desk refuses a draft that breaks them.
public enum PaymentRules {
    /// How long a payment link may stay valid.
    public static let validFor: ClosedRange<TimeInterval> = 60...(7 * 86_400)

    public static func amount(_ money: Money) throws(FieldProblem) {
        guard !money.isZero else { throw .zeroAmount }
    }

    /// An invoice or refund number: 1–64 characters, letters, digits, `-`, `_`, `.` and `/`.
    public static func number(_ number: String) throws(FieldProblem) {
        guard !number.isEmpty, number.count <= 64 else { throw .numberLength }
        guard number.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./".unicodeScalars.contains($0)) })
        else { throw .numberCharacters }
    }

    /// Free text DOKU carries (the order title, a refund reason): at most `max` characters, no controls.
    public static func text(_ value: String?, max: Int) throws(FieldProblem) {
        guard let value else { return }
        guard value.count <= max else { throw .tooLong(max: max) }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) }) else { throw .controlCharacters }
    }

    public static func title(_ value: String?) throws(FieldProblem) { try text(value, max: 64) }
    public static func reason(_ value: String?) throws(FieldProblem) { try text(value, max: 255) }

    public static func validFor(_ seconds: TimeInterval) throws(FieldProblem) {
        guard validFor.contains(seconds) else { throw .validForRange }
    }

    /// A typed duration (`15m`, `1h`, `900`), read and checked.
    public static func validFor(typed text: String) throws(FieldProblem) -> TimeInterval {
        guard let seconds = DurationText.parse(text) else { throw .validForUnreadable }
        try validFor(seconds)
        return seconds
    }

    public static func deviceID(_ value: String) throws(FieldProblem) {
        do { _ = try FieldRules.deviceID(value) } catch { throw .deviceID }
    }

    public static func ipAddress(_ value: String?) throws(FieldProblem) {
        do { try FieldRules.ipv4(value) } catch { throw .ipAddress }
    }

    /// The page DANA sends the customer back to; DOKU needs one in every DANA payment.
    public static func returnURL(_ value: String?) throws(FieldProblem) -> String {
        guard let value, !value.isEmpty else { throw .returnURLMissing }
        do { return try FieldRules.httpURL(value, "return URL", max: 255) } catch { throw .url }
    }

    /// A refund's amount against what can still be refunded.
    public static func refundAmount(_ money: Money, refundable: Money) throws(FieldProblem) {
        try amount(money)
        guard money <= refundable else { throw .aboveRefundable(refundable) }
    }
}
