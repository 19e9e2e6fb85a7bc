import DokuSNAP
import Foundation
import KasirCore
import KasirTestSupport
import Testing
import TerminalUI

@testable import KasirConsole

/// A store of `count` invoices that costs nothing to hold: row `i` is made when asked for, so a
/// million rows are as cheap as one. Filters keep every third row.
struct SyntheticStore {
    let count: Int
    let base = fixedNow

    func universe(_ query: InvoiceQuery) -> Int {
        query.statuses.isEmpty && query.text == nil ? count : (count + 2) / 3
    }

    func invoice(_ index: Int) -> Invoice {
        let statuses: [InvoiceStatus] = [.awaitingPayment, .paid, .partiallyRefunded, .refunded, .failed, .expired, .unknown, .created]
        var invoice = Invoice(
            number: "INV-R-" + String(index), amount: idr(Int64(1_000 + index % 997 * 500)), title: index % 5 == 0 ? nil : "Order \(index)",
            validUpTo: base.addingTimeInterval(900 - Double(index)), pointOfInitiation: .app, deviceID: "POS01", ipAddress: nil, returnURL: nil,
            createdAt: base.addingTimeInterval(-Double(index)))
        invoice.status = statuses[index % statuses.count]
        invoice.webRedirectUrl = index % 7 == 3 ? nil : "http://127.0.0.1:9000/link/\(100_000 + index)"
        if invoice.status.isPaid { invoice.paidAt = invoice.createdAt }
        return invoice
    }

    func index(of number: String) -> Int? { number.hasPrefix("INV-R-") ? Int(number.dropFirst(6)) : nil }

    func page(_ request: PageRequest, query: InvoiceQuery, tag: Int) -> Action {
        let total = universe(query)
        let limit = max(1, query.limit)
        let start: Int
        switch request {
        case .first: start = 0
        case .after(_, _, let pageStart), .before(_, _, let pageStart): start = max(0, min(pageStart, max(0, total - 1)))
        case .last: start = max(0, total - limit)
        }
        let end = min(total, start + limit)
        let rows = (start..<max(start, end)).map { invoice($0) }
        return .pageLoaded(tag: tag, rows: rows, total: min(total, InvoiceList.countCap), pageStart: start, hasOlder: end < total)
    }
}

/// Drives `update` and `render` with random keys, resizes and answers that arrive late, out of
/// order or twice, and checks the console's invariants after every step.
struct ConsoleFuzzer: Sendable {
    var random: SeededRandom
    var store: SyntheticStore
    var state: AppState
    /// Answers to effects not delivered yet.
    var pending: [Action] = []
    var steps = 0
    var keystrokes = 0
    var renders = 0
    var episodes = 1
    var failures: [String] = []
    var trail: [String] = []
    /// Which screens the run reached, so a run that never left the list proves little.
    var visited: Set<String> = []

    let seed: UInt64

    init(seed: UInt64, rows: Int) {
        self.seed = seed
        random = SeededRandom(state: seed)
        store = SyntheticStore(count: rows)
        state = Self.fresh(seed: seed)
        run(ConsoleLogic.update(&state, .storeChanged))
    }

    /// Odd seeds run in Indonesian, so both languages' screens meet random keys.
    static func fresh(seed: UInt64) -> AppState {
        var state = makeState(width: 80, height: 24)
        state.words = seed % 2 == 0 ? .english : .indonesian
        state.canReceive = true
        state.receiver = .notRunning("starting")
        state.deskDefaults = DeskConfiguration(deviceID: "POS01", returnURL: "https://merchant.example/return")
        return state
    }

    /// Every key any keymap binds, and what people press besides.
    static let boundKeys: [Key] = {
        var keys: [Key] = []
        keys += Keymaps.list(readOnly: false, words: .english).bindings.flatMap(\.keys)
        keys += Keymaps.qr(demo: true, words: .english).bindings.flatMap(\.keys)
        keys += Keymaps.outcome(readOnly: false, words: .english).bindings.flatMap(\.keys)
        keys += Keymaps.form(words: .english).bindings.flatMap(\.keys)
        keys += [.character("y"), .character("n"), .escape, .enter]
        return keys
    }()

    static let otherKeys: [Key] = [
        .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert, .delete, .enter, .escape, .backspace, .tab, .backTab,
        .function(1), .function(5), .function(12), .alt("b"), .alt("f"), .alt("x"),
    ]

    mutating func key() -> Key {
        switch Int.random(in: 0..<10, using: &random) {
        case 0...3: return Self.boundKeys.randomElement(using: &random)!
        case 4...5: return .character(Character(UnicodeScalar(UInt8.random(in: 0x20...0x7E, using: &random))))
        case 6: return .ctrl(Character(UnicodeScalar(UInt8.random(in: 0x61...0x7A, using: &random))))
        case 7: return Self.otherKeys.randomElement(using: &random)!
        case 8: return .character(["1", "5", "0", ".", ",", "-", "e", "R", "p", " "].randomElement(using: &random)!)
        default:
            let scalars: [UInt32] = [0x1B, 0x07, 0x85, 0x202E, 0x200B, 0xE9, 0x4E2D, 0x1F600, 0x7F, 0x0A, 0x09]
            return .character(Character(UnicodeScalar(scalars.randomElement(using: &random)!)!))
        }
    }

    /// Queues the answers the runtime would give for `effects`.
    mutating func run(_ effects: [Effect]) {
        for effect in effects { if let answer = answer(effect) { pending.append(answer) } }
    }

    mutating func answer(_ effect: Effect) -> Action? {
        let fail = Int.random(in: 0..<4, using: &random) == 0
        switch effect {
        case .loadPage(let tag, let query, let page, _): return store.page(page, query: query, tag: tag)
        case .loadDetail(let number):
            guard let index = store.index(of: number) else { return nil }
            return .detailLoaded(InvoiceDetail(invoice: store.invoice(index), transitions: [], refunds: []))
        case .loadActivity:
            // Exchanges with headers and hostile text, so `o` and the exchange view are driven too.
            let entries = (0..<Int.random(in: 0...3, using: &random)).map { index in
                AuditEntry(
                    at: fixedNow, direction: index % 2 == 0 ? .outgoing : .incoming, operation: index % 2 == 0 ? "payment" : "notification",
                    invoiceNumber: "INV-R-\(index)", externalID: "\(steps)", httpStatus: index % 2 == 0 ? 500 : 401, responseCode: index % 2 == 0 ? "5005400" : "4015600",
                    latencyMs: 12, outcome: index % 2 == 0 ? "outcome unknown" : "refused: Unauthorized\u{1B}[2J", requestBody: #"{"a":"\u001b]0;x\u0007","b":[1,2]}"#,
                    responseBody: String(repeating: "x", count: Int.random(in: 0...400, using: &random)), method: "POST", path: "/v1.0/debit/notify",
                    requestHeaders: [ExchangeHeader(name: "Authorization", value: "Bearer <redacted, 43 chars>"), ExchangeHeader(name: "X-Long", value: String(repeating: "y", count: 300))],
                    refusedBy: index % 2 == 0 ? nil : .signature)
            }
            return .activityLoaded(fail ? nil : ActivityPage(entries: entries, cursor: ActivityCursor(audit: Int64(steps), notification: 0), more: false))
        case .saveCurl: return .curlSaved(path: fail ? nil : "/tmp/x.sh", error: fail ? "disk full" : nil)
        case .loadRefundable(let number):
            guard let index = store.index(of: number) else { return nil }
            let invoice = store.invoice(index)
            return .refundableLoaded(invoice: invoice, refundable: invoice.amount, refundNumber: number + "-R1")
        case .allocateInvoiceNumber: return .nextInvoiceNumber("INV-R-NEW-\(steps)")
        case .createPayment(let tag, let draft):
            if fail { return .paymentCreated(tag: tag, .failure([.outcomeUnknown(number: "INV-R-1", reason: "timed out"), .invalid(field: .amount, problem: .zeroAmount), .duplicate("INV-R-1")].randomElement(using: &random)!)) }
            var invoice = store.invoice(Int.random(in: 0..<max(1, store.count), using: &random))
            invoice.amount = draft.amount
            return .paymentCreated(tag: tag, .success(invoice))
        case .refund(let tag, let number, let amount, let reason, let refundNumber):
            if fail { return .refunded(tag: tag, .failure(.refundOutcomeUnknown(number: refundNumber, reason: "5005800 General Error"))) }
            return .refunded(tag: tag, .success(Refund(number: refundNumber, invoiceNumber: number, amount: amount, reason: reason, createdAt: fixedNow)))
        case .checkStatus(let tag, let number):
            guard let index = store.index(of: number), !fail else { return .statusChecked(tag: tag, .failure(.outcomeUnknown(number: number, reason: "timed out"))) }
            return .statusChecked(tag: tag, .success(store.invoice(index)))
        case .reconcile: return .reconciled(ReconcileReport())
        case .loadReceipt(let number):
            guard let index = store.index(of: number) else { return nil }
            return .receiptLoaded(store.invoice(index), [])
        case .shift:
            if fail { return .shiftDone(.failure(.noOpenShift(terminal: "POS01"))) }
            let rows = (0..<min(store.count, 30)).map { store.invoice($0) }
            return .shiftDone(.success(.report(SalesReport.make(.x, from: .distantPast, to: .distantFuture, terminal: nil, cashier: "Sari", invoices: rows, refunds: []))))
        case .export: return .exported(path: fail ? nil : "/tmp/x.csv", error: fail ? "disk full" : nil)
        case .loadTheme: return .themeLoaded(.builtIn, error: fail ? "bad theme" : nil)
        case .simulate: return .simulated("The customer paid")
        case .observeReceiver:
            let beat = fixedNow.addingTimeInterval(Double(steps) - Double(Int.random(in: 0..<40, using: &random)))
            return .receiverObserved(fail ? nil : ReceiverHeartbeat(address: "127.0.0.1:8787", owner: "kasir listen", processID: 1, startedAt: fixedNow, beatAt: beat))
        case .startReceiver: return .receiverStarted(fail ? .failure(ReceiverStartFailure("127.0.0.1:8787 is in use")) : .success(ReceiverAddress(host: "127.0.0.1", port: 8787)))
        case .clipboard: return .clipboardCopied(!fail)
        case .resend: return .resent(Message(fail ? .error : .success, fail ? "the sandbox did not resend" : "resent"))
        case .quit, .cue: return nil
        }
    }

    mutating func step(renderEvery: Int) {
        steps += 1
        let action: Action
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 5 {
            // What a cashier does most: clear the field, type an amount, Enter (forms get submitted too).
            for key in [Key.ctrl("u"), .character("1"), .character(".")] + Array(repeating: Key.character("0"), count: 3) {
                run(ConsoleLogic.update(&state, .key(key)))
                keystrokes += 1
                check()
            }
            action = .key(.enter)
        } else if roll < 55 {
            action = .key(key())
        } else if roll < 85, !pending.isEmpty {
            // Out of order: any waiting answer; now and then the same one again, late.
            let index = Int.random(in: 0..<pending.count, using: &random)
            action = Int.random(in: 0..<10, using: &random) == 0 ? pending[index] : pending.remove(at: index)
        } else if roll < 90 {
            action = .resized(width: Int.random(in: 20...250, using: &random), height: Int.random(in: 10...80, using: &random))
        } else if roll < 95 {
            action = .storeChanged
        } else {
            action = .tick(fixedNow.addingTimeInterval(Double(steps)))
        }
        if case .key = action { keystrokes += 1 }
        trail.append(String(describing: action).prefix(80).description)
        if trail.count > 12 { trail.removeFirst() }
        run(ConsoleLogic.update(&state, action))
        visited.insert(state.modal.map { String(String(describing: $0).prefix(while: { $0 != "(" })) } ?? "list")
        if pending.count > 400 { pending.removeFirst(pending.count - 400) }
        check()
        if steps % renderEvery == 0 {
            var buffer = Buffer(width: state.width, height: state.height)
            _ = ConsoleView.render(state, into: &buffer)
            renders += 1
        }
        if state.quitting {
            // `q` ended the console: start again, as the cashier would.
            state = Self.fresh(seed: seed)
            pending.removeAll()
            episodes += 1
            run(ConsoleLogic.update(&state, .storeChanged))
        }
    }

    mutating func check() {
        for violation in state.invariantViolations { fail(violation) }
        // No trap: from wherever it is, Esc (a few times at most) gets back to the list.
        if state.modal != nil, steps % 7 == 0 {
            var copy = state
            for _ in 0..<3 where copy.modal != nil { _ = ConsoleLogic.update(&copy, .key(.escape)) }
            if copy.modal != nil, !copy.quitting { fail("Esc three times leaves \(String(describing: copy.modal).prefix(60)) open") }
        }
    }

    mutating func fail(_ what: String) {
        guard failures.count < 5 else { return }
        failures.append("step \(steps): \(what); last actions: \(trail.joined(separator: " | "))")
    }
}

@Suite struct RandomInputTests {
    /// `KASIR_FUZZ_STEPS` (default 8,000 per store size) runs longer, e.g. 420000 for over a million
    /// keystrokes over the four sizes; `KASIR_FUZZ_SEED` picks the seed. A failure prints its seed.
    static let steps = Int(ProcessInfo.processInfo.environment["KASIR_FUZZ_STEPS"] ?? "") ?? 8_000
    static let seed = UInt64(ProcessInfo.processInfo.environment["KASIR_FUZZ_SEED"] ?? "") ?? 20_261_202

    @Test func noKeySequenceBreaksTheConsole() async {
        // Empty, one-row, one-page and million-row stores, side by side.
        let runs = await withTaskGroup(of: ConsoleFuzzer.self) { group in
            for rows in [0, 1, 39, 1_000_000] {
                group.addTask {
                    var fuzzer = ConsoleFuzzer(seed: Self.seed &+ UInt64(rows), rows: rows)
                    for _ in 0..<Self.steps {
                        fuzzer.step(renderEvery: 4)
                        if !fuzzer.failures.isEmpty { break }
                    }
                    return fuzzer
                }
            }
            return await group.reduce(into: [ConsoleFuzzer]()) { $0.append($1) }
        }
        for fuzzer in runs {
            #expect(fuzzer.failures.isEmpty, "seed \(fuzzer.seed), rows \(fuzzer.store.count):\n\(fuzzer.failures.joined(separator: "\n"))")
            #expect(fuzzer.renders >= Self.steps / 4)
        }
        var visited = runs.reduce(into: Set<String>()) { $0.formUnion($1.visited) }
        let screens: Set = ["list", "paymentForm", "refundForm", "confirmRefund", "qr", "commandLine", "filter", "help", "notice", "confirmQuit"]
        // Reaching every screen is a matter of chance in a fixed number of steps: a screen not yet
        // reached gets more steps on a one-page store, with the same invariants checked at each.
        if !screens.isSubset(of: visited) {
            var extra = ConsoleFuzzer(seed: Self.seed &+ 99, rows: 39)
            for _ in 0..<(3 * Self.steps) where !screens.isSubset(of: visited.union(extra.visited)) && extra.failures.isEmpty {
                extra.step(renderEvery: 4)
            }
            #expect(extra.failures.isEmpty, "seed \(extra.seed), rows 39:\n\(extra.failures.joined(separator: "\n"))")
            visited.formUnion(extra.visited)
        }
        #expect(screens.isSubset(of: visited), "never reached \(screens.subtracting(visited).sorted())")
        print("random input: \(runs.map(\.keystrokes).reduce(0, +)) keystrokes in \(runs.map(\.steps).reduce(0, +)) steps over \(runs.count) stores, \(runs.map(\.renders).reduce(0, +)) renders, \(runs.map(\.episodes).reduce(0, +)) sessions")
    }
}
