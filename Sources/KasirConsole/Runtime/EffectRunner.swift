import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// Performs effects against the desk and the store and turns their results into actions.
actor EffectRunner {
    let services: ConsoleServices
    /// Totals per filter, so paging does not count a million rows on every key press.
    var totals: [String: Int] = [:]

    init(services: ConsoleServices) {
        self.services = services
    }

    func perform(_ effect: Effect, pageSize: Int) async -> Action? {
        let store = services.store
        let desk = services.desk
        let w = services.words
        switch effect {
        case .loadPage(let tag, var query, let page, let recount):
            query.limit = pageSize
            if recount { totals.removeAll() }
            var pageStart = 0
            switch page {
            case .first: break
            case .after(let date, let number, let start):
                query.before = (date, number)
                pageStart = start
            case .before(let date, let number, let start):
                query.after = (date, number)
                pageStart = start
            case .last: query.oldest = true
            }
            do {
                let total = try await total(for: query)
                let rows = try await store.invoices(query)
                var hasOlder = rows.count == query.limit
                switch page {
                case .last:
                    pageStart = max(0, total - rows.count)
                    hasOlder = false
                case .before: hasOlder = true
                default: break
                }
                return .pageLoaded(tag: tag, rows: rows, total: total, pageStart: pageStart, hasOlder: hasOlder)
            } catch {
                return .pageFailed(tag: tag, reason: "\(error)")
            }
        case .observeReceiver:
            // A failed read is the database gone, not the receiver: it must not look like "no heartbeat".
            do { return .receiverObserved(try await store.latestHeartbeat()) } catch { return .storeUnreachable(reason: "\(error)") }
        case .startReceiver:
            guard let start = services.startReceiver else { return .receiverStarted(.failure(ReceiverStartFailure("this console does not receive"))) }
            return .receiverStarted(await start())
        case .loadDetail(let number):
            guard let invoice = try? await store.invoice(number) else { return nil }
            let transitions = (try? await store.transitions(of: number)) ?? []
            let refunds = (try? await store.refunds(of: number)) ?? []
            let refusals = (try? await store.refusals(of: number, limit: 20)) ?? []
            return .detailLoaded(InvoiceDetail(invoice: invoice, transitions: transitions, refunds: refunds, refusals: refusals))
        case .loadActivity(let cursor):
            let limit = cursor == nil ? ActivityFeed.initialLines : ActivityFeed.pageLines
            return .activityLoaded(try? await store.activity(after: cursor, limit: limit))
        case .loadRefundable(let number):
            do {
                guard let invoice = try await store.invoice(number) else { return .simulated(w(.noInvoice, number)) }
                let refundable = try await desk.refundable(number)
                let count = try await store.refunds(of: number).count
                return .refundableLoaded(invoice: invoice, refundable: refundable, refundNumber: PaymentDesk.refundNumber(for: number, existing: count))
            } catch {
                return .simulated(w(.refundError, (error as? DeskError).map(w.deskError) ?? "\(error)"))
            }
        case .allocateInvoiceNumber:
            do { return .nextInvoiceNumber(try await desk.nextInvoiceNumber(at: services.clock.now())) } catch { return .simulated(w(.invoiceNumberError, w.deskError(error))) }
        case .createPayment(let tag, let draft):
            do { return .paymentCreated(tag: tag, .success(try await desk.createPayment(draft))) } catch { return .paymentCreated(tag: tag, .failure(error)) }
        case .refund(let tag, let number, let amount, let reason, let refundNumber):
            do {
                return .refunded(tag: tag, .success(try await desk.refund(number, amount: amount, reason: reason, refundNumber: refundNumber)))
            } catch {
                return .refunded(tag: tag, .failure(error))
            }
        case .checkStatus(let tag, let number):
            do { return .statusChecked(tag: tag, .success(try await desk.checkStatus(number))) } catch { return .statusChecked(tag: tag, .failure(error)) }
        case .loadReceipt(let number):
            guard let invoice = try? await store.invoice(number) else { return .simulated(w(.noInvoice, number)) }
            return .receiptLoaded(invoice, (try? await store.refunds(of: number)) ?? [])
        case .shift(let request):
            do {
                switch request {
                case .open(let cashier): return .shiftDone(.success(.opened(try await desk.openShift(cashier: cashier))))
                case .report: return .shiftDone(.success(.report(try await desk.shiftReport())))
                case .close: return .shiftDone(.success(.closed(try await desk.closeShift())))
                }
            } catch {
                return .shiftDone(.failure(error))
            }
        case .reconcile:
            return .reconciled(await desk.reconcile(force: true))
        case .export(let query):
            return await export(query)
        case .saveCurl(let script, let name):
            let stamp = SNAPTimestamp.format(services.clock.now()).prefix(19).replacingOccurrences(of: ":", with: "")
            let path = services.exportDirectory + "/kasir-exchange-\(stamp)-\(name).sh"
            guard FileManager.default.createFile(atPath: path, contents: Data(script.utf8), attributes: [.posixPermissions: 0o600]) else {
                return .curlSaved(path: nil, error: "cannot write \(path)")
            }
            return .curlSaved(path: path, error: nil)
        case .loadTheme(let name):
            let (theme, error) = services.loadTheme(name)
            return .themeLoaded(theme, error: error)
        case .simulate(let number, let outcome):
            guard let simulate = services.simulate else { return .simulated(w(.demoOnly)) }
            guard await simulate(number, outcome) else { return .simulated(w(.simNotFound)) }
            return .simulated(w(outcome == .pay ? .simPaid : outcome == .fail ? .simFailed : .simExpired, number))
        case .resend(let number):
            let shown = number.cleanedForDisplay(limit: 64)
            guard let resend = services.resend else { return .resent(Message(.error, w(.resendOnlySandbox))) }
            switch await resend(number) {
            case .sent: return .resent(Message(.success, w(.resendSent, shown)))
            case .notFinished: return .resent(Message(.error, w(.resendNotFinal, shown)))
            case .failed(let why): return .resent(Message(.error, w(.resendFailed, why.cleanedForDisplay(limit: 200))))
            }
        case .quit, .cue, .clipboard:
            // The runtime runs these itself, on the terminal.
            return nil
        }
    }

    func total(for query: InvoiceQuery) async throws -> Int {
        let key = "\(query.statuses.map(\.rawValue).sorted())|\(query.text ?? "")|\(query.terminal ?? "")"
        if let cached = totals[key] { return cached }
        let total = try await services.store.count(InvoiceQuery(statuses: query.statuses, text: query.text, terminal: query.terminal), upTo: InvoiceList.countCap + 1)
        totals[key] = total
        return total
    }

    /// Writes the current list (all pages, streamed) to a CSV file.
    func export(_ query: InvoiceQuery) async -> Action {
        let stamp = SNAPTimestamp.format(services.clock.now()).prefix(19).replacingOccurrences(of: ":", with: "")
        let path = services.exportDirectory + "/kasir-invoices-\(stamp).csv"
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]), let handle = FileHandle(forWritingAtPath: path) else {
            return .exported(path: nil, error: "cannot write \(path)")
        }
        defer { try? handle.close() }
        handle.write(Data("invoice,created_at,amount,currency,status,refunded,reference_no,title\n".utf8))
        var page = query
        page.limit = 1_000
        var written = 0
        while true {
            guard let rows = try? await services.store.invoices(page), !rows.isEmpty else { break }
            var text = ""
            for invoice in rows {
                text += [
                    invoice.number, SNAPTimestamp.format(invoice.createdAt), invoice.amount.wireValue, invoice.amount.currency.rawValue, invoice.status.rawValue,
                    invoice.refunded.wireValue, invoice.referenceNo ?? "", invoice.title ?? "",
                ].map(CSV.field).joined(separator: ",") + "\n"
            }
            handle.write(Data(text.utf8))
            written += rows.count
            page.before = (rows.last!.createdAt, rows.last!.number)
            if rows.count < page.limit { break }
        }
        return .exported(path: path + " (\(written) invoices)", error: nil)
    }
}

/// CSV fields safe for spreadsheets.
public enum CSV {
    public static func field(_ text: String) -> String {
        let cleaned = text.cleanedForDisplay(limit: 256)
        // A leading = + - @ would run as a formula in a spreadsheet.
        let safe = cleaned.first.map { "=+-@".contains($0) } == true ? "'" + cleaned : cleaned
        return safe.contains(where: { $0 == "," || $0 == "\"" }) ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }
}
