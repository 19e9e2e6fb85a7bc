import DokuSNAP
import Testing

@testable import KasirCore

@Suite struct InvoiceLifecycleTests {
    let amount = try! Money(units: 100_000)

    func next(_ status: InvoiceStatus, _ event: InvoiceEvent) -> InvoiceStatus? {
        InvoiceLifecycle.next(status, on: event, amount: amount)?.status
    }

    @Test func theHappyPath() throws {
        #expect(next(.created, .paymentCreated(referenceNo: "R", webRedirectUrl: "https://x")) == .awaitingPayment)
        #expect(next(.awaitingPayment, .dokuReported(.success, paidAt: nil)) == .paid)
        #expect(InvoiceLifecycle.next(.awaitingPayment, on: .dokuReported(.success, paidAt: nil), amount: amount)?.actions == [.announcePaid])
        #expect(next(.paid, .refundConfirmed(totalRefunded: try Money(units: 40_000))) == .partiallyRefunded)
        #expect(next(.partiallyRefunded, .refundConfirmed(totalRefunded: try Money(units: 70_000))) == nil)
        #expect(next(.partiallyRefunded, .refundConfirmed(totalRefunded: amount)) == .refunded)
    }

    @Test func createFailures() {
        #expect(next(.created, .paymentRejected(code: "4035414", message: "x")) == .failed)
        #expect(next(.created, .paymentOutcomeUnknown(reason: "timeout")) == .unknown)
        #expect(InvoiceLifecycle.next(.created, on: .paymentOutcomeUnknown(reason: "t"), amount: amount)?.actions == [.checkStatus])
        #expect(next(.unknown, .paymentCreated(referenceNo: nil, webRedirectUrl: "https://x")) == .awaitingPayment)
        #expect(next(.unknown, .dokuReported(.initiated, paidAt: nil)) == .awaitingPayment)
        #expect(next(.unknown, .dokuReported(.notFound, paidAt: nil)) == .failed)
        #expect(next(.unknown, .dokuReported(.success, paidAt: nil)) == .paid)
    }

    @Test func dokuIsTheTruthAboutMoney() {
        // A late "paid" wins over a local expiry or a failure: the money arrived.
        #expect(next(.expired, .dokuReported(.success, paidAt: nil)) == .paid)
        #expect(next(.failed, .dokuReported(.success, paidAt: nil)) == .paid)
        #expect(next(.paid, .dokuReported(.refunded, paidAt: nil)) == .refunded)
    }

    @Test func outOfDateOrDuplicateNewsChangesNothing() {
        for status in [InvoiceStatus.paid, .partiallyRefunded, .refunded] {
            #expect(next(status, .dokuReported(.success, paidAt: nil)) == nil)
            #expect(next(status, .dokuReported(.initiated, paidAt: nil)) == nil)
            #expect(next(status, .dokuReported(.failed, paidAt: nil)) == nil)
            #expect(next(status, .dokuReported(.cancelled, paidAt: nil)) == nil)
            #expect(next(status, .expiredLocally) == nil)
            #expect(next(status, .paymentCreated(referenceNo: nil, webRedirectUrl: "https://x")) == nil)
        }
        #expect(next(.awaitingPayment, .dokuReported(.initiated, paidAt: nil)) == nil)
        #expect(next(.expired, .dokuReported(.failed, paidAt: nil)) == nil)
        #expect(next(.failed, .paymentCreated(referenceNo: nil, webRedirectUrl: "https://x")) == nil)
        #expect(next(.awaitingPayment, .refundConfirmed(totalRefunded: amount)) == nil)
    }

    @Test func expiryAndFailureFromDoku() {
        #expect(next(.awaitingPayment, .dokuReported(.cancelled, paidAt: nil)) == .expired)
        #expect(next(.awaitingPayment, .dokuReported(.failed, paidAt: nil)) == .failed)
        #expect(next(.awaitingPayment, .expiredLocally) == .expired)
    }

    @Test func noEventEverLeavesAPaidInvoiceUnpaid() {
        let events: [InvoiceEvent] = TransactionStatus.allCases.map { .dokuReported($0, paidAt: nil) } + [
            .expiredLocally, .paymentRejected(code: "x", message: "y"), .paymentOutcomeUnknown(reason: "z"),
            .paymentCreated(referenceNo: nil, webRedirectUrl: "https://x"),
        ]
        for status in InvoiceStatus.allCases where status.isPaid {
            for event in events {
                if let next = next(status, event) { #expect(next.isPaid, "\(status) + \(event) → \(next)") }
            }
        }
    }
}

@Suite struct RefundLifecycleTests {
    @Test func transitions() {
        #expect(RefundLifecycle.next(.requested, on: .confirmed(dokuRefundNo: "1")) == .succeeded)
        #expect(RefundLifecycle.next(.requested, on: .rejected(code: "4045813", message: "x")) == .failed)
        #expect(RefundLifecycle.next(.requested, on: .outcomeUnknown(reason: "t")) == .unknown)
        #expect(RefundLifecycle.next(.unknown, on: .confirmed(dokuRefundNo: nil)) == .succeeded)
        #expect(RefundLifecycle.next(.unknown, on: .rejected(code: "-", message: "x")) == .failed)
        #expect(RefundLifecycle.next(.succeeded, on: .rejected(code: "-", message: "x")) == nil)
        #expect(RefundLifecycle.next(.failed, on: .confirmed(dokuRefundNo: nil)) == nil)
        #expect(RefundStatus.failed.reservesAmount == false)
        #expect(RefundStatus.unknown.reservesAmount)
    }
}

/// What DOKU's answer to a refund means for the reserved money.
@Suite struct RefundOutcomeTests {
    @Test func onlyADefiniteRejectionReleasesAndNeverOnASecondAskThatProvesNothing() {
        let code = { (text: String) in ResponseCode(text)! }
        func event(_ error: DokuError, retry: Bool) -> RefundEvent { RefundOutcome.of(.failure(error), refund: "R1", isRetry: retry).0 }
        #expect(event(.rejected(operation: .refund, code: code("4035815"), message: ""), retry: false) == .rejected(code: "4035815", message: code("4035815").meaning))
        #expect(event(.outcomeUnknown(operation: .refund, reason: "x", code: code("5005800")), retry: false) == .outcomeUnknown(reason: "5005800 General Error"))
        #expect(event(.notSent(operation: .refund, reason: "connection refused"), retry: false) == .rejected(code: "-", message: "not sent: connection refused"))
        // Asked again about a refund already unknown: not reaching DOKU, or "exceeds" / "inconsistent", proves nothing.
        #expect(event(.notSent(operation: .refund, reason: "connection refused"), retry: true) == .outcomeUnknown(reason: "not sent again: connection refused"))
        for text in ["4045813", "4045818"] {
            guard case .outcomeUnknown = event(.rejected(operation: .refund, code: code(text), message: ""), retry: true) else {
                Issue.record("\(text) on a retry released the reservation")
                continue
            }
        }
        #expect(RefundLifecycle.next(.unknown, on: .outcomeUnknown(reason: "x")) == nil)
    }
}
