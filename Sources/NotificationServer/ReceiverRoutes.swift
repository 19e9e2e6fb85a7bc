import DokuSNAP
import Foundation
import KasirCore
import NIOHTTP1

/// One answer of the receiver: status, extra headers and the body.
struct ReceiverAnswer: Sendable {
    var status: Int
    var contentType = "application/json"
    var headers: [(String, String)] = []
    var body: String
}

/// What the receiver answers to each request, away from the socket: DOKU's token request, the
/// payment notification (acknowledged `2005600` only after the commit), and the return page.
struct ReceiverRoutes: Sendable {
    let receiver: NotificationReceiver

    /// `body` is nil when it was over `NotificationReceiver.maximumBody`.
    func answer(method: HTTPMethod, path: String, headers: HTTPHeaders, body: [UInt8]?) async -> ReceiverAnswer {
        let path = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        switch (method, path) {
        case (.POST, receiver.tokenPath): return await token(headers: headers, body: body)
        case (.POST, receiver.notifyPath): return await notification(headers: headers, body: body)
        case (.GET, NotificationReceiver.returnPath):
            // The default return URL (urlParam) outside production: where DANA sends the customer back.
            return ReceiverAnswer(
                status: 200, contentType: "text/html; charset=utf-8", headers: [("Cache-Control", "no-store")], body: NotificationReceiver.returnPage)
        default: return ReceiverAnswer(status: 404, contentType: "text/plain; charset=utf-8", body: "")
        }
    }

    func token(headers fields: HTTPHeaders, body: [UInt8]?) async -> ReceiverAnswer {
        let desk = receiver.desk
        let authenticator = receiver.authenticator
        guard let body else {
            return ReceiverAnswer(status: 413, body: #"{"responseCode":"4007300","responseMessage":"Bad Request: the body is over 64 KiB"}"#)
        }
        let (status, answer, refusedBy) = await authenticator.answerTokenRequest(header: { fields.first(name: $0) }, body: body)
        let encoded = (try? JSONEncoder().encode(answer)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        receiver.metrics?.tokenRequest(refusedBy: status == 200 ? nil : refusedBy ?? .body)
        if status != 200 {
            await desk.recordRejected(
                operation: "token request", code: answer.responseCode, message: answer.responseMessage, body: "", externalID: nil,
                path: receiver.tokenPath, headers: NotificationReceiver.kept(fields), check: refusedBy, answer: encoded)
        }
        return ReceiverAnswer(status: status, headers: [(SNAPHeaders.clientKey, authenticator.configuration.clientID)], body: encoded)
    }

    func notification(headers fields: HTTPHeaders, body: [UInt8]?) async -> ReceiverAnswer {
        let desk = receiver.desk
        let metrics = receiver.metrics
        let notifyPath = receiver.notifyPath
        guard let body else {
            let answer = #"{"responseCode":"4005600","responseMessage":"Bad Request: the body is over 64 KiB"}"#
            metrics?.refused(.body)
            await desk.recordRejected(
                operation: "notification", code: "4135600", message: "body over 64 KiB", body: "", externalID: nil, path: notifyPath,
                headers: NotificationReceiver.kept(fields), check: .body, answer: answer)
            return ReceiverAnswer(status: 413, body: answer)
        }
        let header: @Sendable (String) -> String? = { fields.first(name: $0) }
        let notification: PaymentNotification
        do {
            notification = try await receiver.authenticator.verifyNotification(header: header, body: body, path: notifyPath)
        } catch {
            let answer = NotificationAnswer(responseCode: error.code.rawValue, responseMessage: error.message)
            metrics?.refused(error.check)
            await desk.recordRejected(
                operation: "notification", code: error.code.rawValue, message: error.message, body: String(decoding: body, as: UTF8.self),
                externalID: header(SNAPHeaders.externalID), authenticated: error.authenticated, path: notifyPath, headers: NotificationReceiver.kept(fields),
                check: error.check, answer: NotificationReceiver.encoded(answer))
            return ReceiverAnswer(status: error.code.httpStatus, body: NotificationReceiver.encoded(answer))
        }
        do {
            let start = ContinuousClock.now
            let record = try await desk.apply(
                notification, externalID: header(SNAPHeaders.externalID), body: body, path: notifyPath, headers: NotificationReceiver.kept(fields))
            metrics?.committed(record, elapsed: ContinuousClock.now - start)
        } catch {
            metrics?.refused(.store)
            // Not committed: DOKU must try again, so no 2xx.
            return ReceiverAnswer(
                status: 500, body: NotificationReceiver.encoded(NotificationAnswer(responseCode: "5005601", responseMessage: "Internal Server Error: not stored, please retry")))
        }
        return ReceiverAnswer(status: 200, body: NotificationReceiver.processedBody)
    }
}
