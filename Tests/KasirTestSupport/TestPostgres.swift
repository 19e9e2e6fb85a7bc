import Foundation
import Synchronization

/// A throwaway PostgreSQL server for this test process, started the first time a test asks and
/// stopped when the process exits: Debian's binaries, run as the `postgres` user when the tests
/// run as root (the server refuses root), on a free loopback port, in a directory of its own.
/// `KASIR_TEST_POSTGRES_URL` (a server's URL without a database) uses a running server instead.
public final class TestPostgres: Sendable {
    /// `postgresql://user@127.0.0.1:port`, without a database.
    public let serverURL: String
    let binaries: String?

    public static let shared: Result<TestPostgres, TestPostgresError> = {
        do { return .success(try TestPostgres.start()) } catch let error as TestPostgresError { return .failure(error) } catch { return .failure(TestPostgresError("\(error)")) }
    }()

    /// The shared server, or the reason it could not start.
    public static func server() throws -> TestPostgres { try shared.get() }

    /// The shared server, started on a thread of its own: waiting for `initdb` and `pg_ctl` must
    /// not hold Swift concurrency's few threads, which every other test running meanwhile needs.
    public static func ready() async throws -> TestPostgres {
        try await offThread { try shared.get() }
    }

    let control: Control?

    init(serverURL: String, binaries: String?, control: Control? = nil) {
        self.serverURL = serverURL
        self.binaries = binaries
        self.control = control
    }

    /// A new, empty database on the server; its URL.
    public func createDatabase(_ prefix: String = "kasir_test") throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))"
        try psql("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
        return "\(serverURL)/\(name)?sslmode=disable"
    }

    /// Runs one SQL command on the server's `postgres` database.
    public func psql(_ sql: String, database: String = "postgres") throws {
        guard let components = URLComponents(string: serverURL), let host = components.host, let port = components.port, let user = components.user else {
            throw TestPostgresError("bad server URL \(serverURL)")
        }
        try Self.run(binaries.map { $0 + "/psql" } ?? "/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", "\(port)", "-U", user, "-d", database, "-c", sql])
    }

    static func start(shared: Bool = true) throws(TestPostgresError) -> TestPostgres {
        if shared, let url = ProcessInfo.processInfo.environment["KASIR_TEST_POSTGRES_URL"], !url.isEmpty {
            return TestPostgres(serverURL: url, binaries: nil)
        }
        guard let bin = binaryDirectory() else {
            throw TestPostgresError("PostgreSQL's server is not installed: run `make deps` (apt-get install postgresql)")
        }
        let asRoot = getuid() == 0
        let directory = "/tmp/kasir-pg-\(getpid())-\(UUID().uuidString.prefix(8))"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if asRoot { try run("/bin/chown", ["postgres:postgres", directory]) }
            let port = try freePort()
            let data = directory + "/data"
            try run(bin + "/initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], asPostgres: asRoot)
            let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on -c synchronous_commit=on"
            let control = Control(pgctl: bin + "/pg_ctl", data: data, directory: directory, options: options, asRoot: asRoot)
            try control.start()
            Self.started.withLock { $0.append(control) }
            if Self.started.withLock({ $0.count }) == 1 {
                atexit {
                    for control in TestPostgres.started.withLock({ $0 }) {
                        control.stop()
                        try? FileManager.default.removeItem(atPath: control.directory)
                    }
                }
            }
            return TestPostgres(serverURL: "postgresql://postgres@127.0.0.1:\(port)", binaries: bin, control: control)
        } catch let error as TestPostgresError {
            throw error
        } catch {
            throw TestPostgresError("cannot start PostgreSQL: \(error)")
        }
    }

    /// Every cluster this process started, stopped when it exits.
    static let started = Mutex<[Control]>([])

    /// How to stop and start one cluster of this process's own.
    struct Control: Sendable {
        let pgctl, data, directory, options: String
        let asRoot: Bool

        func start() throws {
            try TestPostgres.run(pgctl, ["-D", data, "-o", options, "-l", directory + "/server.log", "-w", "-t", "60", "start"], asPostgres: asRoot)
        }

        func stop() {
            _ = try? TestPostgres.run(pgctl, ["-D", data, "-m", "immediate", "-w", "stop"], asPostgres: asRoot)
        }
    }

    /// A server of the caller's own, which it may stop and start again (the shared one must stay up
    /// for every other test). Started on a thread of its own, as `ready()` is.
    public static func privateServer() async throws -> TestPostgres {
        try await offThread { try TestPostgres.start(shared: false) }
    }

    /// Stops the server at once, as a crash or a cut network would (its own servers only).
    public func stop() async {
        guard let control else { return }
        _ = try? await Self.offThread { control.stop() }
    }

    /// Starts it again on the same port, with its data.
    public func restart() async throws {
        guard let control else { throw TestPostgresError("this server is not one this process started") }
        try await Self.offThread { try control.start() }
    }

    /// Runs `body` on a thread of its own: the server's tools block, and Swift concurrency's few
    /// threads must stay free for the tests running meanwhile.
    static func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>, Never>) in
            Thread.detachNewThread { continuation.resume(returning: Result { try body() }) }
        }
        return try result.get()
    }

    /// Debian keeps the server's programs under /usr/lib/postgresql/<version>/bin; the newest wins.
    static func binaryDirectory() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.reversed().map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }

    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestPostgresError("no free port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a program to its end (the server's tools are quick), through `ChildProcess`:
    /// Foundation's `Process` never learns that `pg_ctl start` ended, since the server it starts
    /// keeps the descriptor Foundation waits on.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], asPostgres: Bool = false) throws -> String {
        let (executable, argv) = asPostgres ? ("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments) : (program, arguments)
        let child = try ChildProcess(executable, argv, directory: URL(fileURLWithPath: "/tmp"), mergeErrors: true)
        defer { child.removeFiles() }
        let deadline = Date().addingTimeInterval(120)
        while child.poll() == nil {
            guard Date() < deadline else {
                child.kill()
                throw TestPostgresError("\((program as NSString).lastPathComponent) did not finish in 120 s: \(child.output)")
            }
            usleep(2_000)
        }
        guard let status = child.poll(), status == 0 else {
            throw TestPostgresError("\((program as NSString).lastPathComponent) \(arguments.joined(separator: " ")) failed (\(child.poll() ?? -1)): \(child.output)")
        }
        return child.output
    }
}

/// Why the test server could not be used.
public struct TestPostgresError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
