import DokuSNAP
import Foundation

extension PaymentDesk {
    /// What can still be refunded on `invoice`: paid minus refunds succeeded or still in flight.
    public func refundable(_ number: String) async throws(DeskError) -> Money {
        do {
            guard let invoice = try await store.invoice(number) else { throw DeskError.notFound(number) }
            return RefundPolicy.refundable(invoice, refunds: try await store.refunds(of: number))
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
            throw .notRefundable(number: invoiceNumber, reason: .status(invoice.status))
        }
        try EntryField.reason.check { () throws(FieldProblem) in try PaymentRules.reason(reason) }
        if let refundNumber { try EntryField.refundNumber.check { () throws(FieldProblem) in try PaymentRules.number(refundNumber) } }
        let available = try await refundable(invoiceNumber)
        let value = amount ?? available
        guard !value.isZero else {
            throw available.isZero ? .notRefundable(number: invoiceNumber, reason: .nothingLeft) : .invalid(field: .refundAmount, problem: .zeroAmount)
        }
        guard value <= available else { throw .exceedsRefundable(number: invoiceNumber, available: available) }

        // A default number is taken again when another terminal got it first; a number the
        // cashier chose is theirs, and a clash is reported.
        var count = existing.count
        var refund: Refund
        while true {
            let number = refundNumber ?? Self.refundNumber(for: invoiceNumber, existing: count)
            refund = Refund(number: number, invoiceNumber: invoiceNumber, amount: value, reason: reason, createdAt: clock.now())
            do {
                try await store.reserve(refund)
                break
            } catch StoreError.duplicate(let what) {
                guard refundNumber == nil, count < existing.count + 10_000 else { throw .duplicate(what) }
                count += 1
            } catch StoreError.exceedsRefundable(let available) {
                throw .exceedsRefundable(number: invoiceNumber, available: available)
            } catch StoreError.notRefundable(let status) {
                throw .notRefundable(number: invoiceNumber, reason: .status(status))
            } catch {
                throw storeError(error)
            }
        }
        events.emit(.refundChanged(refund))
        return try await send(refund, of: invoice, isRetry: false)
    }

    /// Asks DOKU again about a refund whose outcome is unknown (or whose answer a crash lost), with
    /// the same `partnerRefundNo`, amount and reason: DOKU replays its answer for a repeated
    /// refund number, so a refund DOKU already made is confirmed and never made twice.
    @discardableResult
    public func retryRefund(_ number: String) async throws(DeskError) -> Refund {
        let refund: Refund
        let invoice: Invoice
        do {
            guard let found = try await store.refund(number) else { throw DeskError.notFound(number) }
            guard let owner = try await store.invoice(found.invoiceNumber) else { throw DeskError.notFound(found.invoiceNumber) }
            refund = found
            invoice = owner
        } catch let error as DeskError {
            throw error
        } catch {
            throw storeError(error)
        }
        guard refund.status == .unknown || refund.status == .requested else { return refund }
        return try await send(refund, of: invoice, isRetry: true)
    }

    /// Sends a reserved refund to DOKU and settles it as `RefundOutcome` decides.
    func send(_ refund: Refund, of invoice: Invoice, isRetry: Bool) async throws(DeskError) -> Refund {
        let request = RefundRequest(
            partnerReferenceNo: invoice.number, referenceNo: invoice.referenceNo, externalID: invoice.externalID, partnerRefundNo: refund.number,
            amount: refund.amount, reason: refund.reason)
        let device = CustomerDevice(deviceID: invoice.deviceID, ipAddress: invoice.ipAddress ?? configuration.ipAddress ?? TerminalAddress.ipv4())
        let result: Result<RefundResponse, DokuError>
        do { result = .success(try await client.refund(request, device: device)) } catch { result = .failure(error) }
        let (event, failure) = RefundOutcome.of(result, refund: refund.number, isRetry: isRetry)
        do {
            let (settled, change) = try await store.settle(refund: refund.number, on: event, at: clock.now())
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
