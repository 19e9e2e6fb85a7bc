import KasirCore
import TerminalUI

/// What a key means on the main screen.
public enum ListCommand: Sendable, Equatable {
    case up, down, pageUp, pageDown, home, end
    case newPayment, refund, checkStatus, reconcile, export, showQR, shiftReport, receipt
    case filter, statusFilter, clearFilter, allTerminals, commandLine, cycleTheme, switchPane, zoomLog, zoomDetail, follow, wrap, help, quit
    case openExchange, mark
}

/// The console's keymaps: they drive dispatch, the footer and the `?` help alike, in the
/// console's language.
public enum Keymaps {
    public static func list(readOnly: Bool, words w: Words) -> Keymap<ListCommand> {
        var bindings: [KeyBinding<ListCommand>] = []
        if !readOnly {
            bindings.append(KeyBinding([.character("n")], w(.keyNew), action: .newPayment))
            bindings.append(KeyBinding([.character("r")], w(.keyRefund), action: .refund))
        }
        bindings += [
            KeyBinding([.enter], w(.keyQR), action: .showQR),
            KeyBinding([.character("s")], w(.keyStatus), action: .checkStatus),
            // Early, so the footer keeps it on a narrow terminal in either language.
            KeyBinding([.character("?")], w(.keyHelp), action: .help),
            KeyBinding([.character("R")], w(.keyReconcile), inFooter: false, action: .reconcile),
            KeyBinding([.character("X")], w(.keyShiftReport), inFooter: false, action: .shiftReport),
            KeyBinding([.character("P")], w(.keyReceipt), inFooter: false, action: .receipt),
            KeyBinding([.character("/")], w(.keyFind), action: .filter),
            KeyBinding([.character("f")], w(.keyStatusFilter), label: "f", inFooter: false, action: .statusFilter),
            KeyBinding([.character("c")], w(.keyClearFilters), inFooter: false, action: .clearFilter),
            KeyBinding([.character("T")], w(.keyAllTerminals), inFooter: false, action: .allTerminals),
            KeyBinding([.character("e")], w(.keyExport), inFooter: false, action: .export),
            KeyBinding([.character("j"), .down], w(.keyDown), label: "j/↓", inFooter: false, action: .down),
            KeyBinding([.character("k"), .up], w(.keyUp), label: "k/↑", inFooter: false, action: .up),
            KeyBinding([.pageDown, .ctrl("f")], w(.keyPageDown), inFooter: false, action: .pageDown),
            KeyBinding([.pageUp, .ctrl("b")], w(.keyPageUp), inFooter: false, action: .pageUp),
            KeyBinding([.home, .character("g")], w(.keyNewest), inFooter: false, action: .home),
            KeyBinding([.end, .character("G")], w(.keyOldest), inFooter: false, action: .end),
            KeyBinding([.tab], w(.keySwitchPane), label: "Tab", inFooter: false, action: .switchPane),
            KeyBinding([.character("z")], w(.keyZoomLog), inFooter: false, action: .zoomLog),
            KeyBinding([.character("d")], w(.keyZoomDetail), inFooter: false, action: .zoomDetail),
            KeyBinding([.character("F")], w(.keyFollow), inFooter: false, action: .follow),
            KeyBinding([.character("w")], w(.keyWrap), inFooter: false, action: .wrap),
            KeyBinding([.character("o")], w(.keyOpenExchange), inFooter: false, action: .openExchange),
            KeyBinding([.character("m")], w(.keyMark), inFooter: false, action: .mark),
            KeyBinding([.character("t")], w(.keyTheme), inFooter: false, action: .cycleTheme),
            KeyBinding([.character(":")], w(.keyCommand), action: .commandLine),
            KeyBinding([.character("q"), .ctrl("c")], w(.keyQuit), label: "q", action: .quit),
        ]
        return Keymap(w(.keymapList), bindings)
    }

    /// The QR view's keys while the customer pays; the demo adds the simulated customer.
    public static func qr(demo: Bool, words w: Words) -> Keymap<QRCommand> {
        var bindings = [
            KeyBinding([.character("s")], w(.keyCheckStatus), action: QRCommand.checkStatus),
            KeyBinding([.character("t")], w(.keyTheme), inFooter: false, action: .cycleTheme),
            KeyBinding([.escape, .enter, .character("q")], w(.keyClose), label: "Esc", action: .close),
        ]
        if demo {
            bindings.insert(KeyBinding([.character("p")], w(.keyCustomerPays), action: .simulate(.pay)), at: 0)
            bindings.insert(KeyBinding([.character("f")], w(.keyFails), action: .simulate(.fail)), at: 1)
            bindings.insert(KeyBinding([.character("x")], w(.keyExpires), action: .simulate(.expire)), at: 2)
        }
        return Keymap(w(.keymapQR), bindings)
    }

    /// The decided sale (PAID, FAILED, EXPIRED): the next sale, or back to the list.
    public static func outcome(readOnly: Bool, words w: Words) -> Keymap<OutcomeCommand> {
        var bindings = [
            KeyBinding([.character("t")], w(.keyTheme), inFooter: false, action: OutcomeCommand.cycleTheme),
            // Worded as the QR view's own Esc, so the help lists it once.
            KeyBinding([.escape, .enter, .character("q")], w(.keyClose), label: "Esc", action: .close),
        ]
        if !readOnly { bindings.insert(KeyBinding([.character("n")], w(.keyNextSale), action: .nextSale), at: 0) }
        return Keymap(w(.keymapOutcome), bindings)
    }

    /// The exchange view: scroll, save it as curl, close. Worded as the list's own keys, so the help lists each once.
    public static func exchange(words w: Words) -> Keymap<ExchangeCommand> {
        Keymap(
            w(.keymapExchange),
            [
                KeyBinding([.character("y")], w(.keyCopyCurl), action: ExchangeCommand.saveCurl),
                KeyBinding([.character("j"), .down], w(.keyDown), label: "j/↓", action: .down),
                KeyBinding([.character("k"), .up], w(.keyUp), label: "k/↑", action: .up),
                KeyBinding([.pageDown, .ctrl("f"), .character(" ")], w(.keyPageDown), inFooter: false, action: .pageDown),
                KeyBinding([.pageUp, .ctrl("b")], w(.keyPageUp), inFooter: false, action: .pageUp),
                KeyBinding([.character("t")], w(.keyTheme), inFooter: false, action: .cycleTheme),
                KeyBinding([.escape, .enter, .character("q")], w(.keyClose), label: "Esc", action: .close),
            ])
    }

    public static func form(words w: Words) -> Keymap<FormCommand> {
        Keymap(
            w(.keymapForm),
            [
                KeyBinding([.tab, .down], w(.keyNextField), label: "Tab", action: .next),
                KeyBinding([.backTab, .up], w(.keyPrevious), label: "S-Tab", inFooter: false, action: .previous),
                KeyBinding([.enter], w(.keySubmit), action: .submit),
                KeyBinding([.escape], w(.keyCancel), label: "Esc", action: .cancel),
            ])
    }

    /// A yes/no question: `y` does it, `n` or Esc goes back.
    public static func confirm(yes: Phrase, words w: Words) -> Keymap<ConfirmCommand> {
        Keymap(
            "",
            [
                KeyBinding([.character("y"), .enter], w(yes), label: "y", action: ConfirmCommand.yes),
                KeyBinding([.character("n"), .escape], w(.keyBack), label: "n", action: .no),
            ])
    }
}

public enum QRCommand: Sendable, Equatable {
    case checkStatus, close, cycleTheme
    case simulate(SimulatedOutcome)
}

public enum OutcomeCommand: Sendable, Equatable { case nextSale, close, cycleTheme }

public enum ExchangeCommand: Sendable, Equatable { case saveCurl, down, up, pageDown, pageUp, cycleTheme, close }

public enum FormCommand: Sendable, Equatable { case next, previous, submit, cancel }

public enum ConfirmCommand: Sendable, Equatable { case yes, no }
