import ArgumentParser
import Foundation
import KasirCore

/// How a report or receipt comes out: text for the screen or any printer, JSON, CSV, or
/// ESC/POS bytes for a thermal printer.
struct PrintOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(t("Print only JSON on stdout.")))
    var json = false

    @Flag(help: ArgumentHelp(t("Print CSV on stdout.")))
    var csv = false

    @Option(help: ArgumentHelp(t("Paper width in characters: 32 (58 mm) or 48 (80 mm).")))
    var width = PaperWidth.narrow.rawValue

    @Flag(help: ArgumentHelp(t("ESC/POS bytes for a thermal printer instead of text (with --printer, or redirect stdout to the device).")))
    var escpos = false

    @Option(help: ArgumentHelp(t("Write to this device or file (e.g. /dev/usb/lp0) instead of stdout.")))
    var printer: String?

    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard PaperWidth(rawValue: width) != nil else { throw ValidationError(cliWords(.cliBadWidth, String(width))) }
        if [json, csv, escpos].filter({ $0 }).count > 1 { throw ValidationError(cliWords(.cliOneFormat)) }
    }

    func words(configured: Language?) -> Words { language.words(configured: configured) }

    /// Writes the lines as text or ESC/POS, to stdout or the printer.
    func emit(_ document: [PrintLine]) throws {
        let bytes: [UInt8] = escpos ? ESCPOS.encode(document, width: width) : Array((PrintText.lines(document, width: width).joined(separator: "\n") + "\n").utf8)
        if let printer {
            guard let handle = FileHandle(forWritingAtPath: printer) else {
                throw ValidationError(cliWords(.cliPrinterUnwritable, printer.cleanedForDisplay(limit: 120)))
            }
            handle.write(Data(bytes))
            try? handle.close()
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
