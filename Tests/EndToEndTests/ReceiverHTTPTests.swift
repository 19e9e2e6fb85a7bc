import DokuSNAP
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The receiver's HTTP/1.1 as DOKU's side and a proxy meet it, byte for byte over a raw socket:
/// pipelined requests answered in order, `Connection: close` honoured, unknown paths 404, and
/// on stop the idle connections closed and no new one accepted.
@Suite struct ReceiverHTTPTests {
    /// Runs blocking socket calls on a thread of their own: on Swift's cooperative pool they
    /// would hold the very threads the receiver needs to answer them.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in DispatchQueue.global().async { continuation.resume(returning: body()) } }
    }

    /// A blocking TCP connection to 127.0.0.1:`port`, with a receive timeout.
    final class RawConnection: @unchecked Sendable {
        let descriptor: Int32

        init(port: Int) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            guard connected == 0 else {
                close(descriptor)
                throw POSIXError(.ECONNREFUSED)
            }
        }

        deinit { close(descriptor) }

        func send(_ text: String) { _ = Array(text.utf8).withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) } }

        /// Everything until `count` answers have arrived whole, or the peer closed, or the timeout.
        func read(answers count: Int) -> (text: String, closed: Bool) {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while Self.answers(in: received) < count {
                let got = recv(descriptor, &buffer, buffer.count, 0)
                if got <= 0 { return (String(decoding: received, as: UTF8.self), got == 0) }
                received += buffer[0..<got]
            }
            return (String(decoding: received, as: UTF8.self), false)
        }

        /// Whether the peer has closed: a read returns 0 bytes.
        func closedByPeer() -> Bool {
            var byte: UInt8 = 0
            return recv(descriptor, &byte, 1, 0) == 0
        }

        /// How many whole answers `bytes` holds, by their Content-Length, counted in bytes.
        static func answers(in bytes: [UInt8]) -> Int {
            let separator: [UInt8] = [13, 10, 13, 10]
            var count = 0
            var index = 0
            while let end = (index..<max(index, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) {
                let header = String(decoding: bytes[index..<end], as: UTF8.self).lowercased()
                let length = header.components(separatedBy: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                guard bytes.count - (end + 4) >= length else { break }
                count += 1
                index = end + 4 + length
            }
            return count
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrderAndCloseIsHonoured() async throws {
        let merchant = try await Merchant.start()
        let connection = try RawConnection(port: merchant.receiver.port)
        // Three requests in one write: a 404, the return page, and a notification without a signature.
        connection.send(
            "GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n" + "GET /kasir/return HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST \(DokuPaths.notify) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        let (text, _) = await Self.blocking { connection.read(answers: 3) }
        let statuses = text.components(separatedBy: "HTTP/1.1 ").dropFirst().map { $0.prefix(3) }
        #expect(statuses == ["404", "200", "400"], "\(text)")
        // The notification without X-TIMESTAMP is refused as SNAP says, 4005602; the page is the return page.
        #expect(text.contains("Pembayaran selesai") && text.contains("4005602"), "\(text)")
        #expect(await Self.blocking { connection.closedByPeer() }, "Connection: close is honoured")
        await merchant.stop()
    }

    @Test func stoppingClosesIdleConnectionsAndRefusesNewOnes() async throws {
        let merchant = try await Merchant.start()
        let port = merchant.receiver.port
        let idle = try RawConnection(port: port)
        idle.send("GET /kasir/return HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await Self.blocking { idle.read(answers: 1).text }.hasPrefix("HTTP/1.1 200 OK"))
        await merchant.stop()
        #expect(await Self.blocking { idle.closedByPeer() }, "the idle keep-alive connection is closed on stop")
        #expect(throws: (any Error).self) { try RawConnection(port: port) }
    }
}
