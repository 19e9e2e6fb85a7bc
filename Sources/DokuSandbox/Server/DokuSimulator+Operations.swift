import DokuSNAP
import Foundation

extension DokuSimulator {
    func payment(body: [UInt8], externalID: String, now: Date) -> SandboxAnswer {
        let request: PaymentRequest
        switch decode(PaymentRequest.self, body, service: "54") {
        case .success(let decoded): request = decoded
        case .failure(let rejection): return .rejection(rejection, now: now)
        }
        do { try request.validate() } catch { return .rejection(fieldRejection(error, service: "54"), now: now) }
        guard let amount = try? request.amount?.money() else {
            return .rejection(SandboxRejection("4005401", "Invalid Field Format amount"), now: now)
        }
        let base = configuration.publicBaseURL ?? "http://127.0.0.1"
        switch ledger.createPayment(request, amount: amount, externalID: externalID, now: now, configuration: configuration, baseURL: base) {
        case .failure(let rejection):
            return .rejection(rejection, now: now)
        case .success(let (transaction, _)):
            var fields: [String: JSONValue] = [
                "webRedirectUrl": .string(transaction.webRedirectUrl), "partnerReferenceNo": .string(transaction.partnerReferenceNo),
                "referenceNo": .string(transaction.referenceNo),
            ]
            if configuration.strictStandard { fields["additionalInfo"] = .object([:]) }
            return .snap(configuration.paymentSuccessCode, "Successful", fields: fields, now: now)
        }
    }

    func status(body: [UInt8], now: Date) -> SandboxAnswer {
        let request: CheckStatusRequest
        switch decode(CheckStatusRequest.self, body, service: "55") {
        case .success(let decoded): request = decoded
        case .failure(let rejection): return .rejection(rejection, now: now)
        }
        do { try request.validate(acceptedServiceCodes: ["54", "55"]) } catch { return .rejection(fieldRejection(error, service: "55"), now: now) }
        expireDue(now: now)
        guard let transaction = ledger.transaction(partnerReferenceNo: request.originalPartnerReferenceNo, referenceNo: request.originalReferenceNo) else {
            return .snap("4045501", "Transaction Not Found", now: now)
        }
        return .snap("2005500", "Successful", fields: statusFields(transaction, serviceCode: request.serviceCode ?? "55"), now: now)
    }

    func statusFields(_ transaction: SandboxTransaction, serviceCode: String) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "serviceCode": .string(serviceCode),
            "latestTransactionStatus": .string(transaction.status.rawValue),
            "transactionStatusDesc": .string(transaction.status.meaning),
            "originalPartnerReferenceNo": .string(transaction.partnerReferenceNo),
            "originalReferenceNo": .string(transaction.referenceNo),
            "originalExternalId": .string(transaction.externalID),
            "transAmount": .amount(transaction.amount),
            "originalResponseCode": .string(configuration.paymentSuccessCode),
            "originalResponseMessage": .string("Successful"),
        ]
        if let paidAt = transaction.paidAt { fields["paidTime"] = .string(SNAPTimestamp.format(paidAt)) }
        let refundKey = configuration.strictStandard ? "partnerRefundNo" : "partnerReferenceNo"
        fields["refundHistory"] = .array(
            transaction.refunds.map { refund in
                var entry: [String: JSONValue] = [
                    "refundNo": .string(refund.refundNo), refundKey: .string(refund.partnerRefundNo), "refundAmount": .amount(refund.amount),
                    "refundStatus": .string("00"), "refundDate": .string(SNAPTimestamp.format(refund.at)),
                ]
                if let reason = refund.reason { entry["reason"] = .string(reason) }
                return .object(entry)
            })
        if configuration.strictStandard {
            fields["requestId"] = .string(transaction.externalID)
            fields["amount"] = .amount(transaction.amount)
        }
        return fields
    }

    func refund(body: [UInt8], now: Date) -> SandboxAnswer {
        let request: RefundRequest
        switch decode(RefundRequest.self, body, service: "58") {
        case .success(let decoded): request = decoded
        case .failure(let rejection): return .rejection(rejection, now: now)
        }
        do { try request.validate() } catch { return .rejection(fieldRejection(error, service: "58"), now: now) }
        guard let amount = try? request.refundAmount?.money() else {
            return .rejection(SandboxRejection("4005801", "Invalid Field Format refundAmount"), now: now)
        }
        expireDue(now: now)
        switch ledger.refund(request, amount: amount, now: now) {
        case .failure(let rejection):
            return .rejection(rejection, now: now)
        case .success(let (transaction, refund, _)):
            var fields: [String: JSONValue] = [
                "originalPartnerReferenceNo": .string(transaction.partnerReferenceNo), "originalReferenceNo": .string(transaction.referenceNo),
                "refundNo": .string(refund.refundNo), "partnerRefundNo": .string(refund.partnerRefundNo), "refundAmount": .amount(refund.amount),
                "refundTime": .string(SNAPTimestamp.format(refund.at)),
            ]
            if configuration.strictStandard {
                fields["additionalInfo"] = .object(["latestTransactionStatus": .string(transaction.status.rawValue)])
            }
            return .snap(configuration.refundSuccessCode, "Successful", fields: fields, now: now)
        }
    }

    // MARK: the customer's side and the control API

    /// The customer pays, fails or cancels; `nil` if there is no such payment. Final changes notify the merchant.
    @discardableResult
    public func settle(partnerReferenceNo: String, to status: TransactionStatus) -> SandboxTransaction? {
        let now = clock.now()
        expireDue(now: now)
        guard let (transaction, changed) = ledger.settle(partnerReferenceNo, to: status, now: now) else { return nil }
        if changed { notify(transaction) }
        return transaction
    }

    /// Ends every open payment past its `validUpTo`, notifying the merchant of each.
    public func expireDue() {
        expireDue(now: clock.now())
    }

    func expireDue(now: Date) {
        for transaction in ledger.expireDue(now: now, as: configuration.expiredStatus) { notify(transaction) }
    }

    /// Forces a payment to expire now, whatever its `validUpTo`.
    @discardableResult
    public func expire(partnerReferenceNo: String) -> SandboxTransaction? {
        guard ledger.transaction(partnerReferenceNo: partnerReferenceNo) != nil else { return nil }
        return settle(partnerReferenceNo: partnerReferenceNo, to: configuration.expiredStatus)
    }

    public func transaction(partnerReferenceNo: String) -> SandboxTransaction? {
        ledger.transaction(partnerReferenceNo: partnerReferenceNo)
    }

    public func transaction(linkID: String) -> SandboxTransaction? {
        expireDue(now: clock.now())
        return ledger.transaction(linkID: linkID)
    }

    public var transactions: [SandboxTransaction] { ledger.allTransactions }

    /// Sends the notification of a payment's current final status again.
    @discardableResult
    public func resendNotification(partnerReferenceNo: String) -> Bool {
        guard let transaction = ledger.transaction(partnerReferenceNo: partnerReferenceNo), transaction.status.isFinal else { return false }
        notify(transaction)
        return true
    }

    public func setFaults(_ faults: SandboxFaults) { self.faults = faults }
    public var currentFaults: SandboxFaults { faults }

    public var deliveries: [DeliveryAttempt] { dispatcher.attempts }

    /// Calls `observer` with every delivery attempt as it is made, from any task.
    public func observeDeliveries(_ observer: @escaping @Sendable (DeliveryAttempt) -> Void) {
        dispatcher.observe(observer)
    }

    /// Waits until no notification delivery is pending (tests and demos).
    public func waitForDeliveries() async { await dispatcher.waitUntilIdle() }

    func notify(_ transaction: SandboxTransaction) {
        let notification = PaymentNotification(
            partnerReferenceNo: transaction.partnerReferenceNo, referenceNo: transaction.referenceNo, externalID: transaction.externalID,
            status: transaction.status, statusDescription: transaction.status.meaning, amount: transaction.amount,
            createdTime: SNAPTimestamp.format(transaction.createdAt), finishedTime: transaction.finishedAt.map(SNAPTimestamp.format))
        var plan = DeliveryPlan()
        plan.dropped = SandboxFaults.take(&faults.dropNotifications)
        plan.duplicated = SandboxFaults.take(&faults.duplicateNotifications)
        plan.wronglySigned = SandboxFaults.take(&faults.wronglySignedNotifications)
        if SandboxFaults.take(&faults.delayedNotifications) { plan.delay = .milliseconds(faults.notificationDelayMs) }
        dispatcher.enqueue(notification, plan: plan)
    }
}
