import Crypto
import Foundation

/// JSON minification exactly as SNAP signatures need it: whitespace outside strings is removed
/// byte for byte. Key order, escapes (`\u00e9`, `\/`) and number forms stay as sent: no parse
/// and re-serialise that could change what was hashed.
public enum JSONMinifier {
    /// The minified bytes. Invalid JSON is minified all the same (the hash will then not match,
    /// which is the right failure); an unterminated string keeps its bytes.
    public static func minify<Bytes: Collection>(_ body: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        if let result = body.withContiguousStorageIfAvailable(minify(buffer:)) { return result }
        return Array(body).withUnsafeBufferPointer(minify(buffer:))
    }

    /// The byte loop, on contiguous memory so it compiles to a tight scan.
    static func minify(buffer input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: input.count) { output, count in
            var written = 0
            var inString = false
            var escaped = false
            for byte in input {
                if inString {
                    output[written] = byte
                    written += 1
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    continue
                case UInt8(ascii: "\""):
                    inString = true
                default:
                    break
                }
                output[written] = byte
                written += 1
            }
            count = written
        }
    }

    public static func minify(_ body: String) -> String {
        String(decoding: minify(Array(body.utf8)), as: UTF8.self)
    }

    /// Lowercase hex SHA-256 of the minified body; the empty body hashes the empty string.
    public static func bodyHash<Bytes: Collection>(_ body: Bytes) -> String where Bytes.Element == UInt8 {
        SHA256.hash(data: minify(body)).hexString
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
