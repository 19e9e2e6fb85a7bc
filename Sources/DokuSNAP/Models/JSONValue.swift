/// Any JSON value, for fields whose shape differs between DOKU and its SDKs
/// (e.g. `additionalInfo` sent as an object, `""`, `[]` or `null`).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// A value read by `JSONReader`, numbers as the strings of their digits, as `LenientJSON`
    /// reads them; `nil` for `null`, as an absent optional.
    init?(lenient value: JSONReader.Value) {
        switch value {
        case .null: return nil
        case .bool(let flag): self = .bool(flag)
        case .number(let text), .string(let text): self = .string(text)
        case .array(let elements): self = .array(elements.map { JSONValue(lenient: $0) ?? .null })
        case .object(let members): self = .object(members.mapValues { JSONValue(lenient: $0) ?? .null })
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
