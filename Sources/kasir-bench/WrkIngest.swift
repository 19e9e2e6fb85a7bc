import DokuSNAP
import Foundation

/// The receiver driven by wrk (Debian's `wrk`, written in C) instead of a Swift client: on two
/// cores a Swift load generator in the same process competes with the receiver for the CPU, so
/// this shows more nearly what the receiver itself sustains. The notifications are signed
/// beforehand, one per invoice, and wrk's Lua script sends each once, the threads taking turns.
struct WrkIngest {
    static let wrk = "/usr/bin/wrk"
    let baseURL: String
    /// The signed requests to send (see `signedRequests`).
    let requests: Data

    static var available: Bool { FileManager.default.isExecutableFile(atPath: wrk) }

    struct Outcome {
        var requests: Int
        var refused: Int
        var repeated: Int
        var seconds: Double
        var p50, p90, p99, max: Double
    }

    /// Sends notifications for invoices `INV-B-<first>` … for `seconds` over `connections`; wrk
    /// waits on a thread of its own so that the receiver keeps both threads of Swift's pool.
    func run(seconds: Int, connections: Int, threads: Int = 2) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try runBlocking(seconds: seconds, connections: connections, threads: threads) })
            }.start()
        }
    }

    private func runBlocking(seconds: Int, connections: Int, threads: Int = 2) throws -> Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-wrk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let requests = directory.appendingPathComponent("requests.bin")
        let script = directory.appendingPathComponent("notify.lua")
        try self.requests.write(to: requests)
        try Self.lua.write(to: script, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.wrk)
        process.arguments = ["-t", String(threads), "-c", String(connections), "-d", "\(seconds)s", "-s", script.path, baseURL + DokuPaths.notify]
        var environment = ProcessInfo.processInfo.environment
        environment["KASIR_WRK_REQUESTS"] = requests.path
        environment["KASIR_WRK_THREADS"] = String(threads)
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let line = text.split(separator: "\n").first(where: { $0.hasPrefix("KASIR ") }) else {
            throw BenchFailure("wrk failed (status \(process.terminationStatus)):\n\(text)")
        }
        var fields: [String: Double] = [:]
        for pair in line.dropFirst(6).split(separator: " ") {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let value = Double(parts[1]) { fields[String(parts[0])] = value }
        }
        return Outcome(
            requests: Int(fields["requests"] ?? 0), refused: Int(fields["refused"] ?? 0), repeated: Int(fields["repeated"] ?? 0),
            seconds: (fields["micros"] ?? 0) / 1e6, p50: fields["p50"] ?? 0, p90: fields["p90"] ?? 0, p99: fields["p99"] ?? 0,
            max: fields["max"] ?? 0)
    }

    /// Whole HTTP/1.1 requests, NUL-separated, each a notification for its own invoice
    /// `INV-B-<index>`, signed as `scheme` says: asymmetric with DOKU's key and no token (DOKU's
    /// documented scheme), or symmetric with the client secret over the merchant's token. RSA
    /// signing is slow, so both cores sign.
    static func signedRequests(
        baseURL: String, first: Int, count: Int, scheme: NotificationSignatureScheme, token: String, secret: Secret, dokuKey: RSASigningKey
    ) async -> Data {
        let host = baseURL.replacingOccurrences(of: "http://", with: "")
        let timestamp = SNAPTimestamp.format(Date())
        let signer = SymmetricSignature(clientSecret: secret)
        let parts = 4
        let chunk = (count + parts - 1) / parts
        let pieces = await withTaskGroup(of: (Int, Data).self) { group in
            for part in 0..<parts {
                group.addTask {
                    var data = Data()
                    data.reserveCapacity(chunk * 900)
                    for index in (first + part * chunk)..<min(first + count, first + (part + 1) * chunk) {
                        let body = Array(
                            #"{"originalPartnerReferenceNo":"INV-B-\#(index)","originalReferenceNo":"REF-\#(index)","latestTransactionStatus":"00","amount":{"value":"10000.00","currency":"IDR"}}"#
                                .utf8)
                        var head = "POST \(DokuPaths.notify) HTTP/1.1\r\nHost: \(host)\r\nContent-Type: application/json\r\n"
                        switch scheme {
                        case .symmetric:
                            let signature = signer.sign(method: "POST", path: DokuPaths.notify, accessToken: Secret(token), body: body, timestamp: timestamp)
                            head += "Authorization: Bearer \(token)\r\nX-SIGNATURE: \(signature)\r\n"
                        case .asymmetric, .auto:
                            let signature = (try? AsymmetricSignature.signTransactional(method: "POST", path: DokuPaths.notify, body: body, timestamp: timestamp, with: dokuKey)) ?? ""
                            head += "X-SIGNATURE: \(signature)\r\n"
                        }
                        head += "X-TIMESTAMP: \(timestamp)\r\nX-EXTERNAL-ID: \(index)\r\nContent-Length: \(body.count)\r\n\r\n"
                        data.append(contentsOf: Array(head.utf8))
                        data.append(contentsOf: body)
                        data.append(0)
                    }
                    return (part, data)
                }
            }
            var out: [(Int, Data)] = []
            for await piece in group { out.append(piece) }
            return out.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return pieces.reduce(into: Data()) { $0.append($1) }
    }

    /// wrk's script: thread `id` of `n` sends requests id, id+n, id+2n, …, and counts requests sent
    /// again because the list ran out. Answers other than 2xx are counted by wrk itself
    /// (`errors.status`): a Lua `response` callback made wrk parse every answer into Lua and took a
    /// quarter of a core from the receiver. The receiver answers 200 only with `2005600` after the
    /// commit, and the run checks every acknowledged notification against the store.
    static let lua = #"""
        local threads = {}
        local counter = 0
        function setup(thread)
          thread:set("id", counter)
          counter = counter + 1
          table.insert(threads, thread)
        end
        function init(args)
          local file = assert(io.open(os.getenv("KASIR_WRK_REQUESTS"), "rb"))
          local data = file:read("*a")
          file:close()
          local total = tonumber(os.getenv("KASIR_WRK_THREADS"))
          list = {}
          local index, start = 0, 1
          while true do
            local stop = string.find(data, "\0", start, true)
            if not stop then break end
            if index % total == id then list[#list + 1] = string.sub(data, start, stop - 1) end
            index = index + 1
            start = stop + 1
          end
          data = nil
          sent, repeated = 0, 0
        end
        function request()
          sent = sent + 1
          if sent > #list then repeated = repeated + 1 end
          return list[(sent - 1) % #list + 1]
        end
        function done(summary, latency, requests)
          local repeatedAll = 0
          for _, thread in ipairs(threads) do
            repeatedAll = repeatedAll + thread:get("repeated")
          end
          io.write(string.format("KASIR requests=%d refused=%d repeated=%d micros=%d p50=%.3f p90=%.3f p99=%.3f max=%.3f\n",
            summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, repeatedAll, summary.duration,
            latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
        end
        """#
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
