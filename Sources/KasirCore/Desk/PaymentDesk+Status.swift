import DokuSNAP
import Foundation

extension PaymentDesk {
    /// Asks DOKU where an invoice stands and applies the answer; settles refunds whose outcome
    /// was unknown from DOKU's refund history.
    @discardableResult
    public func checkStatus(_ number: String) async throws(DeskError) -> Invoice {
        let invoice: Invoice
        do {
            guard let found = try await store.invoice(number) else { throw DeskError.notFound(number) }
            invoice = found
        } catch let error as DeskError {
            throw error
        } catch {
            throw storeError(error)
        }
        let now = clock.now()
        do {
            let response = try await client.checkStatus(CheckStatusRequest(partnerReferenceNo: number, referenceNo: invoice.referenceNo))
            guard let reported = response.status else {
                throw DeskError.outcomeUnknown(number: number, reason: FailureReason.noKnownStatus.rawValue)
            }
            // Strict where money is: a "paid" for another amount is not applied.
            if reported == .success, let reportedAmount = response.transAmount, let money = try? reportedAmount.money(lenient: true), money != invoice.amount {
                let message = "DOKU reports \(money.displayText) paid, the invoice is for \(invoice.amount.displayText): not marked paid; check DOKU's dashboard"
                _ = try await record(nil, number, cause: "") { invoice in
                    invoice.lastResponseCode = response.responseCode
                    invoice.lastMessage = message
                    invoice.checkAttempts += 1
                    invoice.nextCheckAt = nil
                }
                throw DeskError.amountMismatch(number: number, message: message)
            }
            let paidAt = response.paidTime.flatMap { try? SNAPTimestamp.parse($0, assumingJakartaIfNoOffset: true) }
            let retry = backoff(invoice.checkAttempts + 1)
            let overdue = !reported.isFinal && invoice.validUpTo.addingTimeInterval(configuration.expiryGrace) <= now
            var change = try await record(.dokuReported(reported, paidAt: paidAt), number, cause: TransitionCause.statusCheck(reported).text) { invoice in
                if reported == .success && invoice.paidAt == nil { invoice.paidAt = paidAt ?? now }
                invoice.checkAttempts += 1
                invoice.lastResponseCode = response.responseCode
                invoice.nextCheckAt = invoice.status.isSettled || overdue ? nil : now.addingTimeInterval(retry)
            }
            if overdue {
                let late = Int(now.timeIntervalSince(invoice.validUpTo))
                change = try await record(.expiredLocally, number, cause: TransitionCause.stillOpenAtDoku(reported, secondsLate: late).text) ?? change
            }
            try await settleUnknownRefunds(number, history: response.refundHistory ?? [], now: now)
            if !reported.isFinal, !overdue { await recoverLink(number) }
            return try await store.invoice(number) ?? change?.invoice ?? invoice
        } catch let error as DeskError {
            throw error
        } catch let error as DokuError {
            if case .rejected(_, let code, _) = error, code.httpStatus == 404, code.caseCode == "01" {
                // DOKU has no such payment: a create that never arrived.
                let retry = backoff(invoice.checkAttempts + 1)
                do {
                    let change = try await record(.dokuReported(.notFound, paidAt: nil), number, cause: TransitionCause.statusCheckNotFound(code: code.rawValue).text) { invoice in
                        invoice.lastResponseCode = code.rawValue
                        invoice.nextCheckAt = invoice.status.isSettled ? nil : now.addingTimeInterval(retry)
                        invoice.checkAttempts += 1
                    }
                    return try await store.invoice(number) ?? change?.invoice ?? invoice
                } catch {
                    throw storeError(error)
                }
            }
            let retry = backoff(invoice.checkAttempts + 1)
            _ = try? await record(nil, number, cause: "") { invoice in
                invoice.checkAttempts += 1
                invoice.nextCheckAt = now.addingTimeInterval(retry)
            }
            throw .outcomeUnknown(number: number, reason: "status check failed: \(error)")
        } catch {
            throw storeError(error)
        }
    }

    /// DOKU has the payment open but the answer with its link was lost (a timeout or 5xx after
    /// DOKU made it): the same request is sent again under the same invoice number, which DOKU
    /// answers with the payment it has (never a second one), so the customer can still scan it.
    func recoverLink(_ number: String) async {
        guard let invoice = try? await store.invoice(number), invoice.webRedirectUrl == nil, let returnURL = invoice.returnURL ?? configuration.returnURL else { return }
        let request = PaymentRequest(
            partnerReferenceNo: invoice.number, amount: invoice.amount, orderTitle: invoice.title, validUpTo: SNAPTimestamp.format(invoice.validUpTo),
            pointOfInitiation: invoice.pointOfInitiation, returnURL: returnURL)
        let device = CustomerDevice(deviceID: invoice.deviceID, ipAddress: invoice.ipAddress ?? configuration.ipAddress ?? TerminalAddress.ipv4())
        guard let response = try? await client.createPayment(request, device: device), let url = response.paymentLink, Self.isWebURL(url) else { return }
        _ = try? await record(.paymentCreated(referenceNo: response.referenceNo, webRedirectUrl: url), number, cause: TransitionCause.linkRecovered(code: response.responseCode).text) { invoice in
            if invoice.referenceNo == nil { invoice.referenceNo = response.referenceNo?.cleanedForDisplay(limit: 64) }
            invoice.webRedirectUrl = url
        }
    }

    /// 60 s, 120 s, 240 s, … capped at `maximumCheckInterval`.
    func backoff(_ attempt: Int) -> TimeInterval {
        min(configuration.maximumCheckInterval, configuration.firstCheckAfter * pow(2, Double(min(20, max(0, attempt - 1)))))
    }

    /// Settles refunds left unknown (or requested by a process that died): DOKU's refund history
    /// may confirm one, and otherwise the refund is sent again with the same `partnerRefundNo`.
    /// A refund is never failed for being absent from `refundHistory`, which DOKU does not document for DANA.
    func settleUnknownRefunds(_ number: String, history: [RefundHistoryEntry], now: Date) async throws {
        for refund in try await store.refunds(of: number) where refund.status == .unknown || refund.status == .requested {
            // A refund still "requested" may be in flight from another terminal right now.
            if refund.status == .requested && now.timeIntervalSince(refund.createdAt) < configuration.firstCheckAfter { continue }
            if let entry = history.first(where: { $0.partnerReferenceNo == refund.number }), entry.refundStatus == nil || entry.refundStatus == "00" {
                let (settled, change) = try await store.settle(refund: refund.number, on: .confirmed(dokuRefundNo: entry.refundNo?.cleanedForDisplay(limit: 64)), at: now)
                events.emit(.refundChanged(settled))
                emit(change)
                continue
            }
            _ = try? await retryRefund(refund.number)
        }
    }
}
