import DokuSNAP
import DokuSandbox
import Foundation
import KasirCore
import KasirStore
import Testing

/// Client ↔ sandbox ↔ notification receiver over loopback, with a real SQLite file.
@Suite struct MerchantFlowTests {
    @Test func payNotifyAndRefundEndToEnd() async throws {
        let merchant = try await Merchant.start()
        let events = merchant.events.subscribe()
        let invoice = try await merchant.desk.createPayment(PaymentDraft(amount: idr(150_000), title: "Kopi susu"))
        #expect(invoice.status == .awaitingPayment)
        #expect(invoice.number.hasPrefix("INV-\(SNAPTimestamp.jakartaDay(Date()))-"))
        #expect(invoice.webRedirectUrl?.hasPrefix(merchant.sandbox.baseURL + "/link/") == true)
        #expect(invoice.referenceNo != nil)

        await merchant.simulator.settle(partnerReferenceNo: invoice.number, to: .success)
        #expect(try await eventually { try await merchant.store.invoice(invoice.number)?.status == .paid })
        #expect(try await merchant.store.invoice(invoice.number)?.paidAt != nil)

        let partial = try await merchant.desk.refund(invoice.number, amount: idr(50_000), reason: "Customer request")
        #expect(partial.status == .succeeded)
        #expect(partial.number == invoice.number + "-R1")
        #expect(try await merchant.store.invoice(invoice.number)?.status == .partiallyRefunded)
        #expect(try await merchant.desk.refundable(invoice.number) == idr(100_000))
        let error = await deskError { try await merchant.desk.refund(invoice.number, amount: idr(100_001)) }
        #expect(error == .exceedsRefundable(number: invoice.number, available: idr(100_000)))
        let rest = try await merchant.desk.refund(invoice.number)
        #expect(rest.amount == idr(100_000))
        #expect(try await merchant.store.invoice(invoice.number)?.status == .refunded)
        #expect(await deskError { try await merchant.desk.refund(invoice.number) } == .notRefundable(number: invoice.number, reason: .status(.refunded)))

        let transitions = try await merchant.store.transitions(of: invoice.number).map(\.to)
        #expect(transitions == [.created, .awaitingPayment, .paid, .partiallyRefunded, .refunded])
        await merchant.stop()

        // The live log heard about the exchanges and the notification.
        var audits: [AuditEntry] = []
        var iterator = events.makeAsyncIterator()
        while audits.count < 5, let event = await iterator.next() {
            if case .audit(let entry) = event { audits.append(entry) }
        }
        #expect(audits.contains { $0.operation == "payment" && $0.responseCode == "2005400" && $0.invoiceNumber == invoice.number })
        #expect(audits.contains { $0.operation == "notification" && $0.direction == .incoming })
    }

    @Test func duplicatesAndReplaysChangeNothing() async throws {
        let merchant = try await Merchant.start()
        let invoice = try await merchant.desk.createPayment(PaymentDraft(amount: idr(10_000)))
        var faults = SandboxFaults()
        faults.duplicateNotifications = 1
        await merchant.simulator.setFaults(faults)
        await merchant.simulator.settle(partnerReferenceNo: invoice.number, to: .success)
        await merchant.simulator.waitForDeliveries()
        await merchant.simulator.resendNotification(partnerReferenceNo: invoice.number)
        await merchant.simulator.waitForDeliveries()
        let delivered = await merchant.simulator.deliveries.filter(\.delivered)
        #expect(delivered.count == 3)
        #expect(delivered.allSatisfy { $0.responseCode == "2005600" })
        #expect(try await merchant.store.notificationCount() == 1)
        #expect(try await merchant.store.transitions(of: invoice.number).filter { $0.to == .paid }.count == 1)
        await merchant.stop()
    }

    @Test func aLostPaymentAnswerEndsPaidAfterReconciliationWithoutASecondCharge() async throws {
        let merchant = try await Merchant.start(readTimeout: .seconds(2))
        var faults = SandboxFaults()
        faults.timeouts["payment"] = .init(holdMs: 4_000)
        await merchant.simulator.setFaults(faults)
        let error = await deskError { try await merchant.desk.createPayment(PaymentDraft(amount: idr(75_000), invoiceNumber: "INV-LOST-1")) }
        #expect(error == .outcomeUnknown(number: "INV-LOST-1", reason: "timed out waiting for DOKU's answer"))
        #expect(try await merchant.store.invoice("INV-LOST-1")?.status == .unknown)

        // Reconciliation asks DOKU, which has the payment: the invoice awaits payment, with no second create.
        let report = await merchant.desk.reconcile(force: true)
        #expect(report.changed == 1)
        #expect(try await merchant.store.invoice("INV-LOST-1")?.status == .awaitingPayment)
        await merchant.simulator.setNotifyURL(nil)  // the notification is lost too
        await merchant.simulator.settle(partnerReferenceNo: "INV-LOST-1", to: .success)
        _ = await merchant.desk.reconcile(force: true)
        #expect(try await merchant.store.invoice("INV-LOST-1")?.status == .paid)
        #expect(await merchant.simulator.transactions.count == 1)
        await merchant.stop()
    }

    @Test func rejectionsAndUnsentRequestsAreRecordedAndExplained() async throws {
        let merchant = try await Merchant.start()
        var faults = SandboxFaults()
        faults.forced["payment"] = .init(code: "4035414")
        await merchant.simulator.setFaults(faults)
        let error = await deskError { try await merchant.desk.createPayment(PaymentDraft(amount: idr(5_000), invoiceNumber: "INV-POOR")) }
        guard case .rejected(_, let code, let message) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(code == "4035414")
        #expect(message.contains("Insufficient Funds"))
        #expect(try await merchant.store.invoice("INV-POOR")?.status == .failed)
        #expect(await deskError { try await merchant.desk.createPayment(PaymentDraft(amount: idr(5_000), invoiceNumber: "INV-POOR")) } == .duplicate("invoice INV-POOR"))
        #expect(await deskError { try await merchant.desk.createPayment(PaymentDraft(amount: .zero())) } == .invalid(field: .amount, problem: .zeroAmount))
        #expect(await deskError { try await merchant.desk.createPayment(PaymentDraft(amount: idr(1), deviceID: "POS 1")) }?.description.contains("device id") == true)
        #expect(await deskError { try await merchant.desk.createPayment(PaymentDraft(amount: idr(1), invoiceNumber: "INV 1")) }?.description.contains("invoice number") == true)
        #expect(await deskError { try await merchant.desk.refund("INV-POOR") } == .notRefundable(number: "INV-POOR", reason: .status(.failed)))
        await merchant.stop()

        // DOKU unreachable: nothing was sent, and the invoice says so.
        let offline = try await Merchant.start()
        await offline.sandbox.stop()
        let unsent = await deskError { try await offline.desk.createPayment(PaymentDraft(amount: idr(5_000), invoiceNumber: "INV-OFF")) }
        guard case .notSent = unsent else { Issue.record("got \(String(describing: unsent))"); return }
        #expect(try await offline.store.invoice("INV-OFF")?.status == .failed)
        await offline.stop()
    }

    @Test func concurrentRefundsNeverExceedThePaidAmount() async throws {
        let merchant = try await Merchant.start()
        let invoice = try await merchant.desk.createPayment(PaymentDraft(amount: idr(100_000)))
        await merchant.simulator.settle(partnerReferenceNo: invoice.number, to: .success)
        #expect(try await eventually { try await merchant.store.invoice(invoice.number)?.status == .paid })
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                group.addTask { (try? await merchant.desk.refund(invoice.number, amount: idr(15_000), refundNumber: "RF-\(index)")) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 6)
        #expect(try await merchant.store.invoice(invoice.number)?.refunded == idr(90_000))
        #expect(await merchant.simulator.transaction(partnerReferenceNo: invoice.number)?.refunded == idr(90_000))
        await merchant.stop()
    }

    @Test func expiredInvoicesSettleWhenDokuSaysSoOrLongAfterValidUpTo() async throws {
        let clock = ManualClock(Date())
        let merchant = try await Merchant.start(clock: clock)
        let invoice = try await merchant.desk.createPayment(PaymentDraft(amount: idr(20_000), validFor: 120))
        #expect(await merchant.desk.reconcile().checked == 0)  // not due before 60 s
        clock.advance(by: 61)
        #expect(await merchant.desk.reconcile().checked == 1)
        #expect(try await merchant.store.invoice(invoice.number)?.status == .awaitingPayment)
        clock.advance(by: 120)
        await merchant.simulator.expireDue()
        #expect(try await eventually { try await merchant.store.invoice(invoice.number)?.status == .expired })
        await merchant.stop()
    }

    /// `R` writes one summary line with what changed; its routine status checks stay in the audit
    /// log (for `kasir logs`) but are not lines of their own in the live log.
    @Test func aReconcileIsOneSummaryLineInTheLiveLog() async throws {
        let clock = ManualClock(Date())
        let merchant = try await Merchant.start(clock: clock)
        var numbers: [String] = []
        for _ in 0..<3 { numbers.append(try await merchant.desk.createPayment(PaymentDraft(amount: idr(20_000))).number) }
        // The notification is dropped, so the reconcile (not the notification) finds the payment.
        var faults = await merchant.simulator.currentFaults
        faults.dropNotifications = 1
        await merchant.simulator.setFaults(faults)
        await merchant.simulator.settle(partnerReferenceNo: numbers[0], to: .success)
        clock.advance(by: 61)
        let report = await merchant.desk.reconcile()
        #expect(report.checked >= 3)
        await merchant.stack.audit.drain()
        let audit = try await merchant.store.audit(limit: 100)
        #expect(audit.filter { $0.operation == AuditContext.reconcileCheckOperation }.count == report.checked, "every check is kept")
        let summaries = audit.filter { $0.operation == AuditContext.reconcileOperation }
        #expect(summaries.count == 1)
        #expect(summaries.first?.outcome.contains("\(numbers[0]): AWAITING → PAID") == true, "\(summaries.first?.outcome ?? "")")
        #expect(audit.filter { $0.operation.contains("reconcile") && !$0.isRoutineReconcileCheck }.count == 1, "the live log shows one line")
        await merchant.stop()
    }
}
