import DokuSNAP
import Foundation
import KasirCore
import KasirStore
import KasirTestSupport
import Testing

/// Durable means on the disk before the acknowledgement, observed from outside the process.
@Suite struct DurabilityTests {
    @Test func theWriterCommitsWithFullSynchronousAndTheFilesArePrivate() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-sync-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("kasir.sqlite").path
        let store = try SQLiteMerchantStore(path: path)
        // GRDB's WAL set-up sets NORMAL on the writer; kasir must set FULL back afterwards.
        #expect(try await store.writerSynchronous() == 2)
        #expect(try await SQLiteMerchantStore(path: directory.appendingPathComponent("bench.sqlite").path, synchronous: .normal).writerSynchronous() == 1)
        try await store.append(AuditEntry(at: Date(), direction: .incoming, operation: "test", outcome: "ok"))
        for file in [path, path + "-wal", path + "-shm"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode & 0o077 == 0, "\(file) is \(String(mode, radix: 8))")
        }
        // A database others could read is made private when kasir opens it.
        let loose = directory.appendingPathComponent("loose.sqlite").path
        _ = FileManager.default.createFile(atPath: loose, contents: nil, attributes: [.posixPermissions: 0o644])
        _ = try SQLiteMerchantStore(path: loose)
        #expect(try FileManager.default.attributesOfItem(atPath: loose)[.posixPermissions] as? Int == 0o600)
        try? FileManager.default.removeItem(at: directory)
    }

    /// `kasir listen` under strace: for every notification acknowledged `2005600`, the WAL was
    /// fdatasync'ed after the notification was read and before the acknowledgement was written.
    @Test func everyAcknowledgedNotificationWasFsyncedFirst() async throws {
        let strace = "/usr/bin/strace"
        #expect(FileManager.default.isExecutableFile(atPath: strace), "strace is missing: make test installs it (APT_PACKAGES)")
        let setup = try await CLISetup.start(timeFactor: 3_600)
        let trace = setup.directory.appendingPathComponent("listen.strace").path
        let listener = try ListenProcess(
            configPath: setup.configPath, directory: setup.directory,
            tracedBy: [strace, "-f", "-tt", "-yy", "-s", "4096", "-e", "trace=fdatasync,fsync,read,readv,recvfrom,write,writev,sendmsg,sendto", "-o", trace])
        let url = try #require(await listener.notifyURL(timeout: 60), "kasir listen did not start: \(listener.log)")
        await setup.sandbox.simulator.setNotifyURL(url)
        var numbers: [String] = []
        for _ in 0..<5 {
            let result = try await setup.run(["pay", "--amount", "10000", "--json"])
            numbers.append(try #require((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["invoice"] as? String, "\(result.stderr)"))
        }
        for number in numbers { await setup.sandbox.simulator.settle(partnerReferenceNo: number, to: .success) }
        await setup.sandbox.simulator.waitForDeliveries()
        #expect(await setup.sandbox.simulator.deliveries.filter(\.delivered).count == 5)
        _ = try? await listener.terminate()
        await setup.sandbox.stop()

        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
        // The socket a line is about, e.g. "TCP:[127.0.0.1:8787->127.0.0.1:40000]".
        func socket(_ line: String) -> String? {
            guard let start = line.range(of: "<TCP:["), let end = line[start.upperBound...].range(of: "]>") else { return nil }
            return String(line[start.upperBound..<end.lowerBound])
        }
        var lastRequestAt: [String: Int] = [:]
        // Which invoice each socket's last notification was for: a redelivery of one already
        // acknowledged writes nothing new (its first copy is on disk), so it needs no fsync of its own.
        var lastInvoice: [String: String] = [:]
        var acknowledgedInvoices: Set<String> = []
        func invoice(in line: String) -> String? {
            guard let range = line.range(of: #"originalPartnerReferenceNo\":\""#) else { return nil }
            return String(line[range.upperBound...].prefix(while: { $0 != "\\" && $0 != "\"" }))
        }
        var walSyncs: [Int] = []
        var acknowledged = 0
        // A call another thread interrupted is printed as "<unfinished ...>", then "<... read resumed>" by the same pid.
        var pending: [Substring: String] = [:]
        for (index, line) in lines.enumerated() {
            let pid = line.prefix(while: { $0 != " " })
            var target = socket(line)
            if line.contains("<unfinished ...>"), let target { pending[pid] = target }
            if line.contains(" resumed>") { target = pending.removeValue(forKey: pid) }
            if line.contains("fdatasync(") || line.contains("fsync(") {
                if line.contains("-wal>") { walSyncs.append(index) }
            } else if let target, !line.contains("write"), line.contains("POST \(DokuPaths.notify) ") || invoice(in: line) != nil {
                // A request's head and body may come in one read or two.
                if line.contains("POST \(DokuPaths.notify) ") {
                    lastRequestAt[target] = index
                    lastInvoice[target] = nil
                }
                if let number = invoice(in: line) { lastInvoice[target] = number }
            } else if let target, line.contains("2005600") {
                acknowledged += 1
                let read = try #require(lastRequestAt[target], "an acknowledgement on a socket that sent no notification: \(line)")
                let number = lastInvoice[target] ?? nil
                if let number, acknowledgedInvoices.contains(number) { continue }
                if let number { acknowledgedInvoices.insert(number) }
                #expect(walSyncs.contains { $0 > read && $0 < index }, "acknowledged without an fdatasync of the WAL in between: \(line)")
            }
        }
        #expect(acknowledgedInvoices.count == 5, "the trace names \(acknowledgedInvoices.sorted()) acknowledged")
        #expect(acknowledged >= 5, "the trace shows \(acknowledged) acknowledgements; \(lines.count) lines")
        #expect(!walSyncs.isEmpty)
        if acknowledgedInvoices.count == 5 { try? FileManager.default.removeItem(at: setup.directory) }
    }
}
