import TerminalUI

/// What a key means on the main screen.
public enum ListCommand: Sendable, Equatable {
    case up, down, pageUp, pageDown, home, end
    case newPayment, refund, checkStatus, reconcile, export, showQR
    case filter, statusFilter, clearFilter, allTerminals, commandLine, cycleTheme, switchPane, zoomLog, zoomDetail, follow, wrap, help, quit
}

/// The console's keymaps: they drive dispatch, the footer and the `?` help alike.
public enum Keymaps {
    public static func list(readOnly: Bool) -> Keymap<ListCommand> {
        var bindings: [KeyBinding<ListCommand>] = []
        if !readOnly {
            bindings.append(KeyBinding([.character("n")], "new", action: .newPayment))
            bindings.append(KeyBinding([.character("r")], "refund", action: .refund))
        }
        bindings += [
            KeyBinding([.enter], "QR", action: .showQR),
            KeyBinding([.character("s")], "status", action: .checkStatus),
            KeyBinding([.character("R")], "reconcile", inFooter: false, action: .reconcile),
            KeyBinding([.character("/")], "find", action: .filter),
            KeyBinding([.character("f")], "status filter", label: "f", inFooter: false, action: .statusFilter),
            KeyBinding([.character("c")], "clear filters", inFooter: false, action: .clearFilter),
            KeyBinding([.character("T")], "all or this terminal", inFooter: false, action: .allTerminals),
            KeyBinding([.character("e")], "export CSV", inFooter: false, action: .export),
            KeyBinding([.character("j"), .down], "down", label: "j/↓", inFooter: false, action: .down),
            KeyBinding([.character("k"), .up], "up", label: "k/↑", inFooter: false, action: .up),
            KeyBinding([.pageDown, .ctrl("f")], "page down", inFooter: false, action: .pageDown),
            KeyBinding([.pageUp, .ctrl("b")], "page up", inFooter: false, action: .pageUp),
            KeyBinding([.home, .character("g")], "newest", inFooter: false, action: .home),
            KeyBinding([.end, .character("G")], "oldest", inFooter: false, action: .end),
            KeyBinding([.tab], "log/list", label: "Tab", inFooter: false, action: .switchPane),
            KeyBinding([.character("z")], "zoom log", inFooter: false, action: .zoomLog),
            KeyBinding([.character("d")], "whole detail", inFooter: false, action: .zoomDetail),
            KeyBinding([.character("F")], "follow log", inFooter: false, action: .follow),
            KeyBinding([.character("w")], "wrap log lines", inFooter: false, action: .wrap),
            KeyBinding([.character("t")], "theme", inFooter: false, action: .cycleTheme),
            KeyBinding([.character(":")], "command", action: .commandLine),
            KeyBinding([.character("?")], "help", action: .help),
            KeyBinding([.character("q"), .ctrl("c")], "quit", label: "q", action: .quit),
        ]
        return Keymap("Invoices", bindings)
    }

    /// The QR view's keys; the demo adds the simulated customer.
    public static func qr(demo: Bool) -> Keymap<QRCommand> {
        var bindings = [
            KeyBinding([.character("s")], "check status", action: QRCommand.checkStatus),
            KeyBinding([.escape, .enter, .character("q")], "close", label: "Esc", action: .close),
        ]
        if demo {
            bindings.insert(KeyBinding([.character("p")], "customer pays", action: .simulate(.pay)), at: 0)
            bindings.insert(KeyBinding([.character("f")], "fails", action: .simulate(.fail)), at: 1)
            bindings.insert(KeyBinding([.character("x")], "expires", action: .simulate(.expire)), at: 2)
        }
        return Keymap("QR view", bindings)
    }

    public static let form = Keymap<FormCommand>(
        "Form",
        [
            KeyBinding([.tab, .down], "next field", label: "Tab", action: .next),
            KeyBinding([.backTab, .up], "previous", label: "S-Tab", inFooter: false, action: .previous),
            KeyBinding([.enter], "submit", action: .submit),
            KeyBinding([.escape], "cancel", label: "Esc", action: .cancel),
        ])
}

public enum QRCommand: Sendable, Equatable {
    case checkStatus, close
    case simulate(SimulatedOutcome)
}

public enum FormCommand: Sendable, Equatable { case next, previous, submit, cancel }
