import DokuSNAP
import DokuSandbox
import Foundation
import KasirCore
import KasirPostgres
import KasirStore
import KasirTestSupport
import Testing

/// One shop on one PostgreSQL database: several `kasir listen` receivers behind DOKU's one
/// notification URL, several terminals refunding at once, as separate processes.
@Suite struct PostgresShopTests {
    /// A CLI setup whose config names a fresh PostgreSQL database; and that database's store.
    func shop(timeFactor: Double = 3_600) async throws -> (CLISetup, PostgresMerchantStore) {
        let setup = try await CLISetup.start(timeFactor: timeFactor)
        let url = try await TestPostgres.ready().createDatabase("kasir_shop")
        let text = try String(contentsOfFile: setup.configPath, encoding: .utf8).replacingOccurrences(of: "[store]\n", with: "[store]\nurl = \"\(url)\"\n")
        try text.write(toFile: setup.configPath, atomically: true, encoding: .utf8)
        let store = try await PostgresMerchantStore(location: try PostgresLocation(url: url), password: nil)
        return (setup, store)
    }

    /// Two `kasir listen` on the shop's database behind DOKU's one notification URL; the second's URL.
    func twoReceivers(_ setup: CLISetup) async throws -> (ListenProcess, ListenProcess, String) {
        let first = try ListenProcess(configPath: setup.configPath, directory: setup.directory)
        let second = try ListenProcess(configPath: setup.configPath, directory: setup.directory)
        let a = try #require(await first.notifyURL(), "kasir listen did not start: \(first.log)")
        let b = try #require(await second.notifyURL(), "kasir listen did not start: \(second.log)")
        await setup.sandbox.simulator.setNotifyURLs([a, b])
        return (first, second, b)
    }

    func pay(_ setup: CLISetup, count: Int) async throws -> [String] {
        var numbers: [String] = []
        for _ in 0..<count {
            let result = try await setup.run(["pay", "--amount", "10000", "--json"])
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            numbers.append(try #require(object?["invoice"] as? String, "kasir pay failed: \(result.stderr)"))
        }
        return numbers
    }

    @Test func twoReceiversOnOneDatabaseStoreEveryNotificationOnce() async throws {
        let (setup, store) = try await shop()
        let (first, second, _) = try await twoReceivers(setup)
        let numbers = try await pay(setup, count: 16)
        #expect(try await store.invoice(numbers[0])?.deviceID != nil, "the invoices are in PostgreSQL")
        // Every delivery is sent twice, the second time to the other receiver.
        var faults = SandboxFaults()
        faults.duplicateNotifications = numbers.count
        await setup.sandbox.simulator.setFaults(faults)
        await withTaskGroup(of: Void.self) { group in
            for number in numbers { group.addTask { _ = await setup.sandbox.simulator.settle(partnerReferenceNo: number, to: .success) } }
        }
        await setup.sandbox.simulator.waitForDeliveries()
        let deliveries = await setup.sandbox.simulator.deliveries
        #expect(deliveries.filter(\.delivered).count == 2 * numbers.count, "every notification reached both receivers: \(deliveries.map(\.outcome))")
        for number in numbers {
            #expect(try await store.invoice(number)?.status == .paid)
            #expect(try await store.transitions(of: number).filter { $0.to == .paid }.count == 1, "\(number) was applied once")
        }
        #expect(try await store.notificationCount() == numbers.count)
        #expect(try await first.terminate() == 0)
        #expect(try await second.terminate() == 0)
        await store.shutdown()
        await setup.stop()
    }

    @Test func killingOneReceiverMidBurstLosesNothingItAcknowledged() async throws {
        let (setup, store) = try await shop()
        let (first, second, b) = try await twoReceivers(setup)
        let numbers = try await pay(setup, count: 30)
        let burst = Task {
            for number in numbers {
                _ = await setup.sandbox.simulator.settle(partnerReferenceNo: number, to: .success)
                try? await Task.sleep(for: .milliseconds(25))
            }
        }
        _ = await eventually(10) { await setup.sandbox.simulator.deliveries.filter(\.delivered).count >= 3 }
        first.kill()
        // Deliveries meet the dead receiver until the load balancer's health check takes it out;
        // then DOKU's retries reach the other.
        _ = await eventually(10) { await setup.sandbox.simulator.deliveries.contains { !$0.delivered } }
        await setup.sandbox.simulator.setNotifyURLs([b])
        await burst.value
        // What either receiver acknowledged is stored; what the dead one missed, DOKU retries on the other.
        let acknowledged = Set(await setup.sandbox.simulator.deliveries.filter(\.delivered).map(\.partnerReferenceNo))
        for number in acknowledged {
            #expect(try await store.invoice(number)?.status == .paid, "\(number) was acknowledged but is not paid")
        }
        await setup.sandbox.simulator.waitForDeliveries()
        for number in numbers { #expect(try await store.invoice(number)?.status == .paid, "\(number) never arrived") }
        #expect(try await store.notificationCount() == numbers.count)
        #expect(await setup.sandbox.simulator.deliveries.contains { !$0.delivered }, "the kill interrupted no delivery, so this test proved nothing")
        #expect(try await second.terminate() == 0)
        await store.shutdown()
        await setup.stop()
    }

    @Test func twoTerminalsRacingRefundsNeverRefundMoreThanWasPaid() async throws {
        let (setup, store) = try await shop()
        let result = try await setup.run(["pay", "--amount", "50000", "--json"])
        let number = try #require((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["invoice"] as? String, "\(result.stderr)")
        _ = await setup.sandbox.simulator.settle(partnerReferenceNo: number, to: .success)
        // No receiver here: the refund command learns PAID from DOKU's status answer.
        #expect(try await setup.run(["status", number]).status == 0)
        #expect(try await store.invoice(number)?.status == .paid)
        // Two terminals, four attempts each, 10.000 a time, on an invoice of 50.000.
        let statuses = await withTaskGroup(of: Int32.self) { group in
            for terminal in 0..<2 {
                for _ in 0..<4 {
                    group.addTask {
                        (try? await kasir(
                            ["refund", number, "--amount", "10000", "--json"],
                            environment: ["KASIR_CONFIG": setup.configPath, "KASIR_PAYMENT_DEVICE_ID": "POS0\(terminal + 1)"]).status) ?? -1
                    }
                }
            }
            return await group.reduce(into: [Int32]()) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 0 }.count == 5, "five refunds of 10.000 fit in 50.000: \(statuses)")
        #expect(statuses.filter { $0 == 1 }.count == 3, "the rest are refused as exceeding what is refundable: \(statuses)")
        let refunds = try await store.refunds(of: number)
        #expect(refunds.filter { $0.status == .succeeded }.count == 5)
        #expect(try await store.invoice(number)?.status == .refunded)
        // DOKU's own ledger agrees: never more than was paid.
        let transaction = try #require(await setup.sandbox.simulator.transaction(partnerReferenceNo: number))
        #expect(transaction.refunded == (try Money(units: 50_000)))
        #expect(transaction.refunds.count == 5)
        await store.shutdown()
        await setup.stop()
    }

    /// A console on one machine, a receiver on another (here: another process), one database:
    /// the notification the receiver stores turns the invoice PAID on the console by itself,
    /// woken by PostgreSQL's NOTIFY.
    @Test(.enabled(if: Tmux.available, "tmux is installed by make deps"))
    func aConsoleSeesANotificationAnotherReceiverStored() async throws {
        let (setup, store) = try await shop()
        let listener = try ListenProcess(configPath: setup.configPath, directory: setup.directory)
        defer { listener.kill() }
        let url = try #require(await listener.notifyURL(), "kasir listen did not start: \(listener.log)")
        await setup.sandbox.simulator.setNotifyURL(url)
        let tmux = try await Tmux.start(
            "\(kasirBinary) --config \(setup.configPath) --read-only", width: 80, height: 24, environment: ["KASIR_NOTIFICATIONS_ENABLED": "false"])
        defer { tmux.kill() }
        _ = try await tmux.waitFor("via kasir listen")
        let paid = try await setup.run(["pay", "--amount", "75000", "--title", "Teh manis", "--json"])
        let invoice = try #require((try? JSONSerialization.jsonObject(with: Data(paid.stdout.utf8)) as? [String: Any])?["invoice"] as? String, "\(paid.stderr)")
        _ = try await tmux.waitFor("AWAITING")
        await setup.sandbox.simulator.settle(partnerReferenceNo: invoice, to: .success)
        let screen = try await tmux.waitFor("PAID")
        #expect(screen.contains("PAID") && screen.contains("Rp 75.000"), "\(screen)")
        #expect(try await store.invoice(invoice)?.status == .paid)
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
        await store.shutdown()
        await setup.stop()
    }

    /// The database server stops under a running console and starts again: the console keeps its
    /// rows, says so in the header, and when the server is back reads everything again by itself,
    /// including a sale another terminal made meanwhile. Its own server, so no other test loses its.
    @Test(.enabled(if: Tmux.available, "tmux is installed by make deps"))
    func aConsoleOutlivesTheDatabaseGoingAwayAndComesBackByItself() async throws {
        let setup = try await CLISetup.start()
        let server = try await TestPostgres.privateServer()
        let url = try server.createDatabase("kasir_outage")
        let text = try String(contentsOfFile: setup.configPath, encoding: .utf8).replacingOccurrences(of: "[store]\n", with: "[store]\nurl = \"\(url)\"\n")
        try text.write(toFile: setup.configPath, atomically: true, encoding: .utf8)
        let first = try await setup.run(["pay", "--amount", "61000", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let tmux = try await Tmux.start(
            "\(kasirBinary) --config \(setup.configPath) --read-only", width: 80, height: 24, environment: ["KASIR_NOTIFICATIONS_ENABLED": "false"])
        defer { tmux.kill() }
        _ = try await tmux.waitFor("Rp 61.000")

        await server.stop()
        let down = try await tmux.waitFor("DATABASE UNREACHABLE", seconds: 20)
        #expect(down.contains("Rp 61.000"), "the rows shown stay: \(down)")

        try await server.restart()
        let second = try await setup.run(["pay", "--amount", "62000", "--json"])
        #expect(second.status == 0, "\(second.stderr)")
        let back = try await tmux.waitFor("Rp 62.000", seconds: 20)
        #expect(!back.contains("DATABASE UNREACHABLE") && back.contains("Rp 61.000"), "\(back)")
        try await tmux.keys("q")
        _ = try await tmux.waitFor("EXITED rc=0")
        await server.stop()
        await setup.stop()
    }

    /// With the database out of reach nothing is taken that could not be stored: the payment is
    /// refused before DOKU is called, and the message names the database and what failed.
    @Test func anUnreachableDatabaseRefusesPaymentsAndSaysWhy() async throws {
        let setup = try await CLISetup.start()
        let port = try TestPostgres.freePort()
        let text = try String(contentsOfFile: setup.configPath, encoding: .utf8)
            .replacingOccurrences(of: "[store]\n", with: "[store]\nurl = \"postgresql://kasir@127.0.0.1:\(port)/kasir?sslmode=disable\"\n")
        try text.write(toFile: setup.configPath, atomically: true, encoding: .utf8)
        let paid = try await setup.run(["pay", "--amount", "10000"])
        #expect(paid.status == 4, "\(paid.stderr)")
        #expect(paid.stderr.contains("cannot reach the database at postgresql://kasir@127.0.0.1:\(port)/kasir"), "\(paid.stderr)")
        #expect(await setup.sandbox.simulator.transactions.isEmpty, "DOKU was never asked")
        let check = try await setup.run(["config", "check"])
        #expect(check.status != 0 && check.stderr.contains("cannot reach the database"), "\(check.stdout)\(check.stderr)")
        await setup.stop()
    }

    /// A shop on SQLite moves to PostgreSQL with its whole history, once, into an empty database.
    @Test func aShopsSQLiteHistoryIsCopiedToPostgreSQLWhole() async throws {
        let setup = try await CLISetup.start()
        let listener = try ListenProcess(configPath: setup.configPath, directory: setup.directory)
        let url = try #require(await listener.notifyURL(), "kasir listen did not start: \(listener.log)")
        await setup.sandbox.simulator.setNotifyURL(url)
        let numbers = try await pay(setup, count: 3)
        for number in numbers.prefix(2) { _ = await setup.sandbox.simulator.settle(partnerReferenceNo: number, to: .success) }
        await setup.sandbox.simulator.waitForDeliveries()
        #expect(try await setup.run(["refund", numbers[0], "--amount", "4000"]).status == 0)
        #expect(try await listener.terminate() == 0)

        let source = try await SQLiteMerchantStore(path: setup.storePath).history()
        #expect(source.invoices.count == 3 && source.refunds.count == 1 && source.notifications.count == 2 && !source.audit.isEmpty)
        let target = try await TestPostgres.ready().createDatabase("kasir_copy")
        let copy = try await kasir(["store", "copy", "--from", setup.storePath, "--to", target])
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout.contains("copied 3 invoices"), "\(copy.stdout)")
        let store = try await PostgresMerchantStore(location: try PostgresLocation(url: target), password: nil)
        #expect(try await store.history() == source, "every row arrives as it was")
        #expect(try await store.refunds(of: numbers[0]).first?.status == .succeeded)
        let again = try await kasir(["store", "copy", "--from", setup.storePath, "--to", target])
        #expect(again.status != 0 && again.stderr.contains("already holds 3 invoices"), "\(again.stderr)")
        #expect(try await store.history() == source, "a second copy changes nothing")
        await store.shutdown()
        await setup.stop()
    }
}
