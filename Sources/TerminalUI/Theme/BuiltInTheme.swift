/// The shipped `themes/default.toml`, built in so kasir always has a theme. A test keeps them equal.
extension ThemeParser {
    static let builtInDefault = #"""
# kasir's default theme: the terminal's own background, colour for state.
name = "default"

[body]
[header]
fg = "black"
bg = "cyan"
bold = true
[footer]
fg = "bright-white"
bg = "bright-black"
[title]
bold = true
[muted]
fg = "bright-black"
[accent]
fg = "cyan"
bold = true
[key]
fg = "black"
bg = "white"
[border]
fg = "bright-black"
[border-focus]
fg = "cyan"
bold = true
[selection]
reverse = true
[status-paid]
fg = "bright-green"
bold = true
[status-awaiting]
fg = "yellow"
[status-failed]
fg = "bright-red"
bold = true
[status-expired]
fg = "magenta"
[status-refunded]
fg = "bright-blue"
[status-unknown]
fg = "bright-yellow"
bold = true
underline = true
[log-info]
[log-warning]
fg = "yellow"
[log-error]
fg = "bright-red"
[log-debug]
fg = "bright-black"
[dialog]
fg = "white"
bg = "blue"
[input]
underline = true
[input-focus]
reverse = true
[input-error]
fg = "bright-red"
bold = true
[badge-demo]
fg = "black"
bg = "bright-magenta"
bold = true
[badge-sandbox]
fg = "black"
bg = "yellow"
bold = true
[badge-production]
fg = "bright-white"
bg = "red"
bold = true
"""#
}
