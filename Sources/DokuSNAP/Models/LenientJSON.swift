import Foundation

/// Reading what DOKU sends "in non strict format", as DOKU's notification page asks: unknown keys
/// are ignored (Codable does that), and a JSON number where the SNAP tables say string
/// (`"responseCode": 2005600`, `"serviceCode": 55`, a numeric `referenceNo`) is read as the string
/// of its exact digits.
///
/// The numbers are quoted byte for byte before decoding, never through `Double`, so a 20-digit
/// reference keeps every digit.
public enum LenientJSON {
    /// Keys whose values are numbers in the SNAP tables and stay numbers.
    public static let numericKeys: Set<String> = ["expiresIn"]
    /// `numericKeys` as bytes, made once: every notification and DOKU answer goes through here.
    static let numericKeyBytes = Set(numericKeys.map { Array($0.utf8) })

    /// Decodes `type` from `body` after `quotingNumbers`.
    public static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8], keepingNumbers: Set<String> = numericKeys) throws -> T {
        try JSONDecoder().decode(type, from: Data(quotingNumbers(body, except: keepingNumbers)))
    }

    /// `body` with every bare number (outside strings) turned into a string of the same characters,
    /// except values of the keys in `except`. Bytes that are not JSON are copied as they are and
    /// left for the decoder to refuse.
    public static func quotingNumbers(_ body: [UInt8], except: Set<String> = numericKeys) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 16)
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var i = 0
        var lastString: [UInt8] = []
        var currentKey: [UInt8]?
        var keys: [[UInt8]?] = []
        let exceptBytes = except == numericKeys ? numericKeyBytes : Set(except.map { Array($0.utf8) })
        while i < body.count {
            let byte = body[i]
            switch byte {
            case quote:
                // Copy the whole string, escapes included.
                let start = i
                i += 1
                while i < body.count {
                    if body[i] == backslash {
                        i += 2
                        continue
                    }
                    if body[i] == quote { break }
                    i += 1
                }
                let end = min(i, body.count - 1)
                out.append(contentsOf: body[start...end])
                lastString = start + 1 <= end - 1 ? Array(body[(start + 1)..<end]) : []
                i = end + 1
                continue
            case UInt8(ascii: ":"):
                currentKey = lastString
                out.append(byte)
            case UInt8(ascii: "{"):
                keys.append(currentKey)
                currentKey = nil
                out.append(byte)
            case UInt8(ascii: "["):
                keys.append(currentKey)
                out.append(byte)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                currentKey = keys.popLast() ?? nil
                out.append(byte)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = i
                while i < body.count, isNumberByte(body[i]) { i += 1 }
                let keep = currentKey.map { exceptBytes.contains($0) } ?? false
                if !keep { out.append(quote) }
                out.append(contentsOf: body[start..<i])
                if !keep { out.append(quote) }
                continue
            default:
                out.append(byte)
            }
            i += 1
        }
        return out
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }
}
