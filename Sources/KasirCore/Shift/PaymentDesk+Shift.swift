import DokuSNAP
import Foundation

/// A closed shift: what DOKU was asked once more before the totals, and the Z report.
public struct ShiftClosing: Sendable, Equatable {
    public var shift: Shift
    public var reconcile: ReconcileReport
    public var report: SalesReport
}

extension PaymentDesk {
    /// Opens a shift on this terminal for `cashier`.
    public func openShift(cashier: String, terminal: String? = nil) async throws(DeskError) -> Shift {
        let terminal = terminal ?? configuration.deviceID
        guard let name = Shift.validCashier(cashier) else { throw .invalid(field: .cashier, problem: .cashierName) }
        let now = clock.now()
        let shift = Shift(id: Shift.makeID(terminal: terminal, at: now), terminal: terminal, cashier: name, openedAt: now)
        do { try await store.openShift(shift) } catch StoreError.duplicate { throw .shiftAlreadyOpen(terminal: terminal) } catch { throw storeError(error) }
        return shift
    }

    /// This terminal's open shift, if any.
    public func currentShift(terminal: String? = nil) async throws(DeskError) -> Shift? {
        do { return try await store.openShift(terminal: terminal ?? configuration.deviceID) } catch { throw storeError(error) }
    }

    /// The X report: the open shift so far, changing nothing.
    public func shiftReport(terminal: String? = nil) async throws(DeskError) -> SalesReport {
        let terminal = terminal ?? configuration.deviceID
        guard let shift = try await currentShift(terminal: terminal) else { throw .noOpenShift(terminal: terminal) }
        return try await report(.x, from: shift.openedAt, to: clock.now().addingTimeInterval(0.001), terminal: terminal, cashier: shift.cashier)
    }

    /// Closes the shift: asks DOKU once more about every open sale (so the totals are DOKU's),
    /// closes it, and makes the Z report.
    public func closeShift(terminal: String? = nil) async throws(DeskError) -> ShiftClosing {
        let terminal = terminal ?? configuration.deviceID
        guard try await currentShift(terminal: terminal) != nil else { throw .noOpenShift(terminal: terminal) }
        let reconciled = await reconcile(force: true)
        let shift: Shift
        do { shift = try await store.closeShift(terminal: terminal, at: clock.now()) } catch StoreError.notFound { throw .noOpenShift(terminal: terminal) } catch {
            throw storeError(error)
        }
        let report = try await report(.z, from: shift.openedAt, to: (shift.closedAt ?? clock.now()).addingTimeInterval(0.001), terminal: terminal, cashier: shift.cashier)
        return ShiftClosing(shift: shift, reconcile: reconciled, report: report)
    }

    /// The whole shop's day (Asia/Jakarta), every terminal.
    public func dayReport(_ day: Date) async throws(DeskError) -> SalesReport {
        let start = SNAPTimestamp.jakartaMidnight(of: day)
        return try await report(.day, from: start, to: start.addingTimeInterval(86_400), terminal: nil, cashier: nil)
    }

    /// The report over what the store holds for `from..<to`: invoices created then (of
    /// `terminal`, or all), refunds made then of that terminal's sales.
    public func report(_ kind: SalesReport.Kind, from: Date, to: Date, terminal: String?, cashier: String?) async throws(DeskError) -> SalesReport {
        do {
            var invoices: [Invoice] = []
            var query = InvoiceQuery(since: from, terminal: terminal, limit: 1_000)
            while true {
                let page = try await store.invoices(query)
                invoices += page
                guard page.count == query.limit, let last = page.last else { break }
                query.before = (last.createdAt, last.number)
            }
            var refunds = try await store.refunds(createdFrom: from, to: to)
            if let terminal {
                var terminals = Dictionary(invoices.map { ($0.number, $0.deviceID) }, uniquingKeysWith: { first, _ in first })
                for refund in refunds where terminals[refund.invoiceNumber] == nil {
                    terminals[refund.invoiceNumber] = try await store.invoice(refund.invoiceNumber)?.deviceID ?? ""
                }
                refunds = refunds.filter { terminals[$0.invoiceNumber] == terminal }
            }
            return SalesReport.make(kind, from: from, to: to, terminal: terminal, cashier: cashier, invoices: invoices, refunds: refunds)
        } catch {
            throw storeError(error)
        }
    }
}
