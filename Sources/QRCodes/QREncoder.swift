import CQREncode
import TerminalUI

/// QR codes by libqrencode (never by hand): text in, module matrix out.
public enum QREncoder {
    public enum Level: Sendable {
        case low, medium, quartile, high
    }

    /// Why a code could not be made.
    public struct EncodingError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Encodes `text` at error-correction `level` (M by default), choosing the smallest version.
    public static func encode(_ text: String, level: Level = .medium) throws(EncodingError) -> QRMatrix {
        guard !text.isEmpty else { throw EncodingError(description: "nothing to encode") }
        guard text.utf8.count <= 2_000 else { throw EncodingError(description: "the text is too long for a QR code (\(text.utf8.count) bytes)") }
        let ecLevel: QRecLevel =
            switch level {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        // Mode hint 8-bit, case-sensitive: libqrencode still splits into the cheapest segments,
        // which keeps URLs a version or two smaller than pure 8-bit mode.
        guard let code = QRcode_encodeString(text, 0, ecLevel, QR_MODE_8, 1) else {
            throw EncodingError(description: "libqrencode could not encode the text")
        }
        defer { QRcode_free(code) }
        let size = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: size * size)
        return QRMatrix(size: size, modules: data.map { $0 & 1 == 1 })
    }
}
