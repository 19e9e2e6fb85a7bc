import DokuSNAP
import Foundation
import KasirCore
import KasirStore
import KasirTestSupport
import Testing

/// `kasir logs` as ops use it from a shell: the exchanges other processes stored, as lines or
/// JSON lines, filtered, and followed while another process works.
@Suite(.serialized) struct LogsCLITests {
    static func objects(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func logsPrintsWhatAnotherProcessStoredAndFollowsIt() async throws {
        let setup = try await CLISetup.start()
        defer { Task { await setup.stop() } }
        let first = try await setup.run(["pay", "--amount", "12.500", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let number = try #require((try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])?["invoice"] as? String)

        let json = try await setup.run(["logs", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let payment = try #require(Self.objects(json.stdout).first { $0["operation"] as? String == "payment" && $0["invoice"] as? String == number })
        #expect(payment["responseCode"] as? String == "2005400")
        #expect(payment["path"] as? String == DokuPaths.payment)
        let headers = try #require(payment["requestHeaders"] as? [[String: String]])
        #expect(headers.contains { $0["name"]?.lowercased() == "x-signature" && $0["value"]?.hasPrefix("<redacted, ") == true })
        #expect(!json.stdout.contains("eyJ"), "no JWT or token in the output")

        let lines = try await setup.run(["logs", "--invoice", number, "--since", "1h"])
        #expect(lines.status == 0)
        #expect(lines.stdout.contains("→ payment \(number) HTTP 200 2005400"), "\(lines.stdout)")
        #expect(!lines.stdout.contains("access token request"), "only the invoice's exchanges")
        let full = try await setup.run(["logs", "--invoice", number, "--full"])
        #expect(full.stdout.contains("Request headers:") && full.stdout.contains("\"partnerReferenceNo\" : \"\(number)\""), "\(full.stdout)")
        let refused = try await setup.run(["logs", "--refused"])
        #expect(refused.status == 0 && refused.stdout.isEmpty)
        let bad = try await setup.run(["logs", "--since", "yesterday"])
        #expect(bad.status == 2 && bad.stderr.contains("30m, 1h or 2d"))

        // --follow in one process sees the payment another process makes.
        var env = ProcessInfo.processInfo.environment
        env["KASIR_CONFIG"] = setup.configPath
        let follower = try ChildProcess(kasirBinary, ["logs", "--follow", "--json"], environment: env)
        defer { follower.kill() }
        let second = try await setup.run(["pay", "--amount", "7.000", "--json"])
        let next = try #require((try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])?["invoice"] as? String)
        let deadline = ContinuousClock.now + .seconds(30)
        while !follower.output.contains(next), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(Self.objects(follower.output).contains { $0["invoice"] as? String == next && $0["operation"] as? String == "payment" }, "\(follower.output)")
        #expect(follower.poll() == nil, "still following")
    }
}

/// `kasir store prune`: the audit log's retention, by hand, as ops run it.
@Suite(.serialized) struct PruneCLITests {
    @Test func pruneDeletesOnlyOldAuditEntriesAndADryRunDeletesNothing() async throws {
        let setup = try await CLISetup.start()
        defer { Task { await setup.stop() } }
        let paid = try await setup.run(["pay", "--amount", "12.500", "--json"])
        #expect(paid.status == 0, "\(paid.stderr)")
        // Entries from two years ago, written as another process would have written them then.
        do {
            let store = try SQLiteMerchantStore(path: setup.storePath)
            for index in 0..<7 {
                try await store.append(
                    AuditEntry(at: Date().addingTimeInterval(-730 * 86_400 + Double(index)), direction: .outgoing, operation: "status", invoiceNumber: "INV-OLD", outcome: "old"))
            }
        }
        let before = try SQLiteMerchantStore(path: setup.storePath)
        let recent = try await before.audit(limit: 1_000).filter { $0.outcome != "old" }.count
        #expect(recent > 0)

        let dry = try await setup.run(["store", "prune", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("7 audit entries are from before") && dry.stdout.contains("nothing deleted"), "\(dry.stdout)")
        #expect(try await before.auditCount(before: Date().addingTimeInterval(-365 * 86_400)) == 7)

        let pruned = try await setup.run(["store", "prune"])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout.contains("deleted 7 audit entries"), "\(pruned.stdout)")
        let after = try await before.audit(limit: 1_000)
        #expect(!after.contains { $0.outcome == "old" })
        #expect(after.count >= recent, "this year's entries stay")
        #expect(try await before.invoices(InvoiceQuery(limit: 10)).count == 1, "the invoice stays")

        let bad = try await setup.run(["store", "prune", "--older-than", "5m"])
        #expect(bad.status != 0 && bad.stderr.contains("at least a day"), "\(bad.stderr)")
    }
}
