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

    /// Checks every field by `PaymentRules` (the desk's own rules); each wrong one gets its
    /// message. Returns the draft when all are right.
    public mutating func validate(words w: Words) -> PaymentDraft? {
        var ok = true
        func check<T>(_ field: Field, _ rule: () throws(FieldProblem) -> T) -> T? {
            do { return try rule() } catch {
                mark(field, w.problem(error))
                ok = false
                return nil
            }
        }
        let money = AmountEntry.check(&amount, words: w)
        if money == nil { ok = false }
        _ = check(.invoice) { () throws(FieldProblem) in try PaymentRules.number(invoice.text) }
        _ = check(.title) { () throws(FieldProblem) in try PaymentRules.title(title.text) }
        let seconds = check(.validFor) { () throws(FieldProblem) in try PaymentRules.validFor(typed: validFor.text) }
        _ = check(.deviceID) { () throws(FieldProblem) in try PaymentRules.deviceID(deviceID.text) }
        let ip = ipAddress.text.isEmpty ? nil : ipAddress.text
        _ = check(.ipAddress) { () throws(FieldProblem) in try PaymentRules.ipAddress(ip) }
        // Empty: the configured return URL is used, and the desk says so if there is none.
        let url = returnURL.text.isEmpty ? nil : returnURL.text
        if url != nil { _ = check(.returnURL) { () throws(FieldProblem) in try PaymentRules.returnURL(url) } }
        guard ok, let money, let seconds else { return nil }
        return PaymentDraft(
            amount: money, invoiceNumber: invoice.text, title: title.text.isEmpty ? nil : title.text, validFor: seconds,
            pointOfInitiation: PointOfInitiation(rawValue: initiation.value), deviceID: deviceID.text, ipAddress: ip, returnURL: url)
    }

    /// Puts `message` on the form's field for `field`.
    public mutating func mark(_ field: EntryField, _ message: String) {
        switch field {
        case .invoiceNumber: mark(Field.invoice, message)
        case .title: mark(Field.title, message)
        case .validFor: mark(Field.validFor, message)
        case .deviceID: mark(Field.deviceID, message)
        case .ipAddress: mark(Field.ipAddress, message)
        case .returnURL: mark(Field.returnURL, message)
        case .amount, .refundAmount, .reason, .refundNumber, .notification, .cashier: mark(Field.amount, message)
        }
    }

    mutating func mark(_ field: Field, _ message: String) {
        switch field {
        case .amount: amount.error = message
        case .invoice: invoice.error = message
        case .title: title.error = message
        case .validFor: validFor.error = message
        case .initiation: break
        case .deviceID: deviceID.error = message
        case .ipAddress: ipAddress.error = message
        case .returnURL: returnURL.error = message
        }
    }
}

/// The refund form: amount (default everything refundable), reason, refund number.
public struct RefundForm: Sendable, Equatable {
    public enum Field: Int, CaseIterable, Sendable { case amount, reason, number }

    public var invoice: Invoice
    public var refundable: Money
    public var amount: TextFieldState
    public var reason: TextFieldState
    public var number: TextFieldState
    public var focus = Field.amount
    public var pendingTag: Int?

    public init(invoice: Invoice, refundable: Money, refundNumber: String, reason: String) {
        self.reason = TextFieldState(reason, maxLength: 255)
        self.invoice = invoice
        self.refundable = refundable
        amount = TextFieldState(Self.typed(refundable), maxLength: 24)
        number = TextFieldState(refundNumber, maxLength: 64)
    }

    /// The refundable amount as a cashier would type it: `150.000`.
    static func typed(_ money: Money) -> String { money.groupedUnits }

    /// The amount if every field is right (by `PaymentRules`); otherwise the wrong fields carry messages.
    public mutating func validate(words w: Words) -> Money? {
        var result: Money?
        if let money = AmountEntry.check(&amount, words: w) {
            do {
                try PaymentRules.refundAmount(money, refundable: refundable)
                result = money
            } catch { amount.error = w.problem(error) }
        }
        do { try PaymentRules.number(number.text) } catch {
            number.error = w.problem(error)
            result = nil
        }
        do { try PaymentRules.reason(reason.text) } catch {
            reason.error = w.problem(error)
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
    public static func check(_ field: inout TextFieldState, words: Words) -> Money? {
        switch AmountInput.parse(field.text) {
        case .success(let money):
            field.error = nil
            return money
        case .failure(let error):
            field.error = words.amountProblem(error)
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
    public static func handle(_ field: inout TextFieldState, _ key: Key, words: Words) {
        field.handle(key)
        if field.text.isEmpty { field.error = nil } else { check(&field, words: words) }
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

