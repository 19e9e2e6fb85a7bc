/// The one line a reconcile writes to the audit log, `checked 12, changed 2 (INV-1: AWAITING →
/// PAID; …), failed 0`: written here, and read back here so the live log can show it in the
/// cashier's language and judge it by its counts rather than by its words.
public struct ReconcileSummary: Sendable, Equatable {
    /// One invoice a reconcile changed, or found unchanged, as its note says.
    public enum Note: Sendable, Equatable {
        case changed(invoiceNumber: String, from: InvoiceStatus?, to: InvoiceStatus)
        case unchanged(invoiceNumber: String, status: InvoiceStatus)
        /// Anything else (an error), as it was written.
        case other(String)

        /// `INV-1: AWAITING → PAID`, `INV-1: still AWAITING`: the stored (English) text.
        public var text: String {
            switch self {
            case .changed(let number, let from, let to): "\(number): \(from?.label ?? "?") → \(to.label)"
            case .unchanged(let number, let status): "\(number): still \(status.label)"
            case .other(let text): text
            }
        }

        public init(parsing text: String) {
            func status(_ label: Substring) -> InvoiceStatus? { InvoiceStatus.allCases.first { $0.label == label } }
            guard let colon = text.range(of: ": ") else {
                self = .other(text)
                return
            }
            let number = String(text[..<colon.lowerBound])
            let rest = text[colon.upperBound...]
            if rest.hasPrefix("still "), let found = status(rest.dropFirst(6)) {
                self = .unchanged(invoiceNumber: number, status: found)
                return
            }
            let parts = rest.components(separatedBy: " → ")
            if parts.count == 2, let to = status(Substring(parts[1])), parts[0] == "?" || status(Substring(parts[0])) != nil {
                self = .changed(invoiceNumber: number, from: status(Substring(parts[0])), to: to)
                return
            }
            self = .other(text)
        }
    }

    public var checked: Int
    public var changed: Int
    public var failed: Int
    /// The first ten changes, and whether there were more.
    public var changes: [Note]
    public var moreChanges: Bool
    /// The first three failures, and whether there were more.
    public var failures: [String]
    public var moreFailures: Bool

    public init(_ report: ReconcileReport) {
        checked = report.checked
        changed = report.changed
        failed = report.failed
        let notes = report.notes.map(Note.init(parsing:))
        let changes = notes.filter { if case .changed = $0 { true } else { false } }
        let failures = notes.compactMap { note -> String? in if case .other(let text) = note { text } else { nil } }
        self.changes = Array(changes.prefix(10))
        moreChanges = changes.count > 10
        self.failures = Array(failures.prefix(3))
        moreFailures = failures.count > 3
    }

    /// The stored text.
    public var text: String {
        var text = "checked \(checked), changed \(changed)"
        if !changes.isEmpty { text += " (" + changes.map(\.text).joined(separator: "; ") + (moreChanges ? "; …" : "") + ")" }
        text += ", failed \(failed)"
        if !failures.isEmpty { text += " (" + failures.joined(separator: "; ") + (moreFailures ? "; …" : "") + ")" }
        return text
    }

    /// The summary a stored `text` is; nil for any other text.
    public init?(parsing text: String) {
        func number(after prefix: String, in text: Substring) -> (Int, Substring)? {
            guard text.hasPrefix(prefix) else { return nil }
            let rest = text.dropFirst(prefix.count)
            let digits = rest.prefix { $0.isNumber }
            guard let value = Int(digits) else { return nil }
            return (value, rest.dropFirst(digits.count))
        }
        /// ` (a; b; …)` at the start of `text`, up to the bracket that closes it before `stop`.
        func list(_ text: Substring, before stop: String) -> ([String], Bool, Substring) {
            guard text.hasPrefix(" ("), let end = stop.isEmpty ? text.lastIndex(of: ")") : text.range(of: ")" + stop)?.lowerBound else { return ([], false, text) }
            var items = text[text.index(text.startIndex, offsetBy: 2)..<end].components(separatedBy: "; ")
            let more = items.last == "…"
            if more { items.removeLast() }
            return (items, more, text[text.index(after: end)...])
        }
        guard let (checked, afterChecked) = number(after: "checked ", in: Substring(text)),
            let (changed, afterChanged) = number(after: ", changed ", in: afterChecked)
        else { return nil }
        let (changes, moreChanges, afterChanges) = list(afterChanged, before: ", failed ")
        guard let (failed, afterFailed) = number(after: ", failed ", in: afterChanges) else { return nil }
        let (failures, moreFailures, rest) = list(afterFailed, before: "")
        guard rest.isEmpty else { return nil }
        self.checked = checked
        self.changed = changed
        self.failed = failed
        self.changes = changes.map(Note.init(parsing:))
        self.moreChanges = moreChanges
        self.failures = failures
        self.moreFailures = moreFailures
    }
}
