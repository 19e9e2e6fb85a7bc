import Foundation

/// A log line for the live log pane.
public struct LogLine: Sendable, Equatable {
    public enum Level: String, Sendable, Equatable { case debug, info, warning, error }

    public var time: String
    public var level: Level
    public var text: String
    /// What the line stands for, to its owner (the console: the exchange it opens).
    public var reference: Int?
    /// Words a filter word matches whole (`in`, `refused`, …), besides the text.
    public var tags: Set<String>

    public init(time: String, level: Level, text: String, reference: Int? = nil, tags: Set<String> = []) {
        self.time = time
        self.level = level
        self.text = text
        self.reference = reference
        self.tags = tags
    }

    /// Every word of `filter` is one of the tags or found in the text (case-insensitively);
    /// a word of `tagWords` (`in`, `out`) matches tags only, since it is in too much text.
    public func matches(_ filter: String, tagWords: Set<String> = []) -> Bool {
        filter.split(separator: " ").allSatisfy { word in
            let lower = word.lowercased()
            return tags.contains(lower) || (!tagWords.contains(lower) && text.localizedCaseInsensitiveContains(word))
        }
    }
}

/// A bounded log: the newest `capacity` lines, plus how it is being viewed.
public struct LogViewState: Sendable, Equatable {
    public private(set) var lines: [LogLine] = []
    public let capacity: Int
    /// Stick to the newest line as lines arrive.
    public var follow = true
    /// Lines scrolled up from the bottom when not following.
    public var scroll = 0
    public var wrap = false
    public var filter = ""
    /// Filter words that match lines' tags only (see `LogLine.matches`).
    public var tagWords: Set<String> = []

    public init(capacity: Int = 2_000) {
        self.capacity = max(1, capacity)
        lines.reserveCapacity(min(capacity, 4_096))
    }

    public mutating func append(_ line: LogLine) {
        lines.append(line)
        if lines.count > capacity { lines.removeFirst(lines.count - capacity) }
        if !follow { scroll += 1 }
    }

    public var visibleLines: [LogLine] {
        filter.isEmpty ? lines : lines.filter { $0.matches(filter, tagWords: tagWords) || $0.tags.contains("mark") }
    }

    /// The current line: the newest shown, at the bottom of the view (what Enter or `o` acts on).
    public var currentLine: LogLine? {
        let source = visibleLines
        let index = source.count - 1 - (follow ? 0 : scroll)
        return source.indices.contains(index) ? source[index] : nil
    }

    public mutating func scroll(by delta: Int) {
        scroll = max(0, min(scroll + delta, max(0, visibleLines.count - 1)))
        follow = scroll == 0
    }
}

/// Draws the newest lines that fit, bottom up, coloured by level.
public enum LogView {
    /// `empty` is what an empty log says; `noMatch` what a filter that matches nothing says.
    public static func render(
        _ state: LogViewState, into buffer: inout Buffer, area: Rect, theme: Theme, empty: String = "(no activity yet)",
        noMatch: (String) -> String = { "(no line matches '\($0)')" }, markCurrent: Bool = false
    ) {
        guard area.height > 0, area.width > 0 else { return }
        let source = state.visibleLines
        let end = max(0, source.count - (state.follow ? 0 : state.scroll))
        var rows: [(String, Style)] = []
        var index = end - 1
        while index >= 0 && rows.count < area.height {
            let line = source[index]
            let level: Style =
                switch line.level {
                case .debug: theme[.logDebug]
                case .info: theme[.logInfo]
                case .warning: theme[.logWarning]
                case .error: theme[.logError]
                }
            let style = markCurrent && index == end - 1 ? theme[.selection] : level
            let text = line.time + " " + line.text
            let pieces = state.wrap ? DisplayWidth.wrap(text, width: area.width) : [DisplayWidth.truncate(text, to: area.width)]
            for piece in pieces.reversed() where rows.count < area.height { rows.append((piece, style)) }
            index -= 1
        }
        for (offset, (text, style)) in rows.reversed().enumerated() {
            buffer.put(text, x: area.x, y: area.y + area.height - rows.count + offset, style: style, maxWidth: area.width)
        }
        if source.isEmpty {
            buffer.put(state.filter.isEmpty ? empty : noMatch(state.filter), x: area.x, y: area.y, style: theme[.muted], maxWidth: area.width)
        }
    }
}
