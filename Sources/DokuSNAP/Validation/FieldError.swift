/// A request field that breaks a rule of DOKU's field tables.
///
/// `kind` decides the SNAP case code a server answers with: `missing` is case 02
/// ("Invalid Mandatory Field"), `invalidFormat` is case 01 ("Invalid Field Format").
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable { case missing, invalidFormat }

    public let field: String
    public let kind: Kind
    /// What the rule is, in words a person can act on.
    public let rule: String

    public init(_ field: String, _ kind: Kind, _ rule: String) {
        self.field = field
        self.kind = kind
        self.rule = rule
    }

    public static func missing(_ field: String) -> FieldError {
        FieldError(field, .missing, "is required")
    }

    public var description: String { "\(field) \(rule)" }
}
