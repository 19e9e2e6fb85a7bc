import Foundation
import Testing

@testable import DokuSNAP

@Suite struct TimestampTests {
    // 2024-07-10T04:27:58Z
    let instant = Date(timeIntervalSince1970: 1_720_585_678)

    @Test func formatsInJakartaWithoutMillis() {
        #expect(SNAPTimestamp.format(instant) == "2024-07-10T11:27:58+07:00")
        #expect(SNAPTimestamp.format(instant, offsetSeconds: 0) == "2024-07-10T04:27:58Z")
        #expect(SNAPTimestamp.format(instant.addingTimeInterval(0.999)) == "2024-07-10T11:27:58+07:00")
    }

    @Test func crossesMidnightIntoTheJakartaDay() {
        // 2024-12-31T17:30:00Z is already 2025-01-01 in Jakarta.
        let date = Date(timeIntervalSince1970: 1_735_666_200)
        #expect(SNAPTimestamp.format(date) == "2025-01-01T00:30:00+07:00")
        #expect(SNAPTimestamp.jakartaDay(date) == "20250101")
    }

    @Test(arguments: [
        "2024-07-10T04:27:58Z", "2024-07-10T11:27:58+07:00", "2024-07-10T04:27:58.000Z", "2024-07-10T11:27:58.000+07:00",
        "2024-07-09T23:27:58-05:00", "2024-07-10t04:27:58z", "2024-07-10 04:27:58Z",
    ])
    func parsesAnyRFC3339Offset(text: String) throws {
        #expect(try SNAPTimestamp.parse(text) == instant)
    }

    @Test func keepsFractionalSeconds() throws {
        let parsed = try SNAPTimestamp.parse("2024-07-10T04:27:58.250Z")
        #expect(abs(parsed.timeIntervalSince(instant) - 0.25) < 0.000_001)
    }

    @Test func readsDokusOffsetlessRefundTimeAsJakarta() throws {
        #expect(throws: TimestampError.self) { try SNAPTimestamp.parse("2024-07-10T11:27:58.000") }
        #expect(try SNAPTimestamp.parse("2024-07-10T11:27:58.000", assumingJakartaIfNoOffset: true) == instant)
    }

    @Test(arguments: [
        "", "2024-07-10", "2024-13-10T04:27:58Z", "2024-02-30T04:27:58Z", "2023-02-29T00:00:00Z", "2024-07-10T24:00:00Z",
        "2024-07-10T04:27:58+7:00", "2024-07-10T04:27:58+07", "2024-07-10T04:27:58Zjunk", "2024-07-10T04:27:58.Z",
        "abcd-ef-ghTij:kl:mnZ", "2024-07-10T04:27:58+24:00",
    ])
    func refusesWhatIsNotATimestamp(text: String) {
        #expect(throws: TimestampError.self) { try SNAPTimestamp.parse(text) }
    }

    @Test func leapDayExists() throws {
        _ = try SNAPTimestamp.parse("2024-02-29T00:00:00+07:00")
        _ = try SNAPTimestamp.parse("2000-02-29T00:00:00Z")
    }

    @Test func roundTripsManyInstants() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int64.random(in: 0...4_102_444_800, using: &generator)))
            #expect(try SNAPTimestamp.parse(SNAPTimestamp.format(date)) == date)
            #expect(try SNAPTimestamp.parse(SNAPTimestamp.format(date, offsetSeconds: 0)) == date)
        }
    }
}
