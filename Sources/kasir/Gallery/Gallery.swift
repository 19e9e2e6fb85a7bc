import DokuSNAP
import Foundation
import KasirCore
import NcursesTerminal
import QRCodes
import TerminalUI

/// `kasir ui-gallery`: every widget in the current theme, in a real terminal, to look at.
struct Gallery {
    enum Focus: Int, CaseIterable { case table, field, select, log }

    var themes: [String]
    var themeIndex = 0
    var theme: Theme
    var themeError: String?
    var focus = Focus.table
    var table = TableState()
    var field = TextFieldState("150000", mode: .money)
    var select = SelectState(["app", "pc", "mweb"])
    var log = LogViewState(capacity: 200)
    var showHelp = false
    var tick = 0
    let qr: QRMatrix?
    let url = "https://app-uat.doku.com/link/283702597342040"
    static let rowCount = 1_000_000

    enum Command: Sendable { case nextTheme, nextFocus, previousFocus, help, quit }

    static let keymap = Keymap<Command>(
        "Gallery",
        [
            KeyBinding([.character("t")], "theme", action: .nextTheme),
            KeyBinding([.tab], "focus", action: .nextFocus),
            KeyBinding([.backTab], "focus back", inFooter: false, action: .previousFocus),
            KeyBinding([.character("?")], "help", action: .help),
            KeyBinding([.character("q"), .ctrl("c")], "quit", label: "q", action: .quit),
        ])

    init(loader: ThemeLoader, depth: ColorDepth) {
        themes = loader.available()
        let (loaded, error) = loader.load(themes.first ?? "default")
        theme = loaded.mapped(to: depth)
        themeError = error?.description
        qr = try? QREncoder.encode(url)
        for index in 0..<30 {
            log.append(LogLine(time: "10:0\(index % 10):00", level: [.info, .warning, .error, .debug][index % 4], text: "→ payment INV-20261125-\(String(format: "%04d", index)) 2005400 182 ms"))
        }
    }

    /// Applies a key; returns false to quit.
    mutating func handle(_ key: Key, loader: ThemeLoader, depth: ColorDepth, visibleRows: Int) -> Bool {
        if showHelp {
            showHelp = false
            return true
        }
        if focus == .field, field.handle(key) { return true }
        if let command = Self.keymap.action(for: key) {
            switch command {
            case .quit: return false
            case .help: showHelp = true
            case .nextFocus: focus = Focus(rawValue: (focus.rawValue + 1) % Focus.allCases.count)!
            case .previousFocus: focus = Focus(rawValue: (focus.rawValue + Focus.allCases.count - 1) % Focus.allCases.count)!
            case .nextTheme:
                themeIndex = (themeIndex + 1) % max(1, themes.count)
                let (loaded, error) = loader.load(themes[themeIndex])
                theme = loaded.mapped(to: depth)
                themeError = error?.description
            }
            return true
        }
        switch (focus, key) {
        case (.table, .down), (.table, .character("j")): table.move(by: 1, count: Self.rowCount, visible: visibleRows)
        case (.table, .up), (.table, .character("k")): table.move(by: -1, count: Self.rowCount, visible: visibleRows)
        case (.table, .pageDown): table.move(by: visibleRows, count: Self.rowCount, visible: visibleRows)
        case (.table, .pageUp): table.move(by: -visibleRows, count: Self.rowCount, visible: visibleRows)
        case (.table, .end): table.select(Self.rowCount - 1, count: Self.rowCount, visible: visibleRows)
        case (.table, .home): table.select(0, count: Self.rowCount, visible: visibleRows)
        case (.select, _): select.handle(key)
        case (.log, .up): log.scroll(by: 1)
        case (.log, .down): log.scroll(by: -1)
        case (.log, .character("w")): log.wrap.toggle()
        case (.log, .character("f")): log.follow = true; log.scroll = 0
        default: break
        }
        return true
    }

    /// The table rows of the gallery, made up on demand: only the visible ones are ever built.
    static func rows(_ range: Range<Int>, theme: Theme) -> [[StyledText]] {
        range.map { index in
            let statuses: [(String, ThemeRole)] = [("PAID", .statusPaid), ("AWAITING", .statusAwaiting), ("FAILED", .statusFailed), ("EXPIRED", .statusExpired), ("REFUNDED", .statusRefunded), ("UNKNOWN", .statusUnknown)]
            let status = statuses[index % statuses.count]
            return [
                StyledText(String(format: "%02d:%02d", index / 60 % 24, index % 60)), StyledText(String(format: "INV-20261125-%07d", index)),
                StyledText((try? Money(units: Int64(10_000 + index % 990_000)))?.displayText ?? ""), StyledText(status.0, style: theme[status.1]),
            ]
        }
    }

    func render(into buffer: inout Buffer, unicode: Bool) -> (x: Int, y: Int)? {
        let borders: BorderSet = unicode ? .unicode : .ascii
        buffer.fill(buffer.area, with: Cell(" ", style: theme[.body]))
        let rows = Layout.split(buffer.area, .vertical, [.fixed(1), .fill(1), .fixed(1)])
        buffer.fill(rows[0], with: Cell(" ", style: theme[.header]))
        buffer.put(" kasir ui-gallery — theme: \(theme.name)", x: 0, y: 0, style: theme[.header])
        var x = max(0, buffer.width - 30)
        for (label, role) in [("DEMO", ThemeRole.badgeDemo), ("SANDBOX", .badgeSandbox), ("PRODUCTION", .badgeProduction)] {
            x += Badge.render(label, style: theme[role], into: &buffer, x: x, y: 0) + 1
        }
        let columns = Layout.split(rows[1], .horizontal, [.percentage(55), .fill(1)])
        let left = Layout.split(columns[0], .vertical, [.fill(2), .fixed(7)])
        let tableBox = buffer.box(left[0], title: "Table (1,000,000 rows)", style: theme[focus == .table ? .borderFocus : .border], borders: borders)
        Table(columns: [
            TableColumn("Time", width: .fixed(6)), TableColumn("Invoice", width: .fill(2)), TableColumn("Amount", width: .fixed(12), alignment: .right),
            TableColumn("Status", width: .fixed(10)),
        ]).render(into: &buffer, area: tableBox, state: table, count: Self.rowCount, theme: theme, focused: focus == .table) { Self.rows($0, theme: theme) }
        let formBox = buffer.box(left[1], title: "Form", style: theme[focus == .field || focus == .select ? .borderFocus : .border], borders: borders)
        var fieldState = field
        if field.text.isEmpty { fieldState.error = "type an amount, e.g. 150000" }
        let cursor = TextField.render(fieldState, label: "Amount (Rp)", into: &buffer, area: Rect(x: formBox.x + 1, y: formBox.y, width: formBox.width - 2, height: 2), theme: theme, focused: focus == .field)
        SelectState.render(select, label: "Initiation", into: &buffer, area: Rect(x: formBox.x + 1, y: formBox.y + 2, width: formBox.width - 2, height: 1), theme: theme, focused: focus == .select)
        buffer.put("\(Spinner.frame(tick, ascii: !unicode)) waiting for DOKU…", x: formBox.x + 1, y: formBox.y + 4, style: theme[.muted], maxWidth: formBox.width - 2)
        let right = Layout.split(columns[1], .vertical, [.fill(3), .fill(2)])
        let qrBox = buffer.box(right[0], title: "QR view", style: theme[.border], borders: borders)
        if let qr { QRView.render(qr, url: url, into: &buffer, area: qrBox, drawing: unicode ? .halfBlocks : .ascii, theme: theme) }
        let logBox = buffer.box(right[1], title: "Log" + (log.follow ? "" : " (paused)"), style: theme[focus == .log ? .borderFocus : .border], borders: borders)
        LogView.render(log, into: &buffer, area: logBox, theme: theme)
        KeyHints.render(Self.keymap, into: &buffer, area: rows[2], theme: theme)
        if let themeError {
            Dialog(title: "Theme problem", lines: [themeError, "Using the built-in default."], buttons: []).render(into: &buffer, area: buffer.area, theme: theme, borders: borders)
        }
        if showHelp { HelpOverlay.render([Self.keymap], title: Words.english(.helpTitle), into: &buffer, area: buffer.area, theme: theme, borders: borders) }
        return showHelp ? nil : cursor
    }
}

