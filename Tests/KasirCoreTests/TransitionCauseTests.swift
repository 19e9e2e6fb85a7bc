import DokuSNAP
import Testing

@testable import KasirCore

/// Every cause the desk stores reads back as itself, and in Indonesian as Indonesian.
@Suite struct TransitionCauseTests {
    static let causes: [TransitionCause] = [
        .intentStored, .payment(code: "2005400"), .paymentWithoutLink(code: "2005400"),
        .paymentOutcomeUnknown(reason: FailureReason.answerTimedOut.rawValue), .paymentNotSent(reason: "connection refused"),
        .statusCheckNotFound(code: "4045501"), .linkRecovered(code: "2005400"), .refundConfirmed(number: "INV-1-R1", amount: "Rp 50.000"),
    ] + TransactionStatus.allCases.flatMap { [.statusCheck($0), .notification($0), .stillOpenAtDoku($0, secondsLate: 42)] }

    @Test func everyCauseParsesBackFromItsStoredText() {
        for cause in Self.causes {
            #expect(TransitionCause(parsing: cause.text) == cause, "\(cause.text)")
        }
        #expect(TransitionCause(parsing: "something a person typed") == nil)
        #expect(Words.indonesian.cause("something a person typed") == "something a person typed")
    }

    @Test func theCashierReadsEachCauseInTheirLanguage() {
        for cause in Self.causes {
            let indonesian = Words.indonesian.cause(cause.text)
            #expect(indonesian != cause.text, "\(cause.text)")
            for english in ["payment", "notification", "status check", "intent", "refund ", "still ", "confirmed", "paid"] {
                #expect(!indonesian.contains(english), "\(indonesian)")
            }
        }
        #expect(Words.indonesian.cause(TransitionCause.notification(.failed).text) == "notifikasi: 06 gagal")
        #expect(Words.english.cause(TransitionCause.notification(.success).text) == "notification: 00 paid")
    }
}
