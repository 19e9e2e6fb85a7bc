/// The named parts of the screen a theme colours.
public enum ThemeRole: String, Sendable, CaseIterable, Hashable {
    case body, header, footer, title, muted, accent, key
    case border, borderFocus = "border-focus", selection
    case statusPaid = "status-paid", statusAwaiting = "status-awaiting", statusFailed = "status-failed"
    case statusExpired = "status-expired", statusRefunded = "status-refunded", statusUnknown = "status-unknown"
    case logInfo = "log-info", logWarning = "log-warning", logError = "log-error", logDebug = "log-debug"
    case dialog, input, inputFocus = "input-focus", inputError = "input-error"
    case badgeDemo = "badge-demo", badgeSandbox = "badge-sandbox", badgeProduction = "badge-production"
}

/// A mapping from roles to styles. Roles a theme leaves out fall back to `body`.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [ThemeRole: Style]

    public init(name: String, styles: [ThemeRole: Style]) {
        self.name = name
        self.styles = styles
    }

    public subscript(role: ThemeRole) -> Style {
        styles[role] ?? styles[.body] ?? .plain
    }

    /// The same theme without colours (for `NO_COLOR` or a monochrome terminal): attributes stay,
    /// so state is still visible, and the text itself always names the state.
    public var withoutColor: Theme {
        Theme(
            name: name,
            styles: styles.mapValues { style in
                var plain = style
                plain.foreground = .default
                plain.background = .default
                return plain
            })
    }

    /// The same theme with every colour mapped down to what the terminal can show.
    public func mapped(to depth: ColorDepth) -> Theme {
        depth == .none
            ? withoutColor
            : Theme(
                name: name,
                styles: styles.mapValues { style in
                    var mapped = style
                    mapped.foreground = style.foreground.mapped(to: depth)
                    mapped.background = style.background.mapped(to: depth)
                    return mapped
                })
    }

    /// The theme used when no theme file can be read: the shipped `themes/default.toml`, built in.
    public static let builtIn: Theme = {
        // swift-format-ignore: NeverUseForceTry
        try! ThemeParser.parse(ThemeParser.builtInDefault, file: "built-in default")
    }()
}
