import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program a test runs (kasir, tmux, openssl, zbarimg), spawned with `posix_spawn` and reaped
/// with `waitpid`, always with a deadline.
///
/// Foundation's `Process` learns that a child ended when a socket it hands the child closes. The
/// first `tmux` command forks the tmux server, the server keeps that socket for as long as it
/// lives, and `waitUntilExit()` never returns: on a machine with no tmux server yet (a fresh CI
/// machine) that hung the whole suite. Here the child inherits standard input, output and error
/// only, the end is learnt from `waitpid`, and a child that outlives its deadline is killed and
/// fails its test instead of stalling the run.
public final class ChildProcess: @unchecked Sendable {
    /// How a finished child ended.
    public struct Result: Sendable {
        /// The exit status, or 128 + the signal that killed it, as a shell reports it.
        public var status: Int32
        public var output: String
        public var errors: String
    }

    /// Why a child could not be run to the end.
    public enum Failure: Error, CustomStringConvertible {
        case spawn(command: String, errno: Int32)
        case timedOut(command: String, seconds: Double, output: String)

        public var description: String {
            switch self {
            case .spawn(let command, let code): "could not start \(command): \(String(cString: strerror(code)))"
            case .timedOut(let command, let seconds, let output):
                "\(command) was still running after \(seconds) s and was killed; it printed:\n\(output.suffix(2_000))"
            }
        }
    }

    public let pid: pid_t
    public let command: String
    /// Where the child's standard output goes (and its standard error when merged).
    public let outputFile: URL
    public let errorFile: URL
    private let ownsFiles: Bool
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable`; output goes to `outputFile` (a fresh temporary file if nil), standard
    /// error to the same file when `mergeErrors`, else to a file of its own.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil,
        outputFile: URL? = nil, mergeErrors: Bool = false
    ) throws {
        let stem = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-child-\(UUID().uuidString)")
        self.ownsFiles = outputFile == nil
        self.outputFile = outputFile ?? stem.appendingPathExtension("out")
        self.errorFile = mergeErrors ? self.outputFile : stem.appendingPathExtension("err")
        self.command = ([executable] + arguments).joined(separator: " ").prefix(200).description

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, self.outputFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if mergeErrors {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        }
        // Nothing else of the test process may reach the child (or a daemon it forks).
        try SpawnExtensions.closeFrom(3, in: &actions)
        if let directory { try SpawnExtensions.changeDirectory(to: directory.path, in: &actions) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test process ignores SIGPIPE and its threads block some signals; the child starts clean,
        // in a process group of its own so that `kill()` reaches what it started too.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = CStringArray([executable] + arguments)
        let env = CStringArray((environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" })
        var pid = pid_t()
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv.pointers, env.pointers)
        guard code == 0 else { throw Failure.spawn(command: command, errno: code) }
        self.pid = pid
    }

    /// Runs `executable` to its end and returns what it printed.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil,
        mergeErrors: Bool = false, timeout: Duration = .seconds(120)
    ) async throws -> Result {
        let child = try ChildProcess(executable, arguments, environment: environment, directory: directory, mergeErrors: mergeErrors)
        defer { child.removeFiles() }
        let status = try await child.wait(timeout: timeout)
        return Result(status: status, output: child.output, errors: mergeErrors ? "" : child.errors)
    }

    /// The exit status if the child has ended (reaping it), nil while it runs.
    public func poll() -> Int32? {
        lock.withLock {
            if exitStatus == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { exitStatus = Self.decode(raw) }
            }
            return exitStatus
        }
    }

    /// Waits for the end without blocking a thread; past `timeout`, or when the waiting task is
    /// cancelled, the child is killed and an error thrown.
    public func wait(timeout: Duration = .seconds(120)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        var pause = Duration.milliseconds(1)
        while true {
            if let status = poll() { return status }
            if ContinuousClock.now >= deadline {
                kill()
                let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
                throw Failure.timedOut(command: command, seconds: seconds, output: output)
            }
            do {
                try await Task.sleep(for: pause)
            } catch {
                kill()
                throw error
            }
            pause = min(pause * 2, .milliseconds(20))
        }
    }

    /// Sends `signal` to the child and what it started.
    public func signal(_ signal: Int32) {
        if poll() == nil { Glibc.kill(-pid, signal) }
    }

    /// Kills the child (and its process group) and reaps it.
    public func kill() {
        lock.withLock {
            guard exitStatus == nil else { return }
            Glibc.kill(-pid, SIGKILL)
            Glibc.kill(pid, SIGKILL)
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
            exitStatus = Self.decode(raw)
        }
    }

    public var output: String { String(decoding: (try? Data(contentsOf: outputFile)) ?? Data(), as: UTF8.self) }
    public var errors: String { String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self) }

    public func removeFiles() {
        guard ownsFiles else { return }
        try? FileManager.default.removeItem(at: outputFile)
        try? FileManager.default.removeItem(at: errorFile)
    }

    private static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }
}

/// glibc's `posix_spawn` extensions, which Swift's Glibc module does not declare.
private enum SpawnExtensions {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static func closeFrom(_ fd: Int32, in actions: inout posix_spawn_file_actions_t) throws {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            throw ChildProcess.Failure.spawn(command: "posix_spawn_file_actions_addclosefrom_np (glibc 2.34+)", errno: ENOSYS)
        }
        let code = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, fd)
        if code != 0 { throw ChildProcess.Failure.spawn(command: "posix_spawn_file_actions_addclosefrom_np", errno: code) }
    }

    static func changeDirectory(to path: String, in actions: inout posix_spawn_file_actions_t) throws {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else {
            throw ChildProcess.Failure.spawn(command: "posix_spawn_file_actions_addchdir_np (glibc 2.29+)", errno: ENOSYS)
        }
        let code = path.withCString { unsafeBitCast(symbol, to: ChangeDirectory.self)(&actions, $0) }
        if code != 0 { throw ChildProcess.Failure.spawn(command: "posix_spawn_file_actions_addchdir_np", errno: code) }
    }
}

/// A NULL-terminated `char *[]` that lives as long as this value.
private final class CStringArray {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: strings.count + 1)
        for (index, string) in strings.enumerated() { pointers[index] = strdup(string) }
        pointers[strings.count] = nil
    }

    deinit {
        for index in 0..<count { free(pointers[index]) }
        pointers.deallocate()
    }
}
