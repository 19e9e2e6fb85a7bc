import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// Draws the whole console for a state. Pure: the same state always gives the same cells.
public enum ConsoleView {
    /// Renders into `buffer` and returns where the text cursor goes (a focused field), if anywhere.
    @discardableResult
    public static func render(_ state: AppState, into buffer: inout Buffer) -> (x: Int, y: Int)? {
        let theme = state.theme
        let w = state.words
        buffer.fill(buffer.area, with: Cell(" ", style: theme[.body]))
        let layout = ScreenLayout(state)
        if layout.tooSmall {
            let lines = [
                w(.tooSmall, "\(state.width)×\(state.height)"), w(.tooSmallNeeds, "\(ScreenLayout.minimumWidth)×\(ScreenLayout.minimumHeight)"),
                w(.tooSmallFix),
            ]
            for (index, line) in lines.enumerated() {
                let y = max(0, state.height / 2 - 1 + index)
                buffer.put(line, x: max(0, (state.width - DisplayWidth.of(line)) / 2), y: y, style: index == 0 ? theme[.title] : theme[.body])
            }
            return nil
        }
        let borders: BorderSet = state.unicode ? .unicode : .ascii
        renderHeader(state, into: &buffer, area: layout.header)
        if state.zoomDetail {
            DetailPane.render(state, into: &buffer, area: layout.detail, borders: borders)
        } else {
            if !state.zoomLog {
                renderList(state, into: &buffer, area: layout.list, borders: borders)
                DetailPane.render(state, into: &buffer, area: layout.detail, borders: borders)
            }
            let logTitle = w(.logTitle) + (state.log.follow ? "" : w(.logPaused)) + (state.log.filter.isEmpty ? "" : w(.logFilter, state.log.filter))
            let logInside = buffer.box(layout.log, title: logTitle, style: theme[state.focus == .log ? .borderFocus : .border], borders: borders)
            LogView.render(
                state.log, into: &buffer, area: logInside, theme: theme, empty: w(.logEmpty), noMatch: { w(.logNoMatch, $0) }, markCurrent: state.focus == .log)
        }
        if let message = state.message {
            renderMessage(message, theme: theme, into: &buffer, x: 0, y: layout.message.y, width: state.width)
        } else if !state.inFlight.isEmpty {
            buffer.put(" \(Spinner.frame(state.tick, ascii: !state.unicode)) " + w(.waitingForDoku, state.inFlight.values.sorted().joined(separator: ", ")), x: 0, y: layout.message.y, style: theme[.muted])
        }
        return ModalView.render(state, into: &buffer, layout: layout, borders: borders)
    }

    /// One message line, coloured by its kind.
    static func renderMessage(_ message: Message, theme: Theme, into buffer: inout Buffer, x: Int, y: Int, width: Int) {
        let role: ThemeRole = message.kind == .error ? .logError : message.kind == .success ? .statusPaid : .muted
        // A message wider than the row ends in "…", so nobody takes a cut hint for the whole one.
        buffer.put(DisplayWidth.truncate(" " + message.text.cleanedForDisplay(limit: 300), to: width), x: x, y: y, style: theme[role], maxWidth: width)
    }

    static func renderHeader(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let theme = state.theme
        buffer.fill(area, with: Cell(" ", style: theme[.header]))
        var x = buffer.put(" kasir ", x: 0, y: area.y, style: theme[.header].bolded)
        let badge: ThemeRole = state.environment == .demo ? .badgeDemo : state.environment == .production ? .badgeProduction : .badgeSandbox
        let label = state.environment == .production ? state.words(.envProduction) : state.environment.rawValue
        x += Badge.render(label, style: theme[badge], into: &buffer, x: x, y: area.y) + 1
        let clock = LogFormatter.clock(state.now) + " WIB "
        let room = max(0, area.width - x - DisplayWidth.of(clock) - 1)
        // The receiver's state matters more than the client id: the id goes first when room is short,
        // then the receiver says less, but never something cut in the middle of its reason.
        let texts = ConsoleLogic.receiverTexts(state)
        let client = state.clientID.cleanedForDisplay(limit: 40)
        let middle =
            texts.lazy.compactMap { text in
                [client + "  " + text, text].first { DisplayWidth.of($0) <= room }
            }.first ?? texts.last ?? ""
        let notReceiving: Bool = { if case .notRunning = state.receiver { return true } else { return state.storeProblem != nil } }()
        buffer.put(middle, x: x, y: area.y, style: notReceiving ? theme[.badgeProduction] : theme[.header], maxWidth: room)
        buffer.put(clock, x: area.maxX - DisplayWidth.of(clock), y: area.y, style: theme[.header].bolded)
    }

    static func renderList(_ state: AppState, into buffer: inout Buffer, area: Rect, borders: BorderSet) {
        let theme = state.theme
        let w = state.words
        var title = w(.listTitle)
        if state.list.total > 0 {
            let capped = state.list.total > InvoiceList.countCap
            title += " \(group(state.list.pageStart + state.list.selected + 1))/\(group(min(state.list.total, InvoiceList.countCap)))\(capped ? "+" : "")"
        } else if state.list.loading {
            title += w(.listLoading)
        }
        // Scoped to this terminal: its id is named; every terminal's (T) is the plain list.
        if let terminal = state.list.terminal { title += " · " + DisplayWidth.truncate(terminal.cleanedForDisplay(limit: 64), to: 12) }
        if !state.list.statuses.isEmpty { title += " [" + state.list.statuses.map(w.badge).sorted().joined(separator: ",") + "]" }
        if !state.list.text.isEmpty { title += " /" + state.list.text }
        let inside = buffer.box(area, title: title, style: theme[state.focus == .list ? .borderFocus : .border], borders: borders)
        var columns = [
            TableColumn(w(.columnTime), width: .fixed(6)), TableColumn(w(.columnInvoice), width: .fill(1)), TableColumn(w(.columnAmount), width: .fixed(13), alignment: .right),
            TableColumn(w(.columnStatus), width: .fixed(max(12, w.badgeWidth + 1))),
        ]
        let wide = inside.width >= 72
        if wide { columns.append(TableColumn(w(.columnRefunded), width: .fixed(13), alignment: .right)) }
        let table = Table(columns: columns, emptyText: w(.nothingToShow))
        let rowsOnScreen = Table.visibleRows(in: inside)
        let offset = max(0, state.list.selected - rowsOnScreen + 1)
        table.render(
            into: &buffer, area: inside, state: TableState(selected: state.list.selected, offset: offset), count: state.list.rows.count, theme: theme,
            focused: state.focus == .list
        ) { range in
            range.map { index in
                let invoice = state.list.rows[index]
                var cells = [
                    StyledText(LogFormatter.clock(invoice.createdAt).prefix(5).description), StyledText(invoice.number.cleanedForDisplay(limit: 64)),
                    StyledText(invoice.amount.displayText), StyledText(w.badge(invoice.status), style: theme[statusRole(invoice.status)]),
                ]
                if wide { cells.append(StyledText(invoice.refunded.isZero ? "" : invoice.refunded.displayText)) }
                return cells
            }
        }
    }

    static func statusRole(_ status: InvoiceStatus) -> ThemeRole {
        switch status {
        case .paid: .statusPaid
        case .awaitingPayment, .created: .statusAwaiting
        case .failed: .statusFailed
        case .expired: .statusExpired
        case .refunded, .partiallyRefunded: .statusRefunded
        case .unknown: .statusUnknown
        }
    }

    static func group(_ value: Int) -> String {
        (try? Money(units: Int64(value)))?.groupedUnits ?? String(value)
    }
}
