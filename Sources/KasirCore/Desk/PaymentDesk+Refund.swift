import DokuSNAP
import Foundation

extension PaymentDesk {
    /// What can still be refunded on `invoice`: paid minus refunds succeeded or still in flight.
    public func refundable(_ number: String) async throws(DeskError) -> Money {
        do {
            guard let invoice = try await store.invoice(number) else { throw DeskError.notFound(number) }
            guard invoice.status.isPaid else { return .zero(invoice.amount.currency) }
            let held = try await store.refunds(of: number).filter { $0.status.reservesAmount }
            let total = try held.reduce(Money.zero(invoice.amount.currency)) { try $0.adding($1.amount) }
            return (try? invoice.amount.subtracting(total)) ?? .zero(invoice.amount.currency)
        } catch let error as DeskError {
            throw error
        } catch {
            throw storeError(error)
        }
    }

    /// The default refund number for an invoice with `existing` refunds: `<invoice>-R<n>` (at most 64 characters).
    public nonisolated static func refundNumber(for invoiceNumber: String, existing: Int) -> String {
        "\(invoiceNumber.prefix(58))-R\(existing + 1)"
    }

    /// Refunds part or all of a paid invoice. `amount` defaults to everything still refundable;
    /// `refundNumber` (DOKU's `partnerRefundNo`) defaults to `<invoice>-R<n>`.
    public func refund(_ invoiceNumber: String, amount: Money? = nil, reason: String? = nil, refundNumber: String? = nil) async throws(DeskError) -> Refund {
        let invoice: Invoice
        let existing: [Refund]
        do {
            guard let found = try await store.invoice(invoiceNumber) else { throw DeskError.notFound(invoiceNumber) }
            invoice = found
            existing = try await store.refunds(of: invoiceNumber)
        } catch let error as DeskError {
            throw error
        } catch {
            throw storeError(error)
        }
        guard invoice.status == .paid || invoice.status == .partiallyRefunded else {
            throw .notRefundable(number: invoiceNumber, reason: invoice.status == .refunded ? "it is already fully refunded" : "it is \(invoice.status.label.lowercased()), not paid")
        }
        if let reason {
            do { try FieldRules.optional(reason, "reason", max: 255) } catch { throw .invalid(field: "reason", message: error.rule) }
        }
        let number = refundNumber ?? Self.refundNumber(for: invoiceNumber, existing: existing.count)
        try NumberRules.validate(number, field: "refund number")
        let available = try await refundable(invoiceNumber)
        let value = amount ?? available
        guard !value.isZero else {
            throw available.isZero ? .notRefundable(number: invoiceNumber, reason: "nothing is left to refund") : .invalid(field: "amount", message: "must be more than Rp 0")
        }
        guard value <= available else { throw .exceedsRefundable(number: invoiceNumber, available: available) }

        let refund = Refund(number: number, invoiceNumber: invoiceNumber, amount: value, reason: reason, createdAt: clock.now())
        do {
            try await store.reserve(refund)
        } catch StoreError.exceedsRefundable(let available) {
            throw .exceedsRefundable(number: invoiceNumber, available: available)
        } catch StoreError.notRefundable(let why) {
            throw .notRefundable(number: invoiceNumber, reason: why)
        } catch {
            throw storeError(error)
        }
        events.emit(.refundChanged(refund))

        let request = RefundRequest(partnerReferenceNo: invoiceNumber, referenceNo: invoice.referenceNo, partnerRefundNo: number, amount: value, reason: reason)
        let event: RefundEvent
        var failure: DeskError?
        do {
            let response = try await client.refund(request, device: CustomerDevice(deviceID: invoice.deviceID, ipAddress: invoice.ipAddress))
            event = .confirmed(dokuRefundNo: response.refundNo?.cleanedForDisplay(limit: 64))
        } catch {
            switch error {
            case .rejected(_, let code, _):
                event = .rejected(code: code.rawValue, message: code.meaning)
                failure = .rejected(number: number, code: code.rawValue, message: code.meaning)
            case .outcomeUnknown(_, let reason, _):
                event = .outcomeUnknown(reason: reason)
                failure = .outcomeUnknown(number: number, reason: reason)
            case .notSent(_, let reason), .invalidResponse(_, let reason), .configuration(let reason), .invalidRequest(_, let reason):
                event = .rejected(code: "-", message: "not sent: " + reason)
                failure = .notSent(number: number, reason: reason)
            }
        }
        do {
            let (settled, change) = try await store.settle(refund: number, on: event, at: clock.now())
            events.emit(.refundChanged(settled))
            emit(change)
            if let failure { throw failure }
            return settled
        } catch let error as DeskError {
            throw error
        } catch {
            throw storeError(error)
        }
    }
}
