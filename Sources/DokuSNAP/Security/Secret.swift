/// A value that must never be printed: client secret, private keys, access tokens.
///
/// Its `description` and `debugDescription` are `<redacted>`, so interpolating one
/// into a log line or an error message by mistake leaks nothing.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    public init(_ value: String) { self.value = value }

    /// The secret itself. Call only where the value is needed for a computation or the wire.
    public func reveal() -> String { value }

    public var isEmpty: Bool { value.isEmpty }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "Secret(<redacted>)" }
}

extension Secret: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
