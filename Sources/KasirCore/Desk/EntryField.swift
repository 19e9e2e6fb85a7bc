import DokuSNAP

/// A field a person fills in for a payment or a refund, named as a value so the console marks
/// the right field and no caller matches on words.
public enum EntryField: String, Sendable, Equatable, CaseIterable {
    case amount, invoiceNumber, title, validFor, deviceID, ipAddress, returnURL
    case refundAmount, reason, refundNumber
    /// The cashier's name when a shift opens.
    case cashier
    /// A notification's body (no field of a form).
    case notification
}

extension EntryField {
    /// Runs one of `PaymentRules` for this field; a broken rule becomes `DeskError.invalid` naming it.
    @discardableResult
    public func check<T>(_ rule: () throws(FieldProblem) -> T) throws(DeskError) -> T {
        do { return try rule() } catch { throw .invalid(field: self, problem: error) }
    }
}

/// What is wrong with what was typed into a field; the catalog says it in the user's language.
public enum FieldProblem: Error, Sendable, Equatable {
    case amount(AmountInputError)
    case zeroAmount
    /// Invoice and refund numbers: 1 to 64 characters.
    case numberLength
    /// Invoice and refund numbers: letters, digits and `- _ . /` only.
    case numberCharacters
    case tooLong(max: Int)
    case controlCharacters
    case validForUnreadable
    case validForRange
    case deviceID
    case ipAddress
    case url
    /// DOKU needs a return URL in every DANA payment and none is configured.
    case returnURLMissing
    case notificationIncomplete
    case aboveRefundable(Money)
    case cashierName
}
