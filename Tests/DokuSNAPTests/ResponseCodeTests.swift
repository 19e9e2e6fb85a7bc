import Testing

@testable import DokuSNAP

@Suite struct ResponseCodeTests {
    @Test func splitsIntoItsParts() throws {
        let code = try #require(ResponseCode("4045813"))
        #expect(code.httpStatus == 404)
        #expect(code.serviceCode == "58")
        #expect(code.caseCode == "13")
        #expect(code.service == .refund)
        #expect(code.meaning.contains("Invalid Amount"))
        #expect(code.meaning.contains("refund"))
        #expect(ResponseCode(http: 404, service: .refund, case: 13) == code)
    }

    @Test(arguments: ["", "200540", "20054000", "abcdefg", "2OO54OO", " 200540", "２００５４００"])
    func refusesWhatIsNotACode(text: String) {
        #expect(ResponseCode(text) == nil)
    }

    @Test(arguments: [
        ("2005400", ResponseCode.Category.success), ("2000500", .success), ("2005800", .success), ("2000700", .success), ("2007300", .success),
        ("2025400", .outcomeUnknown), ("5045400", .outcomeUnknown), ("4095400", .outcomeUnknown), ("4095401", .outcomeUnknown),
        // SNAP's 5xx say nothing about whether the work was done (doku-snap.md, Corrections 7).
        ("5005400", .outcomeUnknown), ("5005402", .outcomeUnknown), ("5005800", .outcomeUnknown), ("5025800", .outcomeUnknown), ("4295400", .retryable),
        ("4005401", .rejected), ("4005402", .rejected), ("4015400", .rejected), ("4015401", .rejected), ("4035414", .rejected),
        ("4035402", .rejected), ("4045800", .rejected), ("4045813", .rejected), ("4045418", .rejected), ("4017300", .rejected), ("4055801", .rejected),
    ])
    func classifiesWhatTheCallerShouldDo(text: String, category: ResponseCode.Category) throws {
        #expect(try #require(ResponseCode(text)).category == category)
    }

    @Test func invalidTokenCodesAskForANewToken() throws {
        #expect(try #require(ResponseCode("4015401")).isInvalidToken)
        #expect(try #require(ResponseCode("4015803")).isInvalidToken)
        #expect(try !#require(ResponseCode("4015400")).isInvalidToken)
    }

    @Test func everyCodeOfTheTableHasItsOwnMeaning() {
        for (key, meaning) in ResponseCode.meanings {
            let http = key / 100
            let caseCode = key % 100
            let code = ResponseCode(http: http, service: .payment, case: caseCode)
            #expect(code.meaning.hasPrefix(meaning))
            #expect(!code.title.isEmpty)
        }
        #expect(ResponseCode("4035414")!.title == "Insufficient Funds")
        #expect(ResponseCode("4999999")!.meaning.isEmpty == false)
    }
}
