import DokuSNAP
import Foundation

/// The simulated DOKU's books, as pure state transitions: tokens, external ids, payments and
/// refunds. No I/O; `DokuSimulator` serialises access to it.
struct SandboxLedger {
    private(set) var transactions: [String: SandboxTransaction] = [:]
    private var partnerByReference: [String: String] = [:]
    private var partnerByLink: [String: String] = [:]
    private var partnerByRefundNo: [String: String] = [:]
    private var tokens: [String: Date] = [:]
    private var externalIDDay = ""
    private var externalIDs: Set<String> = []
    private var random = SystemRandomNumberGenerator()

    // MARK: tokens and request ids

    /// Records a token the sandbox issued, valid until `expiry`; expired ones are forgotten.
    mutating func record(token: String, expiry: Date, now: Date) {
        tokens = tokens.filter { $0.value > now }
        tokens[token] = expiry
    }

    func isTokenValid(_ token: String, now: Date) -> Bool {
        guard let expiry = tokens[token] else { return false }
        return expiry > now
    }

    /// Records an `X-EXTERNAL-ID`; false if this client already used it today (Asia/Jakarta).
    mutating func useExternalID(_ id: String, now: Date) -> Bool {
        let day = SNAPTimestamp.jakartaDay(now)
        if day != externalIDDay {
            externalIDDay = day
            externalIDs.removeAll(keepingCapacity: true)
        }
        return externalIDs.insert(id).inserted
    }

    // MARK: payments

    func transaction(partnerReferenceNo: String?, referenceNo: String? = nil) -> SandboxTransaction? {
        if let partnerReferenceNo, let found = transactions[partnerReferenceNo] { return found }
        if let referenceNo, let partner = partnerByReference[referenceNo] { return transactions[partner] }
        return nil
    }

    func transaction(linkID: String) -> SandboxTransaction? {
        partnerByLink[linkID].flatMap { transactions[$0] }
    }

    var allTransactions: [SandboxTransaction] {
        transactions.values.sorted { $0.createdAt < $1.createdAt }
    }

    /// Creates a payment, or replays the first answer for the same `partnerReferenceNo` and details.
    mutating func createPayment(
        _ request: PaymentRequest, amount: Money, externalID: String, now: Date, configuration: SandboxConfiguration, baseURL: String
    ) -> Result<(SandboxTransaction, replayed: Bool), SandboxRejection> {
        let partner = request.partnerReferenceNo ?? ""
        let validUpTo = request.validUpTo.flatMap { try? SNAPTimestamp.parse($0) } ?? now.addingTimeInterval(configuration.defaultValidity)
        let fingerprint = [amount.wireValue, request.validUpTo ?? "-", request.additionalInfo?.orderTitle ?? "-"].joined(separator: "|")
        if let existing = transactions[partner] {
            guard existing.fingerprint == fingerprint else {
                return .failure(SandboxRejection("4045418", "Inconsistent Request: partnerReferenceNo \(partner) was used with other details"))
            }
            if configuration.duplicatePaymentsConflict {
                return .failure(SandboxRejection("4095401", "Duplicate partnerReferenceNo"))
            }
            return .success((existing, true))
        }
        guard validUpTo > now else {
            return .failure(SandboxRejection("4005401", "Invalid Field Format validUpTo: must be in the future"))
        }
        let linkID = digits(15)
        let referenceNo = digits(20)
        let transaction = SandboxTransaction(
            partnerReferenceNo: partner, referenceNo: referenceNo, linkID: linkID, amount: amount,
            orderTitle: request.additionalInfo?.orderTitle, validUpTo: validUpTo, status: .initiated, createdAt: now,
            externalID: externalID, webRedirectUrl: baseURL + "/link/" + linkID, fingerprint: fingerprint)
        transactions[partner] = transaction
        partnerByReference[referenceNo] = partner
        partnerByLink[linkID] = partner
        return .success((transaction, false))
    }

    /// Moves an open payment to a final status. Returns the transaction and whether it changed;
    /// a payment that already ended keeps its status.
    mutating func settle(_ partnerReferenceNo: String, to status: TransactionStatus, now: Date) -> (SandboxTransaction, changed: Bool)? {
        guard var transaction = transactions[partnerReferenceNo] else { return nil }
        guard !transaction.status.isFinal else { return (transaction, false) }
        if status == .success && transaction.validUpTo <= now { return (transaction, false) }
        transaction.status = status
        transaction.finishedAt = now
        if status == .success { transaction.paidAt = now }
        transactions[partnerReferenceNo] = transaction
        return (transaction, true)
    }

    /// Ends every open payment whose `validUpTo` has passed; returns those that changed.
    mutating func expireDue(now: Date, as status: TransactionStatus) -> [SandboxTransaction] {
        let due = transactions.values.filter { !$0.status.isFinal && $0.validUpTo <= now }.map(\.partnerReferenceNo)
        return due.compactMap { settle($0, to: status, now: now).map(\.0) }
    }

    // MARK: refunds

    /// Applies a refund: only on paid payments, never above what is left, idempotent on `partnerRefundNo`.
    mutating func refund(
        _ request: RefundRequest, amount: Money, now: Date
    ) -> Result<(SandboxTransaction, SandboxRefund, replayed: Bool), SandboxRejection> {
        let refundNo = request.partnerRefundNo ?? ""
        guard var transaction = transaction(partnerReferenceNo: request.originalPartnerReferenceNo, referenceNo: request.originalReferenceNo) else {
            return .failure(SandboxRejection("4045801", "Transaction Not Found"))
        }
        let fingerprint = [transaction.partnerReferenceNo, amount.wireValue].joined(separator: "|")
        if let owner = partnerByRefundNo[refundNo] {
            guard owner == transaction.partnerReferenceNo,
                let previous = transactions[owner]?.refunds.first(where: { $0.partnerRefundNo == refundNo }),
                previous.fingerprint == fingerprint
            else {
                return .failure(SandboxRejection("4045818", "Inconsistent Request: partnerRefundNo \(refundNo) was used with other details"))
            }
            return .success((transaction, previous, true))
        }
        guard transaction.status == .success else {
            return .failure(SandboxRejection("4045800", "Invalid Transaction Status: the payment is \(transaction.status.meaning), not paid"))
        }
        guard amount <= transaction.refundable else {
            return .failure(
                SandboxRejection("4045813", "Invalid Amount: \(amount.displayText) is more than the \(transaction.refundable.displayText) that can still be refunded"))
        }
        let refund = SandboxRefund(partnerRefundNo: refundNo, refundNo: digits(16), amount: amount, reason: request.reason, at: now, fingerprint: fingerprint)
        transaction.refunds.append(refund)
        if transaction.refundable.isZero { transaction.status = .refunded }
        transactions[transaction.partnerReferenceNo] = transaction
        partnerByRefundNo[refundNo] = transaction.partnerReferenceNo
        return .success((transaction, refund, false))
    }

    private mutating func digits(_ count: Int) -> String {
        String(UInt8.random(in: 1...9, using: &random)) + (1..<count).map { _ in String(UInt8.random(in: 0...9, using: &random)) }.joined()
    }
}
