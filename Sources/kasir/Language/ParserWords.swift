import Foundation
import KasirCore

/// ArgumentParser's own words (`USAGE:`, "Show help information.", `Error: Missing expected
/// argument …`) in the CLI's language. ArgumentParser has no catalog of its own, so its
/// finished message is translated phrase by phrase: a cashier who forgets `--amount` reads
/// why in Indonesian, not only our own texts.
enum ParserWords {
    /// Fixed phrases, longest first where one contains another.
    static let indonesian: [(String, String)] = [
        ("OVERVIEW:", "RINGKASAN:"),
        ("USAGE:", "PENGGUNAAN:"),
        ("ARGUMENTS:", "ARGUMEN:"),
        ("OPTIONS:", "OPSI:"),
        ("SUBCOMMANDS:", "SUBPERINTAH:"),
        ("Show help information.", "Tampilkan bantuan."),
        ("Show the version.", "Tampilkan versi."),
        ("See 'kasir help <subcommand>' for detailed help.", "Lihat 'kasir help <subperintah>' untuk bantuan terperinci."),
        ("(default)", "(bawaan)"),
        ("(default:", "(bawaan:"),
        ("(values: ", "(pilihan: "),
        ("Error: Missing expected argument ", "Galat: argumen wajib belum diberikan: "),
        ("Error: Missing value for ", "Galat: nilai belum diberikan untuk "),
        ("Error: Unknown option ", "Galat: opsi tidak dikenal: "),
        ("Error: Unexpected argument ", "Galat: argumen tidak diharapkan: "),
        ("Error: Unexpected arguments ", "Galat: argumen tidak diharapkan: "),
        ("Error: The value ", "Galat: nilai "),
        (" is invalid for ", " tidak sah untuk "),
        ("Error: ", "Galat: "),
        ("Help:  ", "Bantuan:  "),
        ("Usage: ", "Penggunaan: "),
        ("' for more information.", "' untuk keterangan lebih lanjut."),
        ("  See '", "  Lihat '"),
    ]

    /// `message` in `language`.
    static func translate(_ message: String, to language: Language) -> String {
        guard language == .indonesian else { return message }
        return indonesian.reduce(message) { text, pair in text.replacingOccurrences(of: pair.0, with: pair.1) }
    }
}
