/// A JSON value as RFC 8785 (JCS) sees it: numbers are IEEE-754 doubles, strings are Unicode text,
/// object members are unordered and unique by name.
///
/// Equality is the equality of canonical forms: strings and member names compare by their Unicode
/// scalars (not by Swift's canonical equivalence), `-0` equals `0`, and member order never matters.
/// So two values are equal exactly when ``canonicalBytes()`` gives the same bytes.
public enum JSONValue: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number; must be finite to be serialized.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object. Member names that Swift considers equal (canonically equivalent Unicode)
    /// cannot both be held; the parser rejects such input as a duplicate name.
    case object([String: JSONValue])

    /// The nesting depth of arrays and objects that parsing and serializing accept by default.
    public static let defaultMaxDepth = 128
}

extension JSONValue: Hashable {
    /// Whether both values have the same canonical form.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case let (.bool(a), .bool(b)):
            return a == b
        case let (.number(a), .number(b)):
            return a == b
        case let (.string(a), .string(b)):
            return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case let (.array(a), .array(b)):
            return a == b
        case let (.object(a), .object(b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let index = b.index(forKey: key) else { return false }
                let member = b[index]
                guard member.key.unicodeScalars.elementsEqual(key.unicodeScalars),
                      member.value == value
                else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// Hashes consistently with `==` (member order does not matter).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0 as UInt8)
        case let .bool(value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case let .number(value):
            hasher.combine(2 as UInt8)
            hasher.combine(value)
        case let .string(value):
            hasher.combine(3 as UInt8)
            hasher.combine(value)
        case let .array(values):
            hasher.combine(4 as UInt8)
            hasher.combine(values)
        case let .object(members):
            hasher.combine(5 as UInt8)
            hasher.combine(members.count)
            var combined = 0
            for (key, value) in members {
                var memberHasher = Hasher()
                memberHasher.combine(key)
                memberHasher.combine(value)
                combined ^= memberHasher.finalize()
            }
            hasher.combine(combined)
        }
    }
}
