import DokuSNAP
import DokuSandbox
import Foundation
import KasirCore
import KasirStore
import Testing

/// The kasir executable, run as a script would: exit statuses, `--json` output, messages on stderr.
@Suite(.serialized) struct CLITests {
    func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test func payStatusRefundAndListWithExitStatuses() async throws {
        let setup = try await CLISetup.start()
        let check = try await setup.run(["config", "check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("OK"))

        let paid = try await setup.run(["pay", "--amount", "150.000", "--title", "Kopi susu", "--json"])
        #expect(paid.status == 0, "\(paid.stderr)")
        let invoice = json(paid.stdout)
        let number = try #require(invoice["invoice"] as? String)
        #expect(invoice["status"] as? String == "awaiting")
        #expect(invoice["amount"] as? String == "150000.00")
        #expect((invoice["webRedirectUrl"] as? String)?.hasPrefix(setup.sandbox.baseURL) == true)
        #expect(paid.stderr.isEmpty)
        // Every exchange with DOKU is in the audit log when kasir pay has exited.
        let audit = try await SQLiteMerchantStore(path: setup.storePath).audit(limit: 20)
        #expect(audit.contains { $0.operation == "payment" && $0.invoiceNumber == number && $0.responseCode == "2005400" }, "\(audit.map(\.operation))")
        // The exchange is kept whole for the exchange view: method, path and headers, secrets only as placeholders.
        let payment = try #require(audit.first { $0.operation == "payment" && $0.invoiceNumber == number })
        #expect(payment.method == "POST" && payment.path == DokuPaths.payment)
        let sent = Dictionary(payment.requestHeaders.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(sent["x-signature"]?.hasPrefix("<redacted, ") == true, "\(sent)")
        #expect(sent["authorization"]?.hasPrefix("Bearer <redacted, ") == true, "\(sent)")
        #expect(sent["x-partner-id"] != nil && sent["x-timestamp"] != nil && sent["x-external-id"] == payment.externalID)
        #expect(!payment.responseHeaders.isEmpty)

        let bad = try await setup.run(["pay", "--amount", "lots", "--json"])
        #expect(bad.status == 2)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.contains("150.000"))
        // What the first wave turned into other amounts is refused with the reason, and nothing is created.
        for (typed, reason) in [("-5000", "cannot be negative"), ("1.5", "did you mean 1.500 or 15?"), ("1e6", "no exponents"), ("0", "more than Rp 0"), ("=-5000", "not part of an amount")] {
            let refused = try await setup.run(["pay", "--amount", typed])
            #expect(refused.status == 2, "\(typed): \(refused.stdout)")
            #expect(refused.stderr.contains(reason), "\(typed): \(refused.stderr)")
        }
        let decimals = try await setup.run(["pay", "--amount", "150000.00", "--json"])
        #expect(json(decimals.stdout)["amount"] as? String == "150000.00", "\(decimals.stderr)")
        #expect(try await setup.run(["pay", "--amount", "1000", "--initiation", "kiosk"]).status == 2)
        #expect(try await setup.run(["pay"]).status == 2)

        var faults = SandboxFaults()
        faults.forced["payment"] = .init(code: "4035414")
        await setup.sandbox.simulator.setFaults(faults)
        let rejected = try await setup.run(["pay", "--amount", "1000", "--json"])
        #expect(rejected.status == 1)
        #expect(rejected.stdout.isEmpty)
        #expect(rejected.stderr.contains("4035414"))
        #expect(rejected.stderr.contains("Insufficient Funds"))

        faults.forced["payment"] = .init(code: "5045400")
        await setup.sandbox.simulator.setFaults(faults)
        let unknown = try await setup.run(["pay", "--amount", "1000"])
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("unknown"))

        await setup.sandbox.simulator.settle(partnerReferenceNo: number, to: .success)
        let status = try await setup.run(["status", number, "--json"])
        #expect(status.status == 0)
        #expect(json(status.stdout)["status"] as? String == "paid")
        #expect(try await setup.run(["status", "INV-NOPE"]).status == 2)

        let refund = try await setup.run(["refund", number, "--amount", "50000", "--reason", "Customer request", "--json"])
        #expect(refund.status == 0, "\(refund.stderr)")
        #expect(json(refund.stdout)["status"] as? String == "succeeded")
        let tooMuch = try await setup.run(["refund", number, "--amount", "999999"])
        #expect(tooMuch.status == 1)
        #expect(tooMuch.stderr.contains("Rp 100.000"))

        let list = try await setup.run(["invoices", "--json"])
        #expect(list.status == 0)
        let rows = (try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]] ?? []
        #expect(rows.count == 4)  // the three above and the one typed as 150000.00
        #expect(rows.first { $0["invoice"] as? String == number }?["status"] as? String == "partially_refunded")
        let csv = try await setup.run(["invoices", "--csv", "--status", "partially_refunded"])
        #expect(csv.stdout.split(separator: "\n").count == 2)
        #expect(csv.stdout.hasPrefix("invoice,created_at,amount"))
        let text = try await setup.run(["invoices"])
        #expect(text.stdout.contains("Rp 150.000"))
        #expect(try await setup.run(["invoices", "--status", "nonsense"]).status == 2)

        let reconcile = try await setup.run(["reconcile", "--all", "--json"])
        #expect(reconcile.status == 0, "\(reconcile.stdout) \(reconcile.stderr)")
        await setup.stop()
    }

    @Test func aBrokenConfigExitsTwoAndSaysWhy() async throws {
        let setup = try await CLISetup.start()
        let secret = setup.directory.appendingPathComponent("keys/secret-key").path
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: secret)
        let check = try await setup.run(["config", "check"])
        #expect(check.status == 2)
        #expect(check.stderr.contains("chmod 600"))
        let missing = try await kasir(["config", "check", "--config", "/nonexistent/kasir.toml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("does not exist"))
        await setup.stop()
    }

    @Test func notificationsAnsweredBeforeAKillAreStoredExactlyOnce() async throws {
        // DOKU's retry schedule ÷ 3600: +0.5 s, +6 s, +12 s.
        let setup = try await CLISetup.start(timeFactor: 3_600)
        let store = try SQLiteMerchantStore(path: setup.storePath)
        var listener = try ListenProcess(configPath: setup.configPath, directory: setup.directory)
        let url = try #require(await listener.notifyURL(), "kasir listen did not start: \(listener.log)")
        await setup.sandbox.simulator.setNotifyURL(url)

        var numbers: [String] = []
        for _ in 0..<40 {
            let result = try await setup.run(["pay", "--amount", "10000", "--json"])
            numbers.append(try #require(json(result.stdout)["invoice"] as? String, "\(result.stderr)"))
        }
        // A burst of payments; kill the receiver while their notifications are arriving.
        let toPay = numbers
        let burst = Task {
            // Spread over about a second, so the kill lands while notifications are still arriving.
            for number in toPay {
                await setup.sandbox.simulator.settle(partnerReferenceNo: number, to: .success)
                try? await Task.sleep(for: .milliseconds(25))
            }
        }
        _ = await eventually(10) { await setup.sandbox.simulator.deliveries.filter(\.delivered).count >= 8 }
        listener.kill()
        await burst.value
        let answeredBeforeKill = Set(await setup.sandbox.simulator.deliveries.filter(\.delivered).map(\.partnerReferenceNo))
        #expect(!answeredBeforeKill.isEmpty)
        for number in answeredBeforeKill {
            #expect(try await store.invoice(number)?.status == .paid, "\(number) was acknowledged but is not paid")
        }

        listener = try ListenProcess(configPath: setup.configPath, directory: setup.directory)
        let restarted = try #require(await listener.notifyURL(), "kasir listen did not restart: \(listener.log)")
        await setup.sandbox.simulator.setNotifyURL(restarted)
        await setup.sandbox.simulator.waitForDeliveries()
        #expect(try await listener.terminate() == 0, "kasir listen stops cleanly on SIGTERM: \(listener.log)")

        for number in numbers {
            #expect(try await store.invoice(number)?.status == .paid, "\(number) never arrived")
        }
        #expect(try await store.notificationCount() == numbers.count)
        let deliveries = await setup.sandbox.simulator.deliveries
        #expect(deliveries.contains { !$0.delivered }, "the kill interrupted no delivery, so this test proved nothing")
        #expect(deliveries.filter(\.delivered).count >= numbers.count)
        await setup.stop()
    }
}
