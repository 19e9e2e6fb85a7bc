import DokuSNAP
import Foundation

/// The catalogs, one per language.
public enum Catalog {
    public static func text(_ phrase: Phrase, in language: Language) -> String {
        switch language {
        case .english: english(phrase)
        case .indonesian: indonesian(phrase)
        }
    }
}

/// Words in one language: what the console and the CLI look every text up through.
public struct Words: Sendable, Equatable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    public static let english = Words(.english)
    public static let indonesian = Words(.indonesian)

    /// The phrase with `{1}`, `{2}`… filled in from `arguments`.
    public func callAsFunction(_ phrase: Phrase, _ arguments: String...) -> String {
        Self.fill(Catalog.text(phrase, in: language), arguments)
    }

    /// The phrase with its arguments given as a list.
    public func callAsFunction(_ phrase: Phrase, arguments: [String]) -> String {
        Self.fill(Catalog.text(phrase, in: language), arguments)
    }

    static func fill(_ template: String, _ arguments: [String]) -> String {
        guard template.contains("{") else { return template }
        var text = template
        // From the last so `{1}` is never found inside a filled-in `{12}`.
        for (index, argument) in arguments.enumerated().reversed() { text = text.replacingOccurrences(of: "{\(index + 1)}", with: argument) }
        return text
    }

    // MARK: statuses

    /// A status in full, for the detail pane, the QR view and messages.
    public func status(_ status: InvoiceStatus) -> String {
        switch status {
        case .created: self(.statusCreated)
        case .awaitingPayment: self(.statusAwaiting)
        case .paid: self(.statusPaid)
        case .partiallyRefunded: self(.statusPartlyRefunded)
        case .refunded: self(.statusRefunded)
        case .failed: self(.statusFailed)
        case .expired: self(.statusExpired)
        case .unknown: self(.statusUnknown)
        }
    }

    /// A status short enough for the list's column and badges (at most `badgeWidth` columns).
    public func badge(_ status: InvoiceStatus) -> String {
        switch status {
        case .created: self(.statusCreatedShort)
        case .awaitingPayment: self(.statusAwaitingShort)
        case .paid: self(.statusPaidShort)
        case .partiallyRefunded: self(.statusPartlyRefundedShort)
        case .refunded: self(.statusRefundedShort)
        case .failed: self(.statusFailedShort)
        case .expired: self(.statusExpiredShort)
        case .unknown: self(.statusUnknownShort)
        }
    }

    /// The widest badge in this language.
    public var badgeWidth: Int { InvoiceStatus.allCases.map { badge($0).count }.max() ?? 0 }

    public func refundStatus(_ status: RefundStatus) -> String {
        switch status {
        case .requested: self(.refundRequested)
        case .succeeded: self(.refundSucceeded)
        case .failed: self(.refundFailed)
        case .unknown: self(.refundUnknown)
        }
    }

    // MARK: time

    /// A short age for the header and the log: `42s` / `42 dtk`, `5m`, `3h`.
    public func age(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds))
        return s < 60 ? self(.secondsShort, String(s)) : s < 3600 ? self(.minutesShort, String(s / 60)) : self(.hoursShort, String(s / 3600))
    }

    /// A duration as people say it: `15 minutes` / `15 menit`, `2 jam`, `1 hari`; mixed units
    /// (`1h30m`) say the larger unit and the rest.
    public func duration(_ seconds: TimeInterval) -> String {
        let s = Int(seconds)
        func part(_ count: Int, one: Phrase, many: Phrase) -> String { count == 1 ? self(one) : self(many, String(count)) }
        if s >= 86_400, s % 86_400 == 0 { return part(s / 86_400, one: .day, many: .days) }
        if s >= 3600 {
            let hours = part(s / 3600, one: .hour, many: .hours)
            return s % 3600 == 0 ? hours : hours + " " + part(s % 3600 / 60, one: .minute, many: .minutes)
        }
        if s >= 60, s % 60 == 0 { return part(s / 60, one: .minute, many: .minutes) }
        return self(.secondsShort, String(s))
    }

    /// Time left as a countdown (`sisa 14:03`), or how long ago the link expired.
    public func countdown(until: Date, now: Date) -> String {
        let left = Int(until.timeIntervalSince(now).rounded(.down))
        guard left > 0 else { return self(.linkExpiredAgo, age(-Double(left))) }
        let clock = left >= 3600 ? String(format: "%d:%02d:%02d", left / 3600, left % 3600 / 60, left % 60) : String(format: "%d:%02d", left / 60, left % 60)
        return self(.countdown, clock)
    }

    /// Jakarta time as people read it, `2 Dec 2026 14:03 WIB` / `2 Des 2026 14:03 WIB`, the
    /// longest form that fits `width` (dropping the seconds, then the zone, then the year).
    public func dateTime(_ date: Date, width: Int = .max, seconds: Bool = false) -> String {
        let stamp = SNAPTimestamp.format(date)  // 2026-12-02T14:03:05+07:00
        let parts = stamp.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let month = Phrase(rawValue: "month\(parts[1])") else { return String(stamp.prefix(16)) }
        let day = "\(parts[2]) \(self(month))"
        let minute = String(stamp.dropFirst(11).prefix(5))
        let second = String(stamp.dropFirst(11).prefix(8))
        var forms = ["\(day) \(parts[0]) \(minute) WIB", "\(day) \(parts[0]) \(minute)", "\(day) \(minute)"]
        if seconds { forms.insert("\(day) \(parts[0]) \(second) WIB", at: 0) }
        return forms.first { $0.count <= width } ?? forms.last!
    }

    // MARK: what went wrong

    public func amountProblem(_ problem: AmountInputError) -> String {
        switch problem {
        case .empty: self(.amountEmpty)
        case .negative(let suggestion): self(.amountNegative, suggestion)
        case .spaces: self(.amountSpaces)
        case .exponent: self(.amountExponent)
        case .notPartOfAmount(let character): self(.amountNotPart, character)
        case .notWhole(let text): self(.amountNotWhole, text)
        case .sen(let suggestion): self(.amountSen, suggestion)
        case .decimalPoint(let thousands, let joined): self(.amountDecimalPoint, thousands, joined)
        case .ambiguousComma(let text, let whole, let shorter): self(.amountAmbiguous, text, whole, shorter)
        case .misplacedSeparator(let text): self(.amountMisplaced, text)
        case .tooLarge: self(.amountTooLarge)
        case .zero: self(.amountZero)
        }
    }

    public func problem(_ problem: FieldProblem) -> String {
        switch problem {
        case .amount(let amount): amountProblem(amount)
        case .zeroAmount: self(.amountZero)
        case .numberLength: self(.problemNumberLength)
        case .numberCharacters: self(.problemNumberCharacters)
        case .tooLong(let max): self(.problemTooLong, String(max))
        case .controlCharacters: self(.problemControl)
        case .validForUnreadable: self(.problemValidForUnreadable)
        case .validForRange: self(.problemValidForRange)
        case .deviceID: self(.problemDeviceID)
        case .ipAddress: self(.problemIPAddress)
        case .url: self(.problemURL)
        case .returnURLMissing: self(.problemReturnURLMissing)
        case .notificationIncomplete: self(.problemNotificationIncomplete)
        case .aboveRefundable(let money): self(.problemAboveRefundable, money.displayText)
        case .cashierName: self(.problemCashierName)
        }
    }

    public func field(_ field: EntryField) -> String {
        switch field {
        case .amount: self(.entryAmount)
        case .invoiceNumber: self(.entryInvoiceNumber)
        case .title: self(.entryTitle)
        case .validFor: self(.entryValidFor)
        case .deviceID: self(.entryDeviceID)
        case .ipAddress: self(.entryIPAddress)
        case .returnURL: self(.entryReturnURL)
        case .refundAmount: self(.entryRefundAmount)
        case .reason: self(.entryReason)
        case .refundNumber: self(.entryRefundNumber)
        case .notification: self(.entryNotification)
        case .cashier: self(.entryCashier)
        }
    }

    public func deskError(_ error: DeskError) -> String {
        switch error {
        case .invalid(let field, let problem): self(.fieldWithProblem, self.field(field), self.problem(problem))
        case .rejected(let number, let code, let message): self(.errorRejected, number, code, responseTitle(code) ?? message)
        case .outcomeUnknown(let number, let reason): self(.errorOutcomeUnknown, number, self.reason(reason))
        case .refundOutcomeUnknown(let number, let reason): self(.errorRefundOutcomeUnknown, number, self.reason(reason))
        case .notSent(let number, let reason): self(.errorNotSent, number, self.reason(reason))
        case .notFound(let number): self(.errorNotFound, number)
        case .amountMismatch(let number, let message): self(.fieldWithProblem, number, message)
        case .notRefundable(let number, let reason): self(.errorNotRefundable, number, notRefundableReason(reason))
        case .exceedsRefundable(let number, let available): self(.errorExceedsRefundable, available.displayText, number)
        case .duplicate(let number): self(.errorDuplicate, number)
        case .store(let message): self(.errorStore, message)
        case .shiftAlreadyOpen(let terminal): self(.errorShiftOpen, terminal)
        case .noOpenShift(let terminal): self(.errorNoShift, terminal)
        }
    }

    /// An audit entry's stored outcome in this language: a notification's (`notificationOutcome`),
    /// a reconcile's summary, or an answer's category and why none came; any other text as it came.
    public func exchangeOutcome(_ entry: AuditEntry) -> String {
        let text = entry.outcome
        if entry.direction == .incoming { return notificationOutcome(text) }
        if entry.operation == AuditContext.reconcileOperation { return reconcileSummary(text) }
        if let category = ResponseCode.Category(rawValue: text) {
            return switch category {
            case .success: self(.exchangeOutcomeSuccess)
            case .rejected: self(.exchangeOutcomeRejected)
            case .retryable: self(.exchangeOutcomeRetryable)
            case .outcomeUnknown: self(.exchangeOutcomeUnknown)
            }
        }
        if text == DokuExchange.unreadableAnswer { return self(.exchangeOutcomeUnreadable) }
        if text.hasPrefix(DokuExchange.notSentPrefix) { return self(.exchangeOutcomeNotSent, reason(String(text.dropFirst(DokuExchange.notSentPrefix.count)))) }
        if text.hasPrefix(DokuExchange.noAnswerPrefix) { return self(.exchangeOutcomeNoAnswer, reason(String(text.dropFirst(DokuExchange.noAnswerPrefix.count)))) }
        return text
    }

    /// An audit entry's operation as the live log names it (the stored name is English).
    public func operation(_ raw: String) -> String {
        switch raw {
        case DokuOperation.payment.rawValue: self(.logOpPayment)
        case DokuOperation.checkStatus.rawValue: self(.logOpStatus)
        case DokuOperation.refund.rawValue: self(.logOpRefund)
        case DokuOperation.accessToken.rawValue: self(.logOpToken)
        case "notification": self(.logOpNotification)
        case "token request": self(.logOpTokenRequest)
        case AuditContext.reconcileOperation: self(.logOpReconcile)
        default: raw
        }
    }

    /// What a DOKU transaction status means, in this language.
    public func transactionMeaning(_ status: TransactionStatus) -> String {
        switch status {
        case .success: self(.txSuccess)
        case .initiated: self(.txInitiated)
        case .paying: self(.txPaying)
        case .pending: self(.txPending)
        case .refunded: self(.txRefunded)
        case .cancelled: self(.txCancelled)
        case .failed: self(.txFailed)
        case .notFound: self(.txNotFound)
        }
    }

    /// A reconcile's note (`INV-1: AWAITING → PAID`, `INV-1: still AWAITING`) in this language.
    public func reconcileNote(_ note: ReconcileSummary.Note) -> String {
        switch note {
        case .changed(let number, let from, let to): "\(number): \(from.map(badge) ?? "?") → \(badge(to))"
        case .unchanged(let number, let status): self(.reconcileStill, number, badge(status))
        case .other(let text): text
        }
    }

    /// A stored reconcile summary in this language; any other text as it came.
    public func reconcileSummary(_ text: String) -> String {
        guard let summary = ReconcileSummary(parsing: text) else { return text }
        func list(_ items: [String], more: Bool) -> String { items.isEmpty ? "" : " (" + (items + (more ? ["…"] : [])).joined(separator: "; ") + ")" }
        return self(
            .reconcileSummaryLine, String(summary.checked), String(summary.changed), list(summary.changes.map(reconcileNote), more: summary.moreChanges),
            String(summary.failed), list(summary.failures, more: summary.moreFailures))
    }

    /// A stored transition cause (`TransitionCause`) in this language; any other text as it came.
    public func cause(_ text: String) -> String {
        guard let cause = TransitionCause(parsing: text) else { return text }
        return switch cause {
        case .intentStored: self(.causeIntentStored)
        case .payment(let code): self(.causePayment, code)
        case .paymentWithoutLink(let code): self(.causePaymentWithoutLink, code)
        case .paymentOutcomeUnknown(let why): self(.causePaymentUnknown, reason(why))
        case .paymentNotSent(let why): self(.causePaymentNotSent, reason(why))
        case .statusCheck(let status): self(.causeStatusCheck, status.rawValue, transactionMeaning(status))
        case .statusCheckNotFound(let code): self(.causeStatusNotFound, code)
        case .stillOpenAtDoku(let status, let late): self(.causeStillOpen, transactionMeaning(status), String(late))
        case .linkRecovered(let code): self(.causeLinkRecovered, code)
        case .refundConfirmed(let number, let amount): self(.causeRefundConfirmed, number, amount)
        case .notification(let status): self(.causeNotification, status.rawValue, transactionMeaning(status))
        }
    }

    /// A stored notification outcome (`NotificationOutcome`, a transition, kept or refused) in
    /// this language; any other text as it came.
    public func notificationOutcome(_ text: String) -> String {
        if let known = NotificationOutcome(rawValue: text) {
            return switch known {
            case .applied: self(.outcomeApplied)
            case .outOfDate: self(.outcomeOutOfDate)
            case .duplicate: self(.outcomeDuplicate)
            case .unknownInvoice: self(.outcomeUnknownInvoice)
            case .amountMismatch: self(.outcomeAmountMismatch)
            case .referenceMismatch: self(.outcomeReferenceMismatch)
            }
        }
        if let (from, to) = NotificationOutcome.parseTransition(text) { return (from.map(badge) ?? "-") + " → " + badge(to) }
        if text.hasPrefix(NotificationOutcome.keptForReviewPrefix) { return self(.outcomeKeptForReview, String(text.dropFirst(NotificationOutcome.keptForReviewPrefix.count))) }
        if text.hasPrefix(NotificationOutcome.refusedPrefix) { return self(.outcomeRefused, String(text.dropFirst(NotificationOutcome.refusedPrefix.count))) }
        return text
    }

    /// A failure's reason in this language when kasir wrote it (`FailureReason`), as it came otherwise.
    public func reason(_ text: String) -> String {
        guard let known = FailureReason(rawValue: text) else { return text }
        return switch known {
        case .answerTimedOut: self(.reasonAnswerTimedOut)
        case .connectTimedOut: self(.reasonConnectTimedOut)
        case .connectionRefused: self(.reasonConnectionRefused)
        case .noPaymentLink: self(.reasonNoPaymentLink)
        case .noKnownStatus: self(.reasonNoKnownStatus)
        }
    }

    func notRefundableReason(_ reason: NotRefundableReason) -> String {
        switch reason {
        case .status(.refunded): self(.reasonFullyRefunded)
        case .status(let status): self(.reasonNotPaid, self.status(status).lowercased())
        case .nothingLeft: self(.reasonNothingLeft)
        }
    }

    /// A response code's short title in this language (DOKU's own words in English), if known.
    public func responseTitle(_ code: String) -> String? {
        guard let parsed = ResponseCode(code) else { return nil }
        guard language == .indonesian else { return parsed.title }
        return ResponseCodeWords.indonesian[parsed.httpStatus * 100 + (Int(parsed.caseCode) ?? -1)] ?? ResponseCodeWords.indonesianFallback(parsed.httpStatus)
    }
}
