import DokuSNAP
import Foundation
import KasirCore
import QRCodes
import TerminalUI

/// The new-payment form: each field validates as it is left, and all of them on Enter.
public struct PaymentForm: Sendable, Equatable {
    public enum Field: Int, CaseIterable, Sendable { case amount, invoice, title, validFor, initiation, deviceID, ipAddress, returnURL }

    public var amount = TextFieldState(maxLength: 24)
    public var invoice: TextFieldState
    public var title = TextFieldState(maxLength: 64)
    public var validFor = TextFieldState("15m", maxLength: 8)
    public var initiation = SelectState(["app", "pc", "mweb"])
    public var deviceID: TextFieldState
    public var ipAddress: TextFieldState
    public var returnURL: TextFieldState
    public var focus = Field.amount
    /// Set while DOKU is being asked.
    public var pendingTag: Int?

    public init(invoiceNumber: String, defaults: DeskConfiguration) {
        invoice = TextFieldState(invoiceNumber, maxLength: 64)
        deviceID = TextFieldState(defaults.deviceID, maxLength: 64)
        ipAddress = TextFieldState(defaults.ipAddress ?? "", maxLength: 15)
        returnURL = TextFieldState(defaults.returnURL ?? "", maxLength: 255)
        validFor = TextFieldState(Self.durationText(defaults.validFor), maxLength: 8)
    }

    static func durationText(_ seconds: TimeInterval) -> String {
        let s = Int(seconds)
        return s % 3600 == 0 ? "\(s / 3600)h" : s % 60 == 0 ? "\(s / 60)m" : "\(s)s"
    }

    /// Checks every field; the first wrong one gets its message. Returns the draft when all are right.
    public mutating func validate() -> PaymentDraft? {
        var ok = true
        let money = AmountEntry.check(&amount)
        if money == nil { ok = false }
        do { try NumberRules.validate(invoice.text, field: "invoice") } catch {
            invoice.error = invoice.text.isEmpty ? "required; letters, digits and - _ . /" : "letters, digits and - _ . / only, at most 64"
            ok = false
        }
        if title.text.count > 64 { title.error = "at most 64 characters"; ok = false }
        let seconds = DurationText.parse(validFor.text)
        if seconds == nil || seconds! < 60 || seconds! > 7 * 86_400 {
            validFor.error = "a duration from 1m to 7d, e.g. 15m or 1h"
            ok = false
        }
        do { try FieldRules.deviceID(deviceID.text) } catch { deviceID.error = error.rule; ok = false }
        let ip = ipAddress.text.isEmpty ? nil : ipAddress.text
        do { try FieldRules.ipv4(ip) } catch { ipAddress.error = "an IPv4 address such as 203.0.113.7, or empty"; ok = false }
        let url = returnURL.text.isEmpty ? nil : returnURL.text
        if let url { do { try FieldRules.httpURL(url, "return URL", max: 255) } catch { returnURL.error = "an http:// or https:// URL, or empty"; ok = false } }
        guard ok, let money, let seconds else { return nil }
        return PaymentDraft(
            amount: money, invoiceNumber: invoice.text, title: title.text.isEmpty ? nil : title.text, validFor: seconds,
            pointOfInitiation: PointOfInitiation(rawValue: initiation.value), deviceID: deviceID.text, ipAddress: ip, returnURL: url)
    }
}

/// The refund form: amount (default everything refundable), reason, refund number.
public struct RefundForm: Sendable, Equatable {
    public enum Field: Int, CaseIterable, Sendable { case amount, reason, number }

    public var invoice: Invoice
    public var refundable: Money
    public var amount: TextFieldState
    public var reason = TextFieldState("Customer request", maxLength: 255)
    public var number: TextFieldState
    public var focus = Field.amount
    public var pendingTag: Int?

    public init(invoice: Invoice, refundable: Money, refundNumber: String) {
        self.invoice = invoice
        self.refundable = refundable
        amount = TextFieldState(Self.typed(refundable), maxLength: 24)
        number = TextFieldState(refundNumber, maxLength: 64)
    }

    /// The refundable amount as a cashier would type it: `150.000`.
    static func typed(_ money: Money) -> String { money.groupedUnits }

    /// The amount if every field is right; otherwise the wrong fields carry messages.
    public mutating func validate() -> Money? {
        var result: Money?
        if let money = AmountEntry.check(&amount) {
            if money > refundable {
                amount.error = "at most \(refundable.displayText) can still be refunded"
            } else {
                result = money
            }
        }
        do { try NumberRules.validate(number.text, field: "refund number") } catch {
            number.error = "letters, digits and - _ . / only, at most 64"
            result = nil
        }
        if reason.text.count > 255 {
            reason.error = "at most 255 characters"
            result = nil
        }
        return result
    }
}

/// The amount fields: what was typed, read by `AmountInput` (the same reading as the CLI's
/// `--amount`), the reason on the field when it is not an amount.
public enum AmountEntry {
    /// The amount, or nil with the field's error set.
    @discardableResult
    public static func check(_ field: inout TextFieldState) -> Money? {
        switch AmountInput.parse(field.text) {
        case .success(let money):
            field.error = nil
            return money
        case .failure(let error):
            field.error = error.message
            return nil
        }
    }

    /// What the field is understood as, shown under it while typing: `= Rp 150.000`.
    public static func reading(_ field: TextFieldState) -> String? {
        guard case .success(let money) = AmountInput.parse(field.text) else { return nil }
        return "= " + money.displayText
    }

    /// An editing key in an amount field: applied, then the text is read again at once, so a
    /// minus sign, a letter or an exponent is refused where it is typed, with the reason.
    public static func handle(_ field: inout TextFieldState, _ key: Key) {
        field.handle(key)
        if field.text.isEmpty { field.error = nil } else { check(&field) }
    }
}

/// The QR view of one invoice, as large as the terminal allows, following its status live.
public struct QRScreen: Sendable, Equatable {
    public var invoice: Invoice
    /// The code for the invoice's link; nil when the link is not an http(s) URL (then only text shows).
    public let matrix: QRMatrix?

    public init(invoice: Invoice) {
        self.invoice = invoice
        let url = invoice.webRedirectUrl ?? ""
        let lower = url.lowercased()
        matrix = lower.hasPrefix("https://") || lower.hasPrefix("http://") ? try? QREncoder.encode(url) : nil
    }
}

