package import ParleyMatch

extension JSONValue {
    /// Writes the value as the JSON reports do (``PrettyJSON``: the text `JSONEncoder` writes
    /// for it with the reports' settings).
    package func write(to json: inout PrettyJSON) {
        switch self {
        case .null: json.null()
        case let .bool(value): json.bool(value)
        case let .number(value): json.number(value)
        case let .string(value): json.string(value)
        case let .array(values): json.array(values) { json, value in value.write(to: &json) }
        case let .object(members): json.object(members) { json, _, value in value.write(to: &json) }
        }
    }
}
