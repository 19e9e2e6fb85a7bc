import DokuSNAP
import DokuSandbox
import Foundation
import KasirCore
import KasirStore
import Testing

/// A scripted day at one till through the CLI: open the shift, sell, some customers pay, one
/// fails, one lets the link expire, one never decides, a refund; the Z report asks DOKU first,
/// and its totals are checked against the store and against DOKU's (the sandbox's) own ledger.
@Suite struct ShiftTests {
    func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    func tally(_ report: [String: Any], _ key: String) -> (Int, String) {
        let value = report[key] as? [String: Any] ?? [:]
        return (value["count"] as? Int ?? -1, value["total"] as? String ?? "?")
    }

    @Test func aDayOfSalesClosesWithTotalsThatAgreeWithDoku() async throws {
        let setup = try await CLISetup.start()
        defer { Task { await setup.stop() } }
        // No shift yet: the X report says how to open one.
        let early = try await setup.run(["shift", "report"])
        #expect(early.status == 2 && early.stderr.contains("shift open --cashier"), "\(early.stderr)")

        let opened = try await setup.run(["shift", "open", "--cashier", "Sari"])
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.stdout.contains("Sari"), "\(opened.stdout)")
        let twice = try await setup.run(["shift", "open", "--cashier", "Budi"])
        #expect(twice.status == 2 && twice.stderr.contains("already has an open shift"), "\(twice.stderr)")

        var numbers: [String] = []
        for amount in ["150.000", "75000", "20.000", "12500", "30000"] {
            let paid = try await setup.run(["pay", "--amount", amount, "--json"])
            #expect(paid.status == 0, "\(paid.stderr)")
            numbers.append(try #require(json(paid.stdout)["invoice"] as? String))
        }
        let simulator = setup.sandbox.simulator
        await simulator.settle(partnerReferenceNo: numbers[0], to: .success)
        await simulator.settle(partnerReferenceNo: numbers[1], to: .success)
        await simulator.settle(partnerReferenceNo: numbers[2], to: .failed)
        _ = await simulator.expire(partnerReferenceNo: numbers[3])
        // numbers[4]: the customer has not decided.

        // The first sale is checked (the CLI has no receiver here) and partly refunded.
        #expect(try await setup.run(["status", numbers[0]]).status == 0)
        let refund = try await setup.run(["refund", numbers[0], "--amount", "50.000"])
        #expect(refund.status == 0, "\(refund.stderr)")

        // X: only what the store knows so far; nothing changes.
        let x = json(try await setup.run(["shift", "report", "--json"]).stdout)
        #expect(x["kind"] as? String == "x")
        #expect(tally(x, "paid") == (1, "150000.00"), "\(x)")
        #expect(tally(x, "created") == (5, "287500.00"))

        // Z: DOKU is asked about every open sale first.
        let closed = try await setup.run(["shift", "close", "--json"])
        #expect(closed.status == 0, "\(closed.stderr)")
        let z = json(closed.stdout)
        #expect(z["kind"] as? String == "z")
        #expect((z["reconciled"] as? [String: Any])?["changed"] as? Int == 3, "\(z)")
        // It names what DOKU's answers changed, sale by sale.
        let changes = ((z["reconciled"] as? [String: Any])?["changes"] as? [[String: String]]) ?? []
        #expect(Set(changes.map { "\($0["invoice"] ?? "") \($0["from"] ?? "")→\($0["to"] ?? "")" }) == [
            "\(numbers[1]) awaiting→paid", "\(numbers[2]) awaiting→failed", "\(numbers[3]) awaiting→expired",
        ], "\(changes)")
        #expect(tally(z, "created") == (5, "287500.00"))
        #expect(tally(z, "paid") == (2, "225000.00"), "\(z)")
        #expect(tally(z, "failed") == (1, "20000.00"))
        #expect(tally(z, "expired") == (1, "12500.00"))
        #expect(tally(z, "awaiting") == (1, "30000.00"))
        #expect(tally(z, "refunded") == (1, "50000.00"))
        #expect(z["net"] as? String == "175000.00")
        #expect((z["unknownInvoices"] as? [String]) == [])

        // The same figures from the store, counted independently of the report.
        let store = try SQLiteMerchantStore(path: setup.storePath)
        let stored = try await store.invoices(InvoiceQuery(limit: 100))
        let paidUnits = stored.filter(\.status.isPaid).reduce(Int64(0)) { $0 + $1.amount.minorUnits }
        #expect(paidUnits == 22_500_000)
        #expect(try await store.refunds(of: numbers[0]).filter { $0.status == .succeeded }.map(\.amount) == [idr(50_000)])

        // And from DOKU's side: the sandbox's ledger took and refunded the same money.
        var dokuPaid: Int64 = 0
        var dokuRefunded: Int64 = 0
        for number in numbers {
            guard let transaction = await simulator.transaction(partnerReferenceNo: number) else { continue }
            if transaction.paidAt != nil { dokuPaid += transaction.amount.minorUnits }
            dokuRefunded += transaction.refunded.minorUnits
        }
        #expect("\(dokuPaid / 100).00" == tally(z, "paid").1)
        #expect("\(dokuRefunded / 100).00" == tally(z, "refunded").1)

        // The day's report for the whole shop says the same, and names the shift.
        let day = try await setup.run(["report", "day", "--json"])
        let dayReport = json(day.stdout)
        #expect(dayReport["kind"] as? String == "day")
        #expect(tally(dayReport, "paid") == tally(z, "paid"))
        #expect(dayReport["net"] as? String == "175000.00")
        let dayText = try await setup.run(["report", "day", "--lang", "id", "--width", "32"])
        #expect(dayText.status == 0, "\(dayText.stderr)")
        #expect(dayText.stdout.contains("LAPORAN HARIAN") && dayText.stdout.contains("PENERIMAAN BERSIH"), "\(dayText.stdout)")
        #expect(dayText.stdout.contains("Rp 175.000"))
        #expect(dayText.stdout.contains("Sari"), "the day lists its shifts")
        #expect(dayText.stdout.split(separator: "\n").allSatisfy { $0.count <= 32 }, "58 mm paper holds 32 characters a line:\n\(dayText.stdout)")
        let csv = try await setup.run(["report", "day", "--csv"])
        #expect(csv.stdout.contains("paid,2,225000.00,IDR"), "\(csv.stdout)")

        // After the close there is no shift to report on.
        #expect(try await setup.run(["shift", "close"]).status == 2)
    }

    @Test func aReceiptAsTextAndAsESCPOSBytes() async throws {
        let setup = try await CLISetup.start()
        defer { Task { await setup.stop() } }
        let paid = try await setup.run(["pay", "--amount", "150000", "--title", "Kopi susu", "--json"])
        let number = try #require(json(paid.stdout)["invoice"] as? String)
        await setup.sandbox.simulator.settle(partnerReferenceNo: number, to: .success)
        #expect(try await setup.run(["status", number]).status == 0)
        #expect(try await setup.run(["refund", number, "--amount", "25000"]).status == 0)

        let text = try await setup.run(["receipt", number, "--lang", "id", "--width", "48"])
        #expect(text.status == 0, "\(text.stderr)")
        for expected in ["STRUK PEMBAYARAN", number, "Rp 150.000", "Dibayar dengan", "DANA", "Ref DOKU", "-Rp 25.000", "Terima kasih"] {
            #expect(text.stdout.contains(expected), "'\(expected)' missing:\n\(text.stdout)")
        }
        #expect(text.stdout.split(separator: "\n").allSatisfy { $0.count <= 48 })

        let printer = setup.directory.appendingPathComponent("lp0").path
        _ = FileManager.default.createFile(atPath: printer, contents: nil)
        let bytes = try await setup.run(["receipt", number, "--escpos", "--printer", printer])
        #expect(bytes.status == 0, "\(bytes.stderr)")
        let stream = [UInt8](try Data(contentsOf: URL(fileURLWithPath: printer)))
        #expect(Array(stream.prefix(2)) == [0x1B, 0x40], "starts by initialising the printer (ESC @)")
        #expect(Array(stream.suffix(7)) == [0x1B, 0x64, 0x04, 0x1D, 0x56, 0x42, 0x00], "ends by feeding and cutting (ESC d 4, GS V 66 0)")
        #expect(contains(stream, [0x1B, 0x61, 0x01]), "centres the header (ESC a 1)")
        #expect(contains(stream, [0x1B, 0x45, 0x01]) && contains(stream, [0x1B, 0x45, 0x00]), "bold on and off (ESC E)")
        // Between the commands, only printable ASCII and line feeds.
        let text8 = strippingCommands(stream)
        #expect(text8.allSatisfy { $0 == 0x0A || (0x20...0x7E).contains($0) }, "a byte outside printable ASCII reached the printer")
        let printed = String(decoding: text8, as: UTF8.self)
        #expect(printed.contains("Rp 150.000") && printed.contains(number), "\(printed)")
        #expect(printed.contains("Kopi susu"))
    }

    func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<$0 + needle.count]) == needle }
    }

    /// The bytes with kasir's ESC/POS commands taken out (each a fixed length).
    func strippingCommands(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case 0x1B where index + 1 < bytes.count && bytes[index + 1] == 0x40: index += 2
            case 0x1D where index + 1 < bytes.count && bytes[index + 1] == 0x56: index += 4
            case 0x1B, 0x1D: index += 3
            default:
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
