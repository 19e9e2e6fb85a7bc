import Foundation

/// A file only its owner may read: keys, secrets, configs that name them.
public enum PrivateFile {
    /// Why a write failed, in the system's words.
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `text` to `path` with `mode` (0600 unless said) from the first byte, replacing what
    /// was there, and fsyncs it.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o600) throws(WriteError) {
        func failure() -> WriteError { WriteError(path: path, reason: String(cString: strerror(errno))) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode) == 0 else { throw failure() }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw failure() }
            written += count
        }
        guard fsync(descriptor) == 0 else { throw failure() }
    }
}
