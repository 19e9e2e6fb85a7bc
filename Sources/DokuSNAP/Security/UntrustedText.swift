extension String {
    /// This text made safe to show on a terminal: C0 and C1 controls, DEL, bidirectional
    /// overrides and zero-width characters are removed (tabs and newlines become spaces), and
    /// the result is cut to `limit` characters with an ellipsis.
    ///
    /// Apply it once, where text from DOKU, a notification or the database enters the model.
    public func cleanedForDisplay(limit: Int = 512) -> String {
        // Most text is printable ASCII within the limit: nothing to remove, checked by bytes.
        if utf8.count <= limit, utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return self }
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in unicodeScalars {
            if count >= limit {
                out.append("…")
                break
            }
            switch scalar.value {
            case 0x09, 0x0A, 0x0D:
                out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C:
                continue
            default:
                out.append(scalar)
            }
            count += 1
        }
        return String(out)
    }
}
