import DokuSNAP
import Foundation

extension PaymentDesk {
    /// Validates the draft, stores the intent, asks DOKU, stores the answer. Returns the invoice
    /// awaiting payment (with its `webRedirectUrl`), or throws with the invoice marked accordingly.
    public func createPayment(_ draft: PaymentDraft) async throws(DeskError) -> Invoice {
        let now = clock.now()
        var invoice = try makeInvoice(draft, now: now)
        // Chosen and stored with the intent: it is the refund's originalExternalId later.
        do { invoice.externalID = try client.nextExternalID() } catch { throw .store("\(error)") }
        let stored = try await insert(invoice, explicitNumber: draft.invoiceNumber != nil)
        events.emit(.invoiceChanged(stored, InvoiceTransition(invoiceNumber: stored.number, from: nil, to: .created, at: now, cause: TransitionCause.intentStored.text)))

        let request = PaymentRequest(
            partnerReferenceNo: stored.number, amount: stored.amount, orderTitle: stored.title, validUpTo: SNAPTimestamp.format(stored.validUpTo),
            pointOfInitiation: stored.pointOfInitiation, returnURL: stored.returnURL)
        let device = CustomerDevice(deviceID: stored.deviceID, ipAddress: stored.ipAddress)
        do {
            let response = try await client.createPayment(request, device: device, externalID: stored.externalID)
            guard let url = response.paymentLink, Self.isWebURL(url) else {
                let change = try await record(.paymentOutcomeUnknown(reason: "DOKU's answer had no usable webRedirectUrl"), stored.number, cause: TransitionCause.paymentWithoutLink(code: response.responseCode).text)
                throw DeskError.outcomeUnknown(number: change?.invoice.number ?? stored.number, reason: FailureReason.noPaymentLink.rawValue)
            }
            let change = try await record(
                .paymentCreated(referenceNo: response.referenceNo, webRedirectUrl: url), stored.number, cause: TransitionCause.payment(code: response.responseCode).text
            ) { invoice in
                invoice.referenceNo = response.referenceNo?.cleanedForDisplay(limit: 64)
                invoice.webRedirectUrl = url
                invoice.lastResponseCode = response.responseCode
                invoice.lastMessage = response.responseMessage.cleanedForDisplay(limit: 150)
            }
            return change?.invoice ?? stored
        } catch let error as DeskError {
            throw error
        } catch let error as DokuError {
            throw await recordFailure(error, number: stored.number)
        } catch {
            throw storeError(error)
        }
    }

    func makeInvoice(_ draft: PaymentDraft, now: Date) throws(DeskError) -> Invoice {
        let device = CustomerDevice(deviceID: draft.deviceID ?? configuration.deviceID, ipAddress: draft.ipAddress ?? configuration.ipAddress ?? TerminalAddress.ipv4())
        let validFor = draft.validFor ?? configuration.validFor
        try EntryField.amount.check { () throws(FieldProblem) in try PaymentRules.amount(draft.amount) }
        if let number = draft.invoiceNumber { try EntryField.invoiceNumber.check { () throws(FieldProblem) in try PaymentRules.number(number) } }
        try EntryField.title.check { () throws(FieldProblem) in try PaymentRules.title(draft.title) }
        try EntryField.validFor.check { () throws(FieldProblem) in try PaymentRules.validFor(validFor) }
        try EntryField.deviceID.check { () throws(FieldProblem) in try PaymentRules.deviceID(device.deviceID) }
        try EntryField.ipAddress.check { () throws(FieldProblem) in try PaymentRules.ipAddress(device.ipAddress) }
        // DOKU's SDKs require X-IP-ADDRESS in every DANA payment: none configured or found is refused too.
        do { try device.validate() } catch { throw .invalid(field: error.field == "X-DEVICE-ID" ? .deviceID : .ipAddress, problem: error.field == "X-DEVICE-ID" ? .deviceID : .ipAddress) }
        let returnURL = try EntryField.returnURL.check { () throws(FieldProblem) in try PaymentRules.returnURL(draft.returnURL ?? configuration.returnURL) }
        return Invoice(
            number: draft.invoiceNumber ?? "", amount: draft.amount, title: draft.title, validUpTo: now.addingTimeInterval(validFor),
            pointOfInitiation: draft.pointOfInitiation ?? .app, deviceID: device.deviceID, ipAddress: device.ipAddress, returnURL: returnURL,
            createdAt: now)
    }

    /// The next free `PREFIX-YYYYMMDD-NNNN` for the Asia/Jakarta day of `date` (another terminal may
    /// take it first; `createPayment` then allocates again).
    public func nextInvoiceNumber(at date: Date) async throws(DeskError) -> String {
        let prefix = "\(configuration.invoicePrefix)-\(SNAPTimestamp.jakartaDay(date))-"
        let last: Int
        do { last = try await store.lastSequence(prefix: prefix) } catch { throw storeError(error) }
        let sequence = String(last + 1)
        return prefix + String(repeating: "0", count: max(0, 4 - sequence.count)) + sequence
    }

    /// Stores the intent; allocates `PREFIX-YYYYMMDD-NNNN` when no number was given, retrying on a race with another terminal.
    func insert(_ invoice: Invoice, explicitNumber: Bool) async throws(DeskError) -> Invoice {
        var invoice = invoice
        invoice.nextCheckAt = invoice.createdAt.addingTimeInterval(configuration.firstCheckAfter)
        for _ in 0..<20 {
            if !explicitNumber { invoice.number = try await nextInvoiceNumber(at: invoice.createdAt) }
            do {
                try await store.insert(invoice, cause: TransitionCause.intentStored.text)
                return invoice
            } catch StoreError.duplicate(let what) {
                if explicitNumber { throw .duplicate(what) }
            } catch {
                throw storeError(error)
            }
        }
        throw .store("could not allocate an invoice number; try again")
    }

    /// Marks the invoice after a failed create and returns the error for the caller.
    func recordFailure(_ error: DokuError, number: String) async -> DeskError {
        do {
            switch error {
            case .rejected(_, let code, let message):
                try await record(.paymentRejected(code: code.rawValue, message: message), number, cause: TransitionCause.payment(code: code.rawValue).text) { invoice in
                    invoice.lastResponseCode = code.rawValue
                    invoice.lastMessage = code.meaning
                    invoice.nextCheckAt = nil
                }
                return .rejected(number: number, code: code.rawValue, message: code.meaning)
            case .outcomeUnknown(_, let reason, let code):
                try await record(.paymentOutcomeUnknown(reason: reason), number, cause: TransitionCause.paymentOutcomeUnknown(reason: reason).text) { invoice in
                    invoice.lastResponseCode = code?.rawValue
                    invoice.lastMessage = reason
                }
                return .outcomeUnknown(number: number, reason: reason)
            case .notSent(_, let reason), .invalidResponse(_, let reason), .configuration(let reason), .invalidRequest(_, let reason):
                try await record(.paymentRejected(code: "-", message: reason), number, cause: TransitionCause.paymentNotSent(reason: reason).text) { invoice in
                    invoice.lastMessage = "not sent to DOKU: " + reason
                    invoice.nextCheckAt = nil
                }
                return .notSent(number: number, reason: reason)
            }
        } catch {
            return storeError(error)
        }
    }

    @discardableResult
    func record(_ event: InvoiceEvent?, _ number: String, cause: String, update: @escaping @Sendable (inout Invoice) -> Void = { _ in }) async throws -> InvoiceChange? {
        let change = try await store.apply(event, to: number, at: clock.now(), cause: cause, update: update)
        emit(change)
        return change
    }

    /// A link that may become a QR code and be printed: http(s), at most 2048 characters, and
    /// printable ASCII only. C0/C1 controls, NEL, bidi overrides and zero-width characters would
    /// make the link the cashier reads differ from the one the customer's phone opens.
    public nonisolated static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && text.utf8.count <= 2048
            && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}
