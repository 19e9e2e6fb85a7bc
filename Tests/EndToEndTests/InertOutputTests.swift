import AsyncHTTPClient
import DokuSNAP
import DokuSandbox
import Foundation
import NIOCore
import Testing

/// Untrusted text (notification bodies, DOKU's answers) never reaches an output raw: checked by bytes.
@Suite struct InertOutputTests {
    /// The first forbidden character in `text`: C0 controls but newline, DEL, C1 (NEL among them),
    /// bidi controls, zero-width characters.
    static func firstRawControl(_ text: String) -> String? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: continue
            case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C:
                return String(format: "U+%04X", scalar.value)
            default: continue
            }
        }
        return nil
    }

    /// Escapes, a forged log line and hidden characters, written as JSON escapes so the body is valid JSON.
    static let evil = #"EVIL\u001b]0;pwned\u0007\u001b[2J\n2026-12-02T10:00:00+07:00  \u2190 notification INV-FAKE 00 applied\u0085\u202e\u200b"#

    @Test func kasirListenPrintsOnlyCleanTextWhateverArrives() async throws {
        let setup = try await CLISetup.start()
        let (keyring, _) = try SandboxKeyring.loadOrCreate(at: setup.directory.appendingPathComponent("keys"))
        let listener = try ListenProcess(configPath: setup.configPath, directory: setup.directory)
        let url = try #require(await listener.notifyURL(), "kasir listen did not start: \(listener.log)")
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        func post(_ body: String, signed: Bool) async throws -> Int {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            let stamp = SNAPTimestamp.format(Date())
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "X-TIMESTAMP", value: stamp)
            request.headers.add(name: "X-EXTERNAL-ID", value: "1234567890")
            let key = signed ? keyring.dokuKey : keyring.merchantKey
            request.headers.add(name: "X-SIGNATURE", value: try key.sign("POST:" + DokuPaths.notify + ":" + JSONMinifier.bodyHash(Array(body.utf8)) + ":" + stamp))
            request.body = .bytes(ByteBuffer(string: body))
            let response = try await http.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 16)
            return Int(response.status.code)
        }
        // Unauthenticated, with the evil text where the invoice number would be; then authenticated
        // (DOKU's key), for an invoice nobody has, and with a body that breaks a field rule.
        do {
            #expect(try await post(#"{"originalPartnerReferenceNo":"\#(Self.evil)","originalReferenceNo":"R","latestTransactionStatus":"00"}"#, signed: false) == 401)
            // Control characters break the field rules (refused); bidi and zero-width ones do not (kept, for an invoice nobody has).
            #expect(try await post(#"{"originalPartnerReferenceNo":"\#(Self.evil)","originalReferenceNo":"R\#(Self.evil)","latestTransactionStatus":"00"}"#, signed: true) == 400)
            #expect(try await post(#"{"originalPartnerReferenceNo":"EVIL\u202eGNP.exe\u200b\u2066","originalReferenceNo":"R\u202e1","latestTransactionStatus":"00","transactionStatusDesc":"\u202eSuccess"}"#, signed: true) == 200)
            #expect(try await post(#"{"originalPartnerReferenceNo":"\#(Self.evil)","originalReferenceNo":"R","latestTransactionStatus":"\#(Self.evil)"}"#, signed: true) == 400)
        } catch {
            Issue.record("posting failed: \(error)")
        }
        try await http.shutdown()
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await listener.terminate() == 0)
        let output = listener.log
        #expect(output.contains("notification"), "\(output)")
        #expect(output.contains("EVIL"), "the refused and flagged notifications are reported: \(output)")
        #expect(Self.firstRawControl(output) == nil, "kasir listen printed \(Self.firstRawControl(output) ?? ""): \(output.debugDescription)")
        #expect(!output.contains("\n2026-12-02T10:00:00+07:00  ← notification INV-FAKE"), "a forged line starts a line of its own")

        // What scripts read: JSON, CSV and text, after DOKU answered with hidden characters.
        var faults = SandboxFaults()
        faults.forced["payment"] = .init(code: "4035414", message: "Insufficient\u{1B}[31m Funds\u{85}\u{202E}")
        await setup.sandbox.simulator.setFaults(faults)
        let rejected = try await setup.run(["pay", "--amount", "1000", "--json"])
        #expect(rejected.status == 1)
        let paid = try await setup.run(["pay", "--amount", "2000", "--title", "Kopi", "--json"])
        #expect(paid.status == 0, "\(paid.stderr)")
        for arguments in [["invoices", "--json"], ["invoices", "--csv"], ["invoices"], ["reconcile", "--all", "--json"]] {
            let result = try await setup.run(arguments)
            #expect(Self.firstRawControl(result.stdout + result.stderr) == nil, "\(arguments): \(result.stdout.debugDescription)")
        }
        #expect(Self.firstRawControl(rejected.stdout + rejected.stderr) == nil, "\(rejected.stderr.debugDescription)")
        await setup.stop()
    }
}
