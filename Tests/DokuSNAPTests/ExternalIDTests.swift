import Foundation
import KasirTestSupport
import Testing

@testable import DokuSNAP

@Suite struct ExternalIDTests {
    @Test func idsAreTwentyDigitsAndNeverRepeatWithinADay() throws {
        let clock = ManualClock()
        let generator = ExternalIDGenerator(clock: clock, random: SeededRandom(state: 1))
        var seen = Set<String>()
        for _ in 0..<50_000 {
            let id = try generator.next()
            #expect(id.count == 20)
            #expect(id.allSatisfy { $0.isASCII && $0.isNumber })
            #expect(id.first != "0")
            seen.insert(id)
        }
        #expect(seen.count == 50_000)
    }

    @Test func aNewDayStartsAFreshPrefix() throws {
        let clock = ManualClock()
        let generator = ExternalIDGenerator(clock: clock, random: SeededRandom(state: 7))
        let first = try generator.next()
        clock.advance(by: 86_400)
        let nextDay = try generator.next()
        #expect(first.prefix(12) != nextDay.prefix(12))
        #expect(nextDay.suffix(8) == "00000000")
    }

    @Test func concurrentCallersGetDistinctIDs() async throws {
        let generator = ExternalIDGenerator()
        let ids = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { try (0..<1_000).map { _ in try generator.next() } }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(Set(ids).count == 8_000)
    }
}
