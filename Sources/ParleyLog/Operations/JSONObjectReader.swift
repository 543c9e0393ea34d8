/// Reads the members of a JSON object strictly: every member must be expected, every expected
/// member present, and each of the right type. Errors say which member broke which rule, never
/// what the member held.
struct JSONObjectReader {
    private let members: [String: JSONValue]
    private let context: String

    /// Starts reading `value` as the object named `context` in messages.
    ///
    /// - Parameters:
    ///   - value: The value that must be an object.
    ///   - context: What the object is, e.g. `envelope` or `list.put body`.
    ///   - members: The member names the object must have, no more and no fewer.
    ///   - optional: Member names the object may have as well (absent is not `null`: an optional
    ///     member is either there with its value or not there at all).
    /// - Throws: ``LogError/Code/malformedEnvelope`` if `value` is not an object with exactly
    ///   those members.
    init(_ value: JSONValue, context: String, members expected: Set<String>, optional: Set<String> = []) throws(LogError) {
        guard case let .object(members) = value else {
            throw .malformed("\(context) must be a JSON object")
        }
        for name in members.keys where !expected.contains(name) && !optional.contains(name) {
            throw .malformed("\(context) has an unknown member")
        }
        for name in expected.sorted() where members[name] == nil {
            throw .malformed("\(context) lacks the member `\(name)`")
        }
        self.members = members
        self.context = context
    }

    /// The member `name`, of any type.
    func value(_ name: String) -> JSONValue {
        members[name] ?? .null
    }

    /// Whether the object has the member `name` (for optional members).
    func has(_ name: String) -> Bool {
        members[name] != nil
    }

    /// The string member `name`.
    func string(_ name: String) throws(LogError) -> String {
        guard let text = members[name]?.stringValue else {
            throw .malformed("\(context) member `\(name)` must be a string")
        }
        return text
    }

    /// The string member `name`, or `nil` when it is `null`.
    func optionalString(_ name: String) throws(LogError) -> String? {
        if members[name]?.isNull == true { return nil }
        return try string(name)
    }

    /// The integer member `name`, which must lie in `range`.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(LogError) -> Int {
        guard let number = members[name]?.intValue, range.contains(number) else {
            throw .malformed("\(context) member `\(name)` must be an integer in \(range)")
        }
        return number
    }

    /// The object member `name`.
    func object(_ name: String) throws(LogError) -> [String: JSONValue] {
        guard let object = members[name]?.objectValue else {
            throw .malformed("\(context) member `\(name)` must be an object")
        }
        return object
    }

    /// The array member `name`.
    func array(_ name: String) throws(LogError) -> [JSONValue] {
        guard let array = members[name]?.arrayValue else {
            throw .malformed("\(context) member `\(name)` must be an array")
        }
        return array
    }

    /// The string member `name` read as a value of `T`.
    func enumeration<T: RawRepresentable<String>>(_ name: String, as type: T.Type) throws(LogError) -> T {
        guard let value = T(rawValue: try string(name)) else {
            throw .malformed("\(context) member `\(name)` has an unknown value")
        }
        return value
    }
}

extension LogError {
    /// A ``Code/malformedEnvelope`` error with `detail` as its message.
    static func malformed(
        _ detail: String, function: String = #function, file: String = #fileID, line: Int = #line
    ) -> LogError {
        LogError(code: .malformedEnvelope, message: detail, function: function, file: file, line: line)
    }
}
