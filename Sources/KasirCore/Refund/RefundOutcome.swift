import DokuSNAP

/// What DOKU's answer (or its absence) to a refund means for the money: the event to record and
/// the error to tell the cashier. A pure decision, so every caller and every store settle a
/// refund the same way.
///
/// Only a definite rejection releases the reserved amount. Every 5xx, timeout, unreadable answer
/// and conflict leaves it reserved as *unknown*, settled later by asking DOKU again with the
/// same `partnerRefundNo` (DOKU replays its answer for a repeated one), never under a new number.
public enum RefundOutcome {
    public static func of(_ result: Result<RefundResponse, DokuError>, refund number: String, isRetry: Bool) -> (RefundEvent, DeskError?) {
        switch result {
        case .success(let response):
            return (.confirmed(dokuRefundNo: response.refundNo?.cleanedForDisplay(limit: 64)), nil)
        case .failure(let error):
            switch error {
            case .rejected(_, let code, _):
                // On a retry, "exceeds what can be refunded" or "inconsistent" may be DOKU telling us
                // the first attempt was applied: that is not proof that nothing was done.
                if isRetry && code.httpStatus == 404 && (code.caseCode == "13" || code.caseCode == "18") {
                    let reason = "DOKU answered \(code.rawValue) \(code.title) to the same refund number; it may already be done. Check DOKU's dashboard before refunding again"
                    return (.outcomeUnknown(reason: reason), .outcomeUnknown(number: number, reason: reason))
                }
                return (.rejected(code: code.rawValue, message: code.meaning), .rejected(number: number, code: code.rawValue, message: code.meaning))
            case .outcomeUnknown(_, let reason, let code):
                let why = (code.map { "\($0.rawValue) \($0.title)" } ?? reason)
                return (.outcomeUnknown(reason: why), .refundOutcomeUnknown(number: number, reason: why))
            case .invalidResponse(_, let reason):
                return (.outcomeUnknown(reason: reason), .refundOutcomeUnknown(number: number, reason: reason))
            case .notSent(_, let reason), .configuration(let reason), .invalidRequest(_, let reason):
                // This request never left, so nothing happened at DOKU because of it; but when it was
                // a second ask about a refund already unknown, the first may still have been made.
                if isRetry {
                    let why = "not sent again: " + reason
                    return (.outcomeUnknown(reason: why), .refundOutcomeUnknown(number: number, reason: why))
                }
                return (.rejected(code: "-", message: "not sent: " + reason), .notSent(number: number, reason: reason))
            }
        }
    }
}
