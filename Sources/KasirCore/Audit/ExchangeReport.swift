import DokuSNAP
import Foundation

/// One exchange read whole, as ops need it: who called whom, what was sent and answered
/// (headers with secrets as placeholders, bodies pretty-printed), what the answer means and
/// what to do next, and for a refusal which check refused it. Pure: the console's exchange view
/// and `kasir logs --full` print these lines.
public struct ExchangeReport: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `label  value`.
        case field(String)
        /// A section's name.
        case heading
        /// Headers and bodies, shown as they are, indented.
        case code
        /// A refusal or a warning.
        case problem
    }

    public struct Line: Sendable, Equatable {
        public var kind: Kind
        public var text: String
    }

    public var title: String
    public var lines: [Line]

    public init(_ entry: AuditEntry, words w: Words) {
        let arrow = entry.direction == .outgoing ? w(.exchangeOutgoing) : w(.exchangeIncoming)
        title = "\(arrow) · \(w.operation(entry.operation).cleanedForDisplay(limit: 40))"
        var lines: [Line] = []
        func field(_ label: Phrase, _ value: String) { lines.append(Line(kind: .field(w(label)), text: value)) }
        let target = [entry.method, entry.path].compactMap { $0 }.joined(separator: " ")
        if !target.isEmpty { lines.append(Line(kind: .code, text: target.cleanedForDisplay(limit: 300))) }
        field(.exchangeWhen, w.dateTime(entry.at, seconds: true))
        if let latency = entry.latencyMs { field(.exchangeLatency, "\(latency) ms") }
        if let id = entry.externalID { field(.exchangeExternalID, id.cleanedForDisplay(limit: 40)) }
        let code = entry.responseCode.flatMap(ResponseCode.init)
        let status = entry.httpStatus.map { "HTTP \($0)" }
        let answer = [status, entry.responseCode.map { $0.cleanedForDisplay(limit: 10) }].compactMap { $0 }.joined(separator: " · ")
        field(.exchangeAnswer, answer.isEmpty ? w(.exchangeNoAnswer) : answer)
        let refused = entry.outcome.hasPrefix("refused")
        if entry.direction == .incoming && entry.operation == "notification" && !refused, let code = entry.responseCode,
            let transaction = TransactionStatus(rawValue: code)
        {
            field(.exchangeMeaning, w.transactionMeaning(transaction))
        } else if let code {
            field(.exchangeMeaning, w.responseTitle(code.rawValue) ?? code.title)
        }
        field(.exchangeOutcome, w.exchangeOutcome(entry).cleanedForDisplay(limit: 300))
        if let check = entry.refusedBy { lines.append(Line(kind: .problem, text: w(.exchangeRefusedBy) + ": " + Self.check(check, words: w))) }
        field(.exchangeNext, Self.nextStep(entry, code: code, words: w))
        func section(_ heading: Phrase, _ body: [String]) {
            lines.append(Line(kind: .heading, text: w(heading)))
            lines += body.map { Line(kind: .code, text: $0) }
        }
        section(.exchangeRequestHeaders, entry.requestHeaders.isEmpty ? [w(.exchangeNotKept)] : entry.requestHeaders.map { "\($0.name): \($0.value)" })
        section(.exchangeRequestBody, Self.pretty(entry.requestBody, empty: w(.exchangeEmpty)))
        if entry.direction == .outgoing {
            section(.exchangeResponseHeaders, entry.responseHeaders.isEmpty ? [w(.exchangeNotKept)] : entry.responseHeaders.map { "\($0.name): \($0.value)" })
        }
        section(.exchangeResponseBody, Self.pretty(entry.responseBody, empty: w(.exchangeEmpty)))
        self.lines = lines
    }

    /// What to do about it, from what the answer means for money.
    static func nextStep(_ entry: AuditEntry, code: ResponseCode?, words w: Words) -> String {
        if entry.direction == .incoming {
            if entry.outcome.hasPrefix("refused") { return w(.nextRefused) }
            if entry.outcome.hasPrefix("kept for review") || entry.refusedBy == .amount { return w(.nextKeptForReview) }
            return w(.nextSuccess)
        }
        guard let code else { return w(.nextUnknown) }
        switch code.category {
        case .success: return w(.nextSuccess)
        case .outcomeUnknown: return w(.nextUnknown)
        case .retryable: return w(.nextRetry)
        case .rejected: return w(.nextRejected)
        }
    }

    static func check(_ check: NotificationCheck, words w: Words) -> String {
        switch check {
        case .clientKey: w(.checkClientKey)
        case .token: w(.checkToken)
        case .timestamp: w(.checkTimestamp)
        case .signature: w(.checkSignature)
        case .body: w(.checkBody)
        case .amount: w(.checkAmount)
        case .store: w(.checkStore)
        }
    }

    /// A JSON body indented with sorted keys; anything else as its cleaned lines.
    public static func pretty(_ body: String, empty: String) -> [String] {
        guard !body.isEmpty else { return [empty] }
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(value) {
                return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map { String($0).cleanedForDisplay(limit: 4096) }
            }
        }
        return body.split(separator: "\n").map { String($0).cleanedForDisplay(limit: 4096) }
    }
}
