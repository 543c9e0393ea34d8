/// A value with one strict JSON form, read and written through ``JSONValue``; its `Codable`
/// conformance goes through the same form (with ``decodeBridged(from:)`` and
/// ``encodeBridged(to:)``), so both paths accept and produce the same JSON.
protocol JSONBridged {
    /// Reads the value, rejecting unknown members, missing members and wrong types.
    init(json: JSONValue) throws(LogError)

    /// The value's JSON form.
    var json: JSONValue { get }
}

extension JSONBridged {
    /// Decodes the JSON form strictly.
    ///
    /// - Throws: `DecodingError.dataCorrupted` carrying the ``LogError`` when the form is wrong.
    static func decodeBridged(from decoder: any Decoder) throws -> Self {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(JSONValue.self)
        do {
            return try Self(json: value)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error)
            )
        }
    }

    /// Encodes the JSON form.
    func encodeBridged(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(json)
    }
}
