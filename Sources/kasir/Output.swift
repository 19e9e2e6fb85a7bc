import Foundation

/// Writes a line to standard output at once (unbuffered), so scripts and tests reading a pipe see it.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Writes a line to standard error at once.
func warn(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// `  label:        value`: a labelled line of a report, the values aligned at `width` whatever
/// the language's labels.
func cliRow(_ label: String, _ value: String, width: Int = 15) -> String {
    let head = label.isEmpty ? "" : label + ":"
    return "  " + head.padding(toLength: max(width, head.count + 1), withPad: " ", startingAt: 0) + value
}
