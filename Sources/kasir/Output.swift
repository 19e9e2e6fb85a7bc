import Foundation

/// Writes a line to standard output at once (unbuffered), so scripts and tests reading a pipe see it.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Writes a line to standard error at once.
func warn(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
