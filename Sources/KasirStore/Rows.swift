import DokuSNAP
import Foundation
import GRDB
import KasirCore

/// Row ↔ model mapping, by hand so the schema stays the single source of truth.
enum Rows {
    static func date(_ row: Row, _ column: String) -> Date? {
        (row[column] as Double?).map(Date.init(timeIntervalSince1970:))
    }

    static func money(_ minor: Int64, _ currency: String) -> Money {
        (try? Money(minorUnits: minor, currency: Currency(rawValue: currency) ?? .idr)) ?? .zero()
    }

    /// The invoice columns in the order of `arguments(_:)`; `invoice(_:)` reads them by position,
    /// since looking columns up by name was most of the cost of reading a row.
    static let invoiceColumns = """
        number, amount, currency, title, status, referenceNo, webRedirectUrl, validUpTo, pointOfInitiation, deviceId, ipAddress, \
        returnUrl, createdAt, updatedAt, paidAt, refunded, lastResponseCode, lastMessage, nextCheckAt, checkAttempts, externalId
        """

    /// An invoice from a row selected with `invoiceColumns`.
    static func invoice(_ row: Row) -> Invoice {
        func date(_ index: Int) -> Date? { (row[index] as Double?).map(Date.init(timeIntervalSince1970:)) }
        let currency: String = row[2]
        var invoice = Invoice(
            number: row[0], amount: money(row[1], currency), title: row[3], validUpTo: date(7) ?? .distantPast,
            pointOfInitiation: PointOfInitiation(rawValue: row[8]) ?? .app, deviceID: row[9], ipAddress: row[10], returnURL: row[11],
            createdAt: date(12) ?? .distantPast)
        invoice.status = InvoiceStatus(rawValue: row[4]) ?? .unknown
        invoice.referenceNo = row[5]
        invoice.webRedirectUrl = row[6]
        invoice.updatedAt = date(13) ?? invoice.createdAt
        invoice.paidAt = date(14)
        invoice.refunded = money(row[15], currency)
        invoice.lastResponseCode = row[16]
        invoice.lastMessage = row[17]
        invoice.nextCheckAt = date(18)
        invoice.checkAttempts = row[19]
        invoice.externalID = row[20]
        return invoice
    }

    static func invoice(_ number: String, _ db: Database) throws -> Invoice? {
        // Read from the statement's own row: `fetchOne` copies the row first, names and all, and
        // this runs on the single writer once per notification.
        // The row lives only as long as its cursor.
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(invoiceColumns) FROM invoice WHERE number = ?"), arguments: [number])
        return try withExtendedLifetime(cursor) { try cursor.next().map(invoice) }
    }

    static func insert(_ invoice: Invoice, _ db: Database) throws {
        try db.cachedStatement(sql: """
                INSERT INTO invoice (number, amount, currency, title, status, referenceNo, webRedirectUrl, validUpTo, pointOfInitiation, deviceId,
                    ipAddress, returnUrl, createdAt, updatedAt, paidAt, refunded, lastResponseCode, lastMessage, nextCheckAt, checkAttempts, externalId)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: arguments(invoice))
    }

    static func update(_ invoice: Invoice, _ db: Database) throws {
        var args = arguments(invoice)
        _ = args.append(contentsOf: [invoice.number])
        try db.cachedStatement(sql: """
                UPDATE invoice SET number = ?, amount = ?, currency = ?, title = ?, status = ?, referenceNo = ?, webRedirectUrl = ?, validUpTo = ?,
                    pointOfInitiation = ?, deviceId = ?, ipAddress = ?, returnUrl = ?, createdAt = ?, updatedAt = ?, paidAt = ?, refunded = ?,
                    lastResponseCode = ?, lastMessage = ?, nextCheckAt = ?, checkAttempts = ?, externalId = ?
                WHERE number = ?
                """).execute(arguments: args)
    }

    /// Writes only what a notification changes: a full-row update was a tenth of ingest's time.
    static func updateFromNotification(_ invoice: Invoice, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE invoice SET status = ?, referenceNo = ?, paidAt = ?, nextCheckAt = ?, updatedAt = ? WHERE number = ?").execute(arguments: [
            invoice.status.rawValue, invoice.referenceNo, invoice.paidAt?.timeIntervalSince1970, invoice.nextCheckAt?.timeIntervalSince1970,
            invoice.updatedAt.timeIntervalSince1970, invoice.number,
        ])
    }

    static func arguments(_ invoice: Invoice) -> StatementArguments {
        [
            invoice.number, invoice.amount.minorUnits, invoice.amount.currency.rawValue, invoice.title, invoice.status.rawValue, invoice.referenceNo,
            invoice.webRedirectUrl, invoice.validUpTo.timeIntervalSince1970, invoice.pointOfInitiation.rawValue, invoice.deviceID, invoice.ipAddress,
            invoice.returnURL, invoice.createdAt.timeIntervalSince1970, invoice.updatedAt.timeIntervalSince1970, invoice.paidAt?.timeIntervalSince1970,
            invoice.refunded.minorUnits, invoice.lastResponseCode, invoice.lastMessage, invoice.nextCheckAt?.timeIntervalSince1970, invoice.checkAttempts,
            invoice.externalID,
        ]
    }

    static func transition(_ row: Row) -> InvoiceTransition {
        InvoiceTransition(
            invoiceNumber: row["invoiceNumber"], from: (row["fromStatus"] as String?).flatMap(InvoiceStatus.init(rawValue:)),
            to: InvoiceStatus(rawValue: row["toStatus"]) ?? .unknown, at: date(row, "at") ?? .distantPast, cause: row["cause"])
    }

    static func insertTransition(_ transition: InvoiceTransition, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO invoice_transition (invoiceNumber, fromStatus, toStatus, at, cause) VALUES (?, ?, ?, ?, ?)").execute(arguments: [transition.invoiceNumber, transition.from?.rawValue, transition.to.rawValue, transition.at.timeIntervalSince1970, transition.cause])
    }

    static func refund(_ row: Row) -> Refund {
        var refund = Refund(
            number: row["number"], invoiceNumber: row["invoiceNumber"], amount: money(row["amount"], row["currency"]), reason: row["reason"],
            createdAt: date(row, "createdAt") ?? .distantPast)
        refund.status = RefundStatus(rawValue: row["status"]) ?? .unknown
        refund.dokuRefundNo = row["dokuRefundNo"]
        refund.updatedAt = date(row, "updatedAt") ?? refund.createdAt
        refund.lastResponseCode = row["lastResponseCode"]
        refund.lastMessage = row["lastMessage"]
        return refund
    }

    static func refund(_ number: String, _ db: Database) throws -> Refund? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM refund WHERE number = ?"), arguments: [number]).map(refund)
    }

    static func refunds(of invoiceNumber: String, _ db: Database) throws -> [Refund] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM refund WHERE invoiceNumber = ? ORDER BY createdAt, number"), arguments: [invoiceNumber]).map(refund)
    }

    static func insert(_ refund: Refund, _ db: Database) throws {
        try db.cachedStatement(sql: """
                INSERT INTO refund (number, invoiceNumber, amount, currency, reason, status, dokuRefundNo, createdAt, updatedAt, lastResponseCode, lastMessage)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                refund.number, refund.invoiceNumber, refund.amount.minorUnits, refund.amount.currency.rawValue, refund.reason, refund.status.rawValue,
                refund.dokuRefundNo, refund.createdAt.timeIntervalSince1970, refund.updatedAt.timeIntervalSince1970, refund.lastResponseCode, refund.lastMessage,
            ])
    }

    static func update(_ refund: Refund, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE refund SET status = ?, dokuRefundNo = ?, updatedAt = ?, lastResponseCode = ?, lastMessage = ? WHERE number = ?").execute(arguments: [refund.status.rawValue, refund.dokuRefundNo, refund.updatedAt.timeIntervalSince1970, refund.lastResponseCode, refund.lastMessage, refund.number])
    }

    static func notification(_ row: Row) -> ReceivedNotification {
        ReceivedNotification(
            partnerReferenceNo: row["partnerReferenceNo"], referenceNo: row["referenceNo"], status: TransactionStatus(rawValue: row["status"]) ?? .notFound,
            amount: (row["amount"] as Int64?).map { money($0, "IDR") }, externalID: row["externalId"], receivedAt: date(row, "receivedAt") ?? .distantPast,
            body: row["body"], path: row["path"], headers: row["headers"] ?? "")
    }

    static func notificationEntry(_ row: Row) -> AuditEntry {
        AuditEntry.received(notification(row), flag: row["flag"])
    }

    static func audit(_ row: Row) -> AuditEntry {
        AuditEntry(
            at: date(row, "at") ?? .distantPast, direction: AuditEntry.Direction(rawValue: row["direction"]) ?? .outgoing, operation: row["operation"],
            invoiceNumber: row["invoiceNumber"], externalID: row["externalId"], httpStatus: row["httpStatus"], responseCode: row["responseCode"],
            latencyMs: row["latencyMs"], outcome: row["outcome"], requestBody: row["requestBody"], responseBody: row["responseBody"],
            method: row["method"], path: row["path"], requestHeaders: ExchangeHeader.parse(row["requestHeaders"] ?? ""),
            responseHeaders: ExchangeHeader.parse(row["responseHeaders"] ?? ""), refusedBy: (row["refusedBy"] as String?).flatMap(NotificationCheck.init(rawValue:)))
    }

    static func insert(_ entry: AuditEntry, _ db: Database) throws {
        try db.cachedStatement(sql: """
                INSERT INTO audit (at, direction, operation, invoiceNumber, externalId, httpStatus, responseCode, latencyMs, outcome, requestBody, responseBody,
                    method, path, requestHeaders, responseHeaders, refusedBy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                entry.at.timeIntervalSince1970, entry.direction.rawValue, entry.operation, entry.invoiceNumber, entry.externalID, entry.httpStatus,
                entry.responseCode, entry.latencyMs, entry.outcome, entry.requestBody, entry.responseBody, entry.method, entry.path,
                ExchangeHeader.lines(entry.requestHeaders), ExchangeHeader.lines(entry.responseHeaders), entry.refusedBy?.rawValue,
            ])
    }
}
