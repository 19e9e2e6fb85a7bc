import DokuSNAP
import Foundation
import KasirCore
import Testing

/// The catalogs: both languages say every phrase with the same blanks to fill; the language
/// follows `--lang`, then the locale's name; times, durations and statuses read as people say them.
@Suite struct LanguageTests {
    static func placeholders(_ text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return Array(Set(found)).sorted()
    }

    @Test func everyPhraseIsSaidInBothLanguagesWithTheSameBlanks() {
        for phrase in Phrase.allCases {
            let english = Catalog.text(phrase, in: .english)
            let indonesian = Catalog.text(phrase, in: .indonesian)
            #expect(!english.isEmpty && !indonesian.isEmpty, "\(phrase) is empty")
            #expect(Self.placeholders(english) == Self.placeholders(indonesian), "\(phrase): '\(english)' and '\(indonesian)' fill different blanks")
            let blanks = Self.placeholders(english)
            #expect(blanks == (0..<blanks.count).map { "{\($0 + 1)}" }, "\(phrase) numbers its blanks from {1} without gaps")
        }
    }

    @Test func indonesianIsNotEnglishCopied() {
        // Words the two languages share (DEMO, QR, Status, Invoice) are allowed; the till's words are Indonesian.
        let differing = Phrase.allCases.filter { Catalog.text($0, in: .english) != Catalog.text($0, in: .indonesian) }
        #expect(differing.count * 10 >= Phrase.allCases.count * 8, "only \(differing.count) of \(Phrase.allCases.count) phrases are translated")
        let id = Words.indonesian
        #expect(id.badge(.paid) == "LUNAS")
        #expect(id.badge(.awaitingPayment) == "MENUNGGU")
        #expect(id.badge(.failed) == "GAGAL")
        #expect(id.badge(.expired) == "KEDALUWARSA")
        #expect(id.badge(.refunded) == "DIKEMBALIKAN")
        #expect(id.status(.partiallyRefunded) == "DIKEMBALIKAN SEBAGIAN")
        #expect(id(.qrScanWithDana) == "Scan dengan aplikasi DANA")
    }

    /// A reason kasir wrote for a failed call reads in the cashier's language; others pass as they came.
    @Test func failureReasonsAreSaidInBothLanguages() {
        for reason in FailureReason.allCases {
            #expect(Words.english.reason(reason.rawValue) == reason.rawValue, "the English is the stored text")
            #expect(Words.indonesian.reason(reason.rawValue) != reason.rawValue, "\(reason) has no Indonesian")
        }
        #expect(Words.indonesian.reason("HTTP 502 from a proxy") == "HTTP 502 from a proxy")
        let unknown = Words.indonesian.deskError(.outcomeUnknown(number: "INV-1", reason: FailureReason.answerTimedOut.rawValue))
        #expect(unknown.contains("DOKU tidak menjawab dalam batas waktu") && unknown.contains("jangan buat ulang"), "\(unknown)")
    }

    @Test func fillingIsPositionalAndLiteral() {
        let w = Words.english
        #expect(w(.refundedMessage, "Rp 5.000", "INV-1", "INV-1-R1") == "Refunded Rp 5.000 on INV-1 (INV-1-R1)")
        // What is filled in is never read as a blank itself.
        #expect(w(.statusAtDoku, "{2}", "PAID") == "{2} is PAID at DOKU")
    }

    @Test func badgesFitTheListsColumn() {
        for words in [Words.english, .indonesian] {
            #expect(words.badgeWidth <= 12, "\(words.language) badges are at most 12 columns")
        }
    }

    @Test(arguments: [
        (["LANG": "id_ID.UTF-8"], Language.indonesian), (["LANG": "en_US.UTF-8"], .english), (["LANG": "C.UTF-8"], .english), ([:], .english),
        (["LC_ALL": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"], .english), (["LC_MESSAGES": "id_ID", "LANG": "en_US.UTF-8"], .indonesian),
        (["LC_ALL": "", "LANG": "id_ID.UTF-8"], .indonesian),
    ])
    func languageFollowsTheLocalesName(environment: [String: String], expected: Language) {
        #expect(Language.fromLocale(environment) == expected)
    }

    @Test func languageFlagsAreRead() {
        #expect(Language(parsing: "id") == .indonesian)
        #expect(Language(parsing: "EN") == .english)
        #expect(Language(parsing: "id_ID.UTF-8") == .indonesian)
        #expect(Language(parsing: "fr") == nil)
        #expect(Language(parsing: "") == nil)
    }

    @Test func durationsAndDatesAsPeopleReadThem() {
        let id = Words.indonesian
        #expect(id.duration(15 * 60) == "15 menit")
        #expect(id.duration(2 * 3600) == "2 jam")
        #expect(id.duration(86_400) == "1 hari")
        #expect(id.duration(90 * 60) == "1 jam 30 menit")
        #expect(Words.english.duration(15 * 60) == "15 minutes")
        // 2026-12-02 14:03:05 in Jakarta.
        let date = Date(timeIntervalSince1970: 1_796_194_985)
        #expect(id.dateTime(date) == "2 Des 2026 14:03 WIB")
        #expect(Words.english.dateTime(date) == "2 Dec 2026 14:03 WIB")
        #expect(id.dateTime(date, seconds: true) == "2 Des 2026 14:03:05 WIB")
        #expect(id.dateTime(date, width: 16) == "2 Des 2026 14:03")
        #expect(id.dateTime(date, width: 12) == "2 Des 14:03")
        #expect(id.countdown(until: date.addingTimeInterval(14 * 60 + 3), now: date) == "sisa 14:03")
        #expect(Words.english.countdown(until: date.addingTimeInterval(65), now: date) == "1:05 left")
        #expect(id.countdown(until: date, now: date.addingTimeInterval(120)) == "tautan kedaluwarsa 2 mnt lalu")
    }

    @Test func problemsAreSaidInTheUsersLanguage() {
        guard case .failure(let problem) = AmountInput.parse("-5000") else {
            Issue.record("-5000 was read as an amount")
            return
        }
        #expect(Words.indonesian.amountProblem(problem) == "jumlah tidak boleh negatif: ketik tanpa '-', mis. 5000")
        #expect(problem.message == "an amount cannot be negative: type it without '-', e.g. 5000")
        let error = DeskError.invalid(field: .returnURL, problem: .url)
        #expect(Words.indonesian.deskError(error) == "URL kembali: harus URL http:// atau https://")
        #expect(error.description == "return URL: must be an http:// or https:// URL")
        #expect(Words.indonesian.deskError(.rejected(number: "INV-1", code: "4035914", message: "Insufficient Funds")) == "DOKU menolak INV-1: 4035914 Saldo tidak cukup")
    }
}
