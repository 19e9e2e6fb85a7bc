/// Why a call to DOKU failed without an answer kasir could use, as kasir says it in English.
/// The English is what the audit log and the store keep; `Words` says the same in the reader's
/// language by finding the reason here, so each reason is written once.
public enum FailureReason: String, Sendable, CaseIterable {
    case answerTimedOut = "timed out waiting for DOKU's answer"
    case connectTimedOut = "timed out connecting to DOKU"
    case connectionRefused = "connection refused"
    case noPaymentLink = "DOKU's answer had no usable payment link"
    case noKnownStatus = "DOKU's status answer had no known latestTransactionStatus"
}
