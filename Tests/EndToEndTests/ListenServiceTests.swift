import AsyncHTTPClient
import DokuSNAP
import DokuSandbox
import Foundation
import KasirCore
import KasirStore
import KasirTestSupport
import NIOCore
import Testing

/// `kasir listen` as a service: scraped by Prometheus, probed by a health check, stopped by
/// SIGTERM while DOKU is sending, and logging JSON for a log shipper.
@Suite(.serialized) struct ListenServiceTests {
    static let http = HTTPClient(eventLoopGroupProvider: .singleton)

    /// Invoices `INV-S-<i>` awaiting payment, written straight into the listener's store.
    static func invoices(_ count: Int, store path: String, prefix: String) async throws -> [String] {
        let store = try SQLiteMerchantStore(path: path)
        let now = Date()
        let invoices = try (0..<count).map { index in
            var invoice = Invoice(
                number: "\(prefix)-\(index)", amount: try Money(units: 10_000), title: nil, validUpTo: now.addingTimeInterval(3600), pointOfInitiation: .app,
                deviceID: "POS01", ipAddress: nil, returnURL: nil, createdAt: now)
            invoice.status = .awaitingPayment
            invoice.referenceNo = "REF-\(prefix)-\(index)"
            return invoice
        }
        try await store.bulkInsert(invoices)
        return invoices.map(\.number)
    }

    /// A notification as DOKU signs it (or with `key`, or a timestamp `skew` seconds off).
    static func notify(_ url: String, number: String, key: RSASigningKey, skew: TimeInterval = 0, body override: String? = nil) async throws -> (Int, String) {
        let body = override ?? #"{"originalPartnerReferenceNo":"\#(number)","originalReferenceNo":"REF-\#(number)","latestTransactionStatus":"00","amount":{"value":"10000.00","currency":"IDR"}}"#
        let stamp = SNAPTimestamp.format(Date().addingTimeInterval(skew))
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-TIMESTAMP", value: stamp)
        request.headers.add(name: "X-EXTERNAL-ID", value: String(abs(number.hashValue) % 1_000_000_000))
        request.headers.add(name: "X-SIGNATURE", value: try key.sign("POST:" + DokuPaths.notify + ":" + JSONMinifier.bodyHash(Array(body.utf8)) + ":" + stamp))
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await http.execute(request, timeout: .seconds(20))
        let answer = try await response.body.collect(upTo: 1 << 16)
        return (Int(response.status.code), String(buffer: answer))
    }

    static func get(_ url: String) async throws -> (Int, String) {
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    /// `name{labels} value` lines of the text format, by series.
    static func samples(_ text: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            out[String(line[..<space])] = value
        }
        return out
    }

    /// A scripted burst, then `/metrics` parsed: every counter equals what was sent.
    @Test func metricsCountWhatWasSentAndHealthSaysTheStoreTakesWrites() async throws {
        let setup = try await CLISetup.start()
        defer { Task { await setup.stop() } }
        let (keyring, _) = try SandboxKeyring.loadOrCreate(at: setup.directory.appendingPathComponent("keys"))
        let numbers = try await Self.invoices(12, store: setup.storePath, prefix: "INV-M")
        let listener = try ListenProcess(configPath: setup.configPath, directory: setup.directory)
        defer { listener.kill() }
        let url = try #require(await listener.notifyURL(), "kasir listen did not start: \(listener.log)")
        let metrics = try #require(await listener.metricsURL(), "no metrics address: \(listener.log)")
        #expect(URL(string: metrics)?.port != URL(string: url)?.port, "metrics on an address of their own")

        let before = Self.samples(try await Self.get(metrics + "/metrics").1)
        #expect(before["kasir_notifications_accepted_total"] == 0)
        #expect(before["kasir_notifications_refused_total{reason=\"signature\"}"] == 0, "every reason is there from the start")

        // 12 genuine, 3 of them again, 4 signed with the wrong key, 2 with a stale clock, 1 not JSON.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for number in numbers {
                group.addTask {
                    let (status, _) = try await Self.notify(url, number: number, key: keyring.dokuKey)
                    #expect(status == 200)
                }
            }
            try await group.waitForAll()
        }
        for number in numbers.prefix(3) { #expect(try await Self.notify(url, number: number, key: keyring.dokuKey).0 == 200) }
        for number in numbers.prefix(4) { #expect(try await Self.notify(url, number: number, key: keyring.merchantKey).0 == 401) }
        for number in numbers.prefix(2) { #expect(try await Self.notify(url, number: number, key: keyring.dokuKey, skew: -3_600).0 == 401) }
        #expect(try await Self.notify(url, number: "x", key: keyring.dokuKey, body: "not json").0 == 400)

        let (status, text) = try await Self.get(metrics + "/metrics")
        #expect(status == 200)
        let after = Self.samples(text)
        #expect(after["kasir_notifications_accepted_total"] == 15, "\(text)")
        #expect(after["kasir_notifications_duplicate_total"] == 3)
        #expect(after["kasir_notification_commit_seconds_count"] == 15)
        #expect(after["kasir_notifications_refused_total{reason=\"signature\"}"] == 4)
        #expect(after["kasir_notifications_refused_total{reason=\"timestamp\"}"] == 2)
        #expect(after["kasir_notifications_refused_total{reason=\"body\"}"] == 1)
        #expect(after["kasir_notifications_refused_total{reason=\"token\"}"] == 0)
        #expect(try await SQLiteMerchantStore(path: setup.storePath).count(InvoiceQuery(statuses: [.paid])) == 12)

        let (healthStatus, health) = try await Self.get(metrics + "/healthz")
        #expect(healthStatus == 200, "\(health)")
        #expect(health.contains("\"storeWritable\":true") && health.contains("\"committedSinceStart\":true"), "\(health)")
        // DOKU's side does not serve them.
        #expect(try await Self.get(url.replacingOccurrences(of: DokuPaths.notify, with: "/metrics")).0 == 404)
        #expect(try await listener.terminate() == 0)
    }

    /// SIGTERM while DOKU sends: it stops accepting, answers what is in flight, and every
    /// notification it acknowledged is in the store.
    @Test func sigtermUnderLoadLosesNothingAcknowledged() async throws {
        let setup = try await CLISetup.start()
        defer { Task { await setup.stop() } }
        let (keyring, _) = try SandboxKeyring.loadOrCreate(at: setup.directory.appendingPathComponent("keys"))
        let numbers = try await Self.invoices(400, store: setup.storePath, prefix: "INV-T")
        let listener = try ListenProcess(configPath: setup.configPath, directory: setup.directory)
        defer { listener.kill() }
        let url = try #require(await listener.notifyURL(), "kasir listen did not start: \(listener.log)")
        let begin = ContinuousClock.now
        let acknowledged = try await withThrowingTaskGroup(of: String?.self) { group in
            var next = 0
            var out: [String] = []
            var answered = 0
            var stopping: ContinuousClock.Instant?
            func start() {
                let number = numbers[next]
                next += 1
                group.addTask {
                    guard let (status, body) = try? await Self.notify(url, number: number, key: keyring.dokuKey) else { return nil }
                    return status == 200 && body.contains("2005600") ? number : nil
                }
            }
            for _ in 0..<16 { start() }
            while let result = try await group.next() {
                answered += 1
                if let result { out.append(result) }
                // Stop it a quarter of the way in, with requests still in flight; keep sending a
                // moment longer, as DOKU would, to see that nothing new is accepted.
                if answered == 100 {
                    listener.child.signal(SIGTERM)
                    stopping = .now
                }
                let sending = stopping.map { ContinuousClock.now - $0 < .seconds(2) } ?? true
                if sending, next < numbers.count { start() }
            }
            return out
        }
        let stopped = ContinuousClock.now
        let status = try await listener.child.wait(timeout: .seconds(60))
        print("kasir listen exited \(ContinuousClock.now - stopped) after the last answer")
        #expect(status == 0, "\(listener.log)")
        #expect(listener.log.contains("kasir listen: stopped"))
        print("burst took \(ContinuousClock.now - begin), \(acknowledged.count) acknowledged")
        #expect(acknowledged.count >= 100, "the ones before SIGTERM were acknowledged")
        #expect(acknowledged.count < numbers.count, "it stopped accepting")
        let store = try SQLiteMerchantStore(path: setup.storePath)
        var missing: [String] = []
        for number in acknowledged where try await store.invoice(number)?.status != .paid { missing.append(number) }
        #expect(missing.isEmpty, "acknowledged but not stored: \(missing.prefix(5))")
    }

    /// `--log-format json`: one JSON object per notification, for a log shipper.
    @Test func jsonLogLinesForLogShippers() async throws {
        let setup = try await CLISetup.start()
        defer { Task { await setup.stop() } }
        let (keyring, _) = try SandboxKeyring.loadOrCreate(at: setup.directory.appendingPathComponent("keys"))
        let numbers = try await Self.invoices(1, store: setup.storePath, prefix: "INV-J")
        let listener = try ListenProcess(configPath: setup.configPath, directory: setup.directory, extra: ["--log-format", "json"])
        defer { listener.kill() }
        let url = try #require(await listener.notifyURL(), "kasir listen did not start: \(listener.log)")
        #expect(try await Self.notify(url, number: numbers[0], key: keyring.dokuKey).0 == 200)
        #expect(try await Self.notify(url, number: numbers[0], key: keyring.merchantKey).0 == 401)
        #expect(try await listener.terminate() == 0)
        let objects = listener.log.split(separator: "\n").filter { $0.hasPrefix("{") }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.contains { $0["invoice"] as? String == numbers[0] && $0["responseCode"] as? String == "00" && $0["direction"] as? String == "in" }, "\(listener.log)")
        #expect(objects.contains { $0["refusedBy"] as? String == "signature" }, "\(listener.log)")
    }
}
