import DokuSNAP
import Foundation

extension PaymentDesk {
    /// Applies a verified notification. Returns only once it is committed, so the receiver may
    /// acknowledge it; throws if it could not be stored (the receiver then answers 5xx and DOKU
    /// retries). Duplicates and out-of-date notifications change nothing.
    ///
    /// Not isolated to the desk: notifications arriving together are prepared in parallel and
    /// meet in the store's group commit, instead of queueing behind one another here.
    /// `path` and `headers` are kept with it for the exchange view (secrets already redacted).
    public nonisolated func apply(
        _ notification: PaymentNotification, externalID: String?, body: [UInt8], path: String? = nil, headers: [ExchangeHeader] = []
    ) async throws -> NotificationRecord {
        guard let partner = notification.originalPartnerReferenceNo, let reference = notification.originalReferenceNo, let status = notification.status else {
            throw DeskError.invalid(field: .notification, problem: .notificationIncomplete)
        }
        let received = ReceivedNotification(
            partnerReferenceNo: partner.cleanedForDisplay(limit: 64), referenceNo: reference.cleanedForDisplay(limit: 64), status: status,
            amount: try? notification.amount?.money(lenient: true), externalID: externalID?.cleanedForDisplay(limit: 40), receivedAt: clock.now(),
            body: String(decoding: body, as: UTF8.self).cleanedForDisplay(limit: 4096), path: path, headers: ExchangeHeader.lines(headers))
        let result = try await store.record(received)
        let outcome: String
        switch result {
        case .applied(let change):
            emit(change)
            outcome = change.map { NotificationOutcome.transition(from: $0.transition.from, to: $0.transition.to) } ?? NotificationOutcome.outOfDate.rawValue
        case .duplicate: outcome = NotificationOutcome.duplicate.rawValue
        case .unknownInvoice: outcome = NotificationOutcome.unknownInvoice.rawValue
        case .amountMismatch: outcome = NotificationOutcome.amountMismatch.rawValue
        case .referenceMismatch: outcome = NotificationOutcome.referenceMismatch.rawValue
        }
        let entry = AuditEntry(
            at: received.receivedAt, direction: .incoming, operation: "notification", invoiceNumber: received.partnerReferenceNo,
            externalID: received.externalID, httpStatus: 200, responseCode: status.rawValue, outcome: outcome, requestBody: received.body,
            responseBody: #"{"responseCode":"2005600","responseMessage":"Successful"}"#, method: "POST", path: path, requestHeaders: headers,
            refusedBy: result == .amountMismatch ? .amount : nil)
        if case .duplicate = result {
            // A duplicate stores no notification row, so the audit log is its only trace.
            await audit(entry)
        } else {
            // The notification row is the durable record.
            events.emit(.audit(entry))
        }
        return result
    }
}
