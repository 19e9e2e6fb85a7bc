import DokuSNAP
import Foundation
import KasirCore
import PostgresNIO

/// Row ↔ model mapping for PostgreSQL, by hand so the schema stays the single source of truth.
/// Times are stored as seconds since 1970 in double precision, exactly as the model holds them.
enum PostgresRows {
    static let invoiceColumns = """
        number, amount, currency, title, status, reference_no, web_redirect_url, valid_up_to, point_of_initiation, device_id, ip_address, \
        return_url, created_at, updated_at, paid_at, refunded, last_response_code, last_message, next_check_at, check_attempts, external_id
        """

    typealias InvoiceRow = (
        String, Int64, String, String?, String, String?, String?, Double, String, String, String?, String?, Double, Double, Double?, Int64, String?,
        String?, Double?, Int64, String?
    )

    static func money(_ minor: Int64, _ currency: String) -> Money {
        (try? Money(minorUnits: minor, currency: Currency(rawValue: currency) ?? .idr)) ?? .zero()
    }

    static func date(_ seconds: Double?) -> Date? { seconds.map(Date.init(timeIntervalSince1970:)) }

    static func invoice(_ row: PostgresRow) throws -> Invoice {
        let r = try row.decode(InvoiceRow.self)
        var invoice = Invoice(
            number: r.0, amount: money(r.1, r.2), title: r.3, validUpTo: Date(timeIntervalSince1970: r.7), pointOfInitiation: PointOfInitiation(rawValue: r.8) ?? .app,
            deviceID: r.9, ipAddress: r.10, returnURL: r.11, createdAt: Date(timeIntervalSince1970: r.12))
        invoice.status = InvoiceStatus(rawValue: r.4) ?? .unknown
        invoice.referenceNo = r.5
        invoice.webRedirectUrl = r.6
        invoice.updatedAt = Date(timeIntervalSince1970: r.13)
        invoice.paidAt = date(r.14)
        invoice.refunded = money(r.15, r.2)
        invoice.lastResponseCode = r.16
        invoice.lastMessage = r.17
        invoice.nextCheckAt = date(r.18)
        invoice.checkAttempts = Int(r.19)
        invoice.externalID = r.20
        return invoice
    }

    static func invoiceBinds(_ invoice: Invoice) -> PostgresBindings {
        var binds = PostgresBindings(capacity: 22)
        appendInvoice(invoice, to: &binds)
        return binds
    }

    /// The invoice's values in the order of `invoiceColumns`.
    static func appendInvoice(_ invoice: Invoice, to binds: inout PostgresBindings) {
        binds.append(invoice.number)
        binds.append(invoice.amount.minorUnits)
        binds.append(invoice.amount.currency.rawValue)
        binds.append(invoice.title)
        binds.append(invoice.status.rawValue)
        binds.append(invoice.referenceNo)
        binds.append(invoice.webRedirectUrl)
        binds.append(invoice.validUpTo.timeIntervalSince1970)
        binds.append(invoice.pointOfInitiation.rawValue)
        binds.append(invoice.deviceID)
        binds.append(invoice.ipAddress)
        binds.append(invoice.returnURL)
        binds.append(invoice.createdAt.timeIntervalSince1970)
        binds.append(invoice.updatedAt.timeIntervalSince1970)
        binds.append(invoice.paidAt?.timeIntervalSince1970)
        binds.append(invoice.refunded.minorUnits)
        binds.append(invoice.lastResponseCode)
        binds.append(invoice.lastMessage)
        binds.append(invoice.nextCheckAt?.timeIntervalSince1970)
        binds.append(Int64(invoice.checkAttempts))
        binds.append(invoice.externalID)
    }

    static func insertInvoice(_ invoice: Invoice) -> PostgresQuery {
        PostgresQuery(
            unsafeSQL: "INSERT INTO invoice (\(invoiceColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
            binds: invoiceBinds(invoice))
    }

    static func updateInvoice(_ invoice: Invoice) -> PostgresQuery {
        let assignments = invoiceColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.enumerated()
            .dropFirst().map { "\($0.element) = $\($0.offset + 1)" }.joined(separator: ", ")
        return PostgresQuery(unsafeSQL: "UPDATE invoice SET \(assignments) WHERE number = $1", binds: invoiceBinds(invoice))
    }

    static func insertTransition(_ transition: InvoiceTransition) -> PostgresQuery {
        """
        INSERT INTO invoice_transition (invoice_number, from_status, to_status, at, cause)
        VALUES (\(transition.invoiceNumber), \(transition.from?.rawValue), \(transition.to.rawValue), \(transition.at.timeIntervalSince1970), \(transition.cause))
        """
    }

    static let refundColumns = "number, invoice_number, amount, currency, reason, status, doku_refund_no, created_at, updated_at, last_response_code, last_message"

    static func refund(_ row: PostgresRow) throws -> Refund {
        let r = try row.decode((String, String, Int64, String, String?, String, String?, Double, Double, String?, String?).self)
        var refund = Refund(number: r.0, invoiceNumber: r.1, amount: money(r.2, r.3), reason: r.4, createdAt: Date(timeIntervalSince1970: r.7))
        refund.status = RefundStatus(rawValue: r.5) ?? .unknown
        refund.dokuRefundNo = r.6
        refund.updatedAt = Date(timeIntervalSince1970: r.8)
        refund.lastResponseCode = r.9
        refund.lastMessage = r.10
        return refund
    }

    static func insertRefund(_ refund: Refund) -> PostgresQuery {
        """
        INSERT INTO refund (number, invoice_number, amount, currency, reason, status, doku_refund_no, created_at, updated_at, last_response_code, last_message)
        VALUES (\(refund.number), \(refund.invoiceNumber), \(refund.amount.minorUnits), \(refund.amount.currency.rawValue), \(refund.reason),
            \(refund.status.rawValue), \(refund.dokuRefundNo), \(refund.createdAt.timeIntervalSince1970), \(refund.updatedAt.timeIntervalSince1970),
            \(refund.lastResponseCode), \(refund.lastMessage))
        """
    }

    static func updateRefund(_ refund: Refund) -> PostgresQuery {
        """
        UPDATE refund SET status = \(refund.status.rawValue), doku_refund_no = \(refund.dokuRefundNo), updated_at = \(refund.updatedAt.timeIntervalSince1970),
            last_response_code = \(refund.lastResponseCode), last_message = \(refund.lastMessage)
        WHERE number = \(refund.number)
        """
    }

    static let transitionColumns = "invoice_number, from_status, to_status, at, cause"

    static func transition(_ row: PostgresRow) throws -> InvoiceTransition {
        let r = try row.decode((String, String?, String, Double, String).self)
        return InvoiceTransition(
            invoiceNumber: r.0, from: r.1.flatMap(InvoiceStatus.init(rawValue:)), to: InvoiceStatus(rawValue: r.2) ?? .unknown,
            at: Date(timeIntervalSince1970: r.3), cause: r.4)
    }

    static let notificationColumns = "id, partner_reference_no, reference_no, status, amount, external_id, received_at, body, flag, path, headers"

    static func notification(_ row: PostgresRow) throws -> (id: Int64, notification: ReceivedNotification, flag: String?) {
        let r = try row.decode((Int64, String, String, String, Int64?, String?, Double, String, String?, String?, String).self)
        let notification = ReceivedNotification(
            partnerReferenceNo: r.1, referenceNo: r.2, status: TransactionStatus(rawValue: r.3) ?? .notFound, amount: r.4.map { money($0, "IDR") },
            externalID: r.5, receivedAt: Date(timeIntervalSince1970: r.6), body: r.7, path: r.9, headers: r.10)
        return (r.0, notification, r.8)
    }

    static let auditColumns = """
        id, at, direction, operation, invoice_number, external_id, http_status, response_code, latency_ms, outcome, request_body, response_body, \
        method, path, request_headers, response_headers, refused_by
        """

    static func audit(_ row: PostgresRow) throws -> (id: Int64, entry: AuditEntry) {
        let r = try row.decode((Int64, Double, String, String, String?, String?, Int64?, String?, Int64?, String, String, String).self)
        // Past the tuple's twelve, by position.
        let cells = row.makeRandomAccess()
        let e = (
            try cells[12].decode(String?.self), try cells[13].decode(String?.self), try cells[14].decode(String.self), try cells[15].decode(String.self),
            try cells[16].decode(String?.self)
        )
        return (
            r.0,
            AuditEntry(
                at: Date(timeIntervalSince1970: r.1), direction: AuditEntry.Direction(rawValue: r.2) ?? .outgoing, operation: r.3, invoiceNumber: r.4,
                externalID: r.5, httpStatus: r.6.map(Int.init), responseCode: r.7, latencyMs: r.8.map(Int.init), outcome: r.9, requestBody: r.10,
                responseBody: r.11, method: e.0, path: e.1, requestHeaders: ExchangeHeader.parse(e.2), responseHeaders: ExchangeHeader.parse(e.3),
                refusedBy: e.4.flatMap(NotificationCheck.init(rawValue:)))
        )
    }

    static func insertAudit(_ entry: AuditEntry) -> PostgresQuery {
        """
        INSERT INTO audit (at, direction, operation, invoice_number, external_id, http_status, response_code, latency_ms, outcome, request_body, response_body,
            method, path, request_headers, response_headers, refused_by)
        VALUES (\(entry.at.timeIntervalSince1970), \(entry.direction.rawValue), \(entry.operation), \(entry.invoiceNumber), \(entry.externalID),
            \(entry.httpStatus.map(Int64.init)), \(entry.responseCode), \(entry.latencyMs.map(Int64.init)), \(entry.outcome), \(entry.requestBody), \(entry.responseBody),
            \(entry.method), \(entry.path), \(ExchangeHeader.lines(entry.requestHeaders)), \(ExchangeHeader.lines(entry.responseHeaders)), \(entry.refusedBy?.rawValue))
        """
    }
}
