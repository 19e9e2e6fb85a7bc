import DokuSNAP
import Foundation
import KasirCore
import Testing
import TerminalUI

@testable import KasirConsole

let fixedNow = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 18:06:40 in Jakarta

func idr(_ units: Int64) -> Money {
    // swift-format-ignore: NeverUseForceTry
    try! Money(units: units)
}

func invoice(_ number: String, units: Int64 = 150_000, status: InvoiceStatus = .awaitingPayment, minutesAgo: Double = 5, refunded: Int64 = 0) -> Invoice {
    var invoice = Invoice(
        number: number, amount: idr(units), title: "Kopi susu", validUpTo: fixedNow.addingTimeInterval(600), pointOfInitiation: .app, deviceID: "POS01",
        ipAddress: nil, returnURL: nil, createdAt: fixedNow.addingTimeInterval(-minutesAgo * 60))
    invoice.status = status
    invoice.referenceNo = "4622327519719605\(number.suffix(4))"
    invoice.webRedirectUrl = "http://127.0.0.1:9000/link/57839472905451\(number.suffix(1))"
    invoice.refunded = idr(refunded)
    if status.isPaid { invoice.paidAt = fixedNow.addingTimeInterval(-60) }
    return invoice
}

/// The language fixtures are made in; snapshot tests run each screen under both.
enum FixtureLanguage {
    @TaskLocal static var words = Words.english
}

func makeState(width: Int = 80, height: Int = 24, environment: ConsoleEnvironment = .demo, readOnly: Bool = false) -> AppState {
    var state = AppState(
        environment: environment, clientID: "BRN-0001-0000000000001", receiver: .listening(host: "127.0.0.1", port: 8787), now: fixedNow, width: width,
        height: height, theme: .builtIn, themeNames: ["default", "light", "high-contrast", "mono"], readOnly: readOnly)
    state.deskDefaults = DeskConfiguration(deviceID: "POS01")
    state.words = FixtureLanguage.words
    state.shopName = "Toko Sejahtera"
    return state
}

/// A state with a loaded list of invoices, as after the first page arrived.
func stateWithInvoices(width: Int = 80, height: Int = 24, environment: ConsoleEnvironment = .demo) -> AppState {
    var state = makeState(width: width, height: height, environment: environment)
    let rows = [
        invoice("INV-20261117-0004", units: 25_000, status: .awaitingPayment, minutesAgo: 1),
        invoice("INV-20261117-0003", units: 150_000, status: .paid, minutesAgo: 3),
        invoice("INV-20261117-0002", units: 80_000, status: .partiallyRefunded, minutesAgo: 9, refunded: 30_000),
        invoice("INV-20261117-0001", units: 12_500, status: .failed, minutesAgo: 20),
    ]
    _ = ConsoleLogic.update(&state, .storeChanged)
    _ = ConsoleLogic.update(&state, .pageLoaded(tag: state.list.pageTag, rows: rows, total: 4, pageStart: 0, hasOlder: false))
    return state
}

/// Types each character of `text`.
func type(_ text: String, into state: inout AppState) -> [Effect] {
    text.flatMap { ConsoleLogic.update(&state, .key(.character($0))) }
}

func render(_ state: AppState) -> Buffer {
    var buffer = Buffer(width: state.width, height: state.height)
    ConsoleView.render(state, into: &buffer)
    return buffer
}

/// A screen never shows a catalog key in place of its words (`keyRefund`, `statusPaidShort`).
func expectNoPhraseKeys(_ buffer: Buffer, sourceLocation: SourceLocation = #_sourceLocation) {
    let screen = buffer.lines.joined(separator: "\n")
    for phrase in Phrase.allCases where phrase.rawValue.contains(where: \.isUppercase) {
        #expect(!screen.contains(phrase.rawValue), "the screen shows the key '\(phrase.rawValue)'", sourceLocation: sourceLocation)
    }
}
