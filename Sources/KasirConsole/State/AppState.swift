import DokuSNAP
import Foundation
import KasirCore
import TerminalUI

/// Which DOKU the console talks to, for the header badge.
public enum ConsoleEnvironment: String, Sendable, Equatable {
    case demo = "DEMO"
    case sandbox = "SANDBOX"
    case production = "PRODUCTION"
}

/// The notification receiver as the header shows it.
public enum ReceiverStatus: Sendable, Equatable {
    /// This console receives.
    case listening(host: String, port: Int)
    /// Another process (`kasir listen`) receives, alive at its last heartbeat; the console watches the shared store.
    case external(address: String, owner: String, lastBeat: Date)
    /// Nobody receives that this console knows of, and why.
    case notRunning(String)
}

/// Everything the console shows, as a value. `update` changes it; `render` draws it.
public struct AppState: Sendable {
    public var environment: ConsoleEnvironment
    public var clientID: String
    public var receiver: ReceiverStatus
    public var lastNotificationAt: Date?
    public var now: Date
    public var width: Int
    public var height: Int
    public var unicode: Bool
    public var readOnly: Bool
    public var theme: Theme
    public var themeNames: [String]
    public var themeName: String
    /// The language every text on screen is in.
    public var words: Words = .english
    /// Ring the bell (and flash) when a sale of this terminal is decided (`[console] bell`, `--quiet`).
    public var bell = true
    /// Flash the screen with the bell (`[console] flash`).
    public var flash = false
    /// `y` also puts the curl command on the terminal's clipboard (OSC 52; `[console] clipboard`).
    public var clipboard = true
    /// Whether the last `y` reached the clipboard.
    public var copiedToClipboard = false
    /// The shop's name, on the QR view (`[shop] name`).
    public var shopName = "kasir"

    public var list = InvoiceList()
    public var detail: InvoiceDetail?
    public var log: LogViewState = {
        var log = LogViewState(capacity: 1_000)
        // Direction and refusal, as the log filter's words: they name tags, not text.
        log.tagWords = ["in", "out", "refused"]
        return log
    }()
    /// The exchange behind each log line, by the line's `reference` (as many as the log holds).
    public var exchanges: [Int: AuditEntry] = [:]
    public var nextExchange = 0
    /// Where kasir's calls went, for `y` (an exchange as curl).
    public var dokuBaseURL = ""
    /// The live log follows the store, so what `kasir listen` or another console wrote shows too.
    public var activity = ActivityFeed()
    public var focus: Pane = .list
    public var zoomLog = false
    /// The detail pane over the whole body: on 80×24 the history does not fit beside the list.
    public var zoomDetail = false
    public var modal: Modal?
    /// Status line: the last thing that happened, or what went wrong.
    public var message: Message?
    /// Set while the store cannot be reached: the console keeps what it shows and checks every second.
    public var storeProblem: StoreProblem?
    public var inFlight: [Int: String] = [:]
    public var nextTag = 1
    public var tick = 0
    public var quitting = false
    /// Defaults for the payment form (device id, IP, return URL, validity).
    public var deskDefaults = DeskConfiguration()
    /// An amount given with `:refund INV AMOUNT`, applied when the refund form opens.
    public var pendingRefundAmount: String?
    /// This console may start its own receiver when nobody else receives (`[notifications] enabled`).
    public var canReceive = false
    /// A take-over of the receiver's port is under way.
    public var takingOver = false

    public init(
        environment: ConsoleEnvironment, clientID: String, receiver: ReceiverStatus, now: Date, width: Int, height: Int, theme: Theme,
        themeNames: [String] = ["default"], unicode: Bool = true, readOnly: Bool = false
    ) {
        self.environment = environment
        self.clientID = clientID
        self.receiver = receiver
        self.now = now
        self.width = width
        self.height = height
        self.theme = theme
        self.themeNames = themeNames
        self.themeName = theme.name
        self.unicode = unicode
        self.readOnly = readOnly
    }

    /// A new request tag: a reply carrying an old tag (e.g. for a closed dialog) is dropped.
    mutating func newTag(_ what: Phrase) -> Int {
        defer { nextTag += 1 }
        inFlight[nextTag] = words(what)
        return nextTag
    }

    /// The highlighted invoice: the one every action acts on.
    public var selectedInvoice: Invoice? {
        list.rows.indices.contains(list.selected) ? list.rows[list.selected] : nil
    }

    /// What the detail pane shows: always the highlighted invoice, in its freshest known form.
    public var shownInvoice: Invoice? {
        guard let selected = selectedInvoice else { return nil }
        if let detail, detail.invoice.number == selected.number { return detail.invoice }
        return selected
    }

    /// Broken rules of the console's state, for tests that drive `update` (empty when all hold):
    /// the selection is inside the page, and the detail shown is the highlighted invoice's.
    public var invariantViolations: [String] {
        var out: [String] = []
        if list.rows.isEmpty {
            if list.selected != 0 { out.append("selection \(list.selected) in an empty list") }
        } else if !list.rows.indices.contains(list.selected) {
            out.append("selection \(list.selected) outside 0..<\(list.rows.count)")
        }
        if let detail, detail.invoice.number != selectedInvoice?.number {
            out.append("detail of \(detail.invoice.number) while \(selectedInvoice?.number ?? "nothing") is highlighted")
        }
        return out
    }
}

public enum Pane: Sendable, Equatable { case list, log }

/// Why the store cannot be reached, and since when.
public struct StoreProblem: Sendable, Equatable {
    public var reason: String
    public var since: Date
}

/// A line at the bottom of the screen.
public struct Message: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, success, error }
    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// One page of invoices from the store, newest first, and where it sits.
public struct InvoiceList: Sendable, Equatable {
    public var rows: [Invoice] = []
    public var selected = 0
    public var total = 0
    /// How many rows come before this page (for "row N of M").
    public var pageStart = 0
    public var statuses: Set<InvoiceStatus> = []
    public var text = ""
    /// This terminal's sales only (its device id), or every terminal's on the store (nil).
    public var terminal: String?
    public var loading = false
    public var pageTag = 0
    /// More (older) invoices follow this page.
    public var hasOlder = false
    /// A page asked for by moving (End, paging past the page, a new invoice to highlight): what
    /// to select once it arrives. Until then the selection stays on what is shown.
    public var pending: PendingPage?
    /// An invoice that was to be highlighted but the filters hide (the detail pane says so).
    public var hidden: String?

    /// Counting stops here: "100.000+" is enough to know, and a million rows are not counted on every filter.
    public static let countCap = 100_000

    public init() {}

    public var query: InvoiceQuery { InvoiceQuery(statuses: statuses, text: text.isEmpty ? nil : text, terminal: terminal) }
}

/// A page on its way and what to highlight on it.
public struct PendingPage: Sendable, Equatable {
    public enum Selection: Sendable, Equatable {
        case first, last
        case index(Int)
        case number(String)
    }

    public var page: PageRequest
    public var selection: Selection
}

/// The selected invoice in full: its history and refunds.
public struct InvoiceDetail: Sendable, Equatable {
    public var invoice: Invoice
    public var transitions: [InvoiceTransition]
    public var refunds: [Refund]
    /// Requests refused that named this invoice (a forged or broken notification), newest first.
    public var refusals: [AuditEntry]

    public init(invoice: Invoice, transitions: [InvoiceTransition], refunds: [Refund], refusals: [AuditEntry] = []) {
        self.refusals = refusals
        self.invoice = invoice
        self.transitions = transitions
        self.refunds = refunds
    }
}

/// What covers the list, if anything.
public enum Modal: Sendable, Equatable {
    case paymentForm(PaymentForm)
    case qr(QRScreen)
    /// One log line's exchange read whole (`o`).
    case exchange(ExchangeScreen)
    case refundForm(RefundForm)
    case confirmRefund(RefundForm)
    /// A payment above `[payment] confirm_above`, asked once more before DOKU is.
    case confirmPayment(PaymentForm)
    case commandLine(TextFieldState)
    case filter(TextFieldState)
    /// `/` while the log has focus: words the log's lines must match (`in`, `out`, `refused`, an operation, any text).
    case logFilter(TextFieldState)
    case help
    case confirmQuit
    case notice(title: String, lines: [String])
}

/// The exchange view: the report and how far it is scrolled.
public struct ExchangeScreen: Sendable, Equatable {
    public var entry: AuditEntry
    public var scroll = 0

    public init(entry: AuditEntry) { self.entry = entry }
}

/// Where the live log is in the store, and whether a read is under way.
public struct ActivityFeed: Sendable, Equatable {
    /// Nil until the first read, which takes the newest `initialLines`.
    public var cursor: ActivityCursor?
    public var loading = false
    /// The store changed while a read was under way: read again when it ends.
    public var stale = false
    public static let initialLines = 200
    public static let pageLines = 500

    public init() {}
}
