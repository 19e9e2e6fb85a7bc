/// The same lines as ESC/POS bytes for a thermal printer: initialise, then each line with its
/// alignment and emphasis, then feed and cut. Text goes out as printable ASCII only, so nothing
/// from DOKU, a notification or the database can reach the printer as a command.
public enum ESCPOS {
    static let esc: UInt8 = 0x1B
    static let gs: UInt8 = 0x1D
    static let lf: UInt8 = 0x0A

    public static let initialise: [UInt8] = [esc, 0x40]
    public static let alignLeft: [UInt8] = [esc, 0x61, 0x00]
    public static let alignCentre: [UInt8] = [esc, 0x61, 0x01]
    public static let boldOn: [UInt8] = [esc, 0x45, 0x01]
    public static let boldOff: [UInt8] = [esc, 0x45, 0x00]
    public static let doubleSize: [UInt8] = [gs, 0x21, 0x11]
    public static let normalSize: [UInt8] = [gs, 0x21, 0x00]
    /// Feed four lines, then a partial cut (GS V 66 n).
    public static let feedAndCut: [UInt8] = [esc, 0x64, 0x04, gs, 0x56, 0x42, 0x00]

    public static func encode(_ document: [PrintLine], width: Int) -> [UInt8] {
        var bytes = initialise
        func text(_ line: String) { bytes += ascii(line) + [lf] }
        for line in document {
            switch line {
            case .title(let title):
                // Double width halves the characters a line holds.
                bytes += alignCentre + boldOn + doubleSize
                for piece in PrintText.wrap(title, max(1, width / 2)) { text(piece) }
                bytes += normalSize + boldOff + alignLeft
            case .centered(let centred):
                bytes += alignCentre
                for piece in PrintText.wrap(centred, width) { text(piece) }
                bytes += alignLeft
            case .total:
                bytes += boldOn
                for piece in PrintText.lines([line], width: width) { text(piece) }
                bytes += boldOff
            case .pair, .text, .rule, .blank:
                for piece in PrintText.lines([line], width: width) { text(piece) }
            }
        }
        return bytes + feedAndCut
    }

    /// Printable ASCII: `Rp 150.000` as it is; `—`, `·` and letters outside ASCII become `-`, `.` or `?`.
    public static func ascii(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x20...0x7E: UInt8(scalar.value)
            case 0x2013, 0x2014, 0x2212: UInt8(ascii: "-")
            case 0xB7, 0x2022: UInt8(ascii: ".")
            case 0x2192: UInt8(ascii: ">")
            default: UInt8(ascii: "?")
            }
        }
    }
}
