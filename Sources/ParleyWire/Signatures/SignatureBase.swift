package import RawStructuredFieldValues

/// The signature base of RFC 9421 §2.5: the exact bytes an HTTP message signature covers.
///
/// One line per covered component, `"<name>"<;parameters>: <value>`, then
/// `"@signature-params": <the inner list of components with the signature parameters>`, joined by
/// `\n` with no newline at the end. Used with Parley's fixed components by ``RequestSignature``,
/// and with any components by tests against RFC 9421's own examples.
package enum SignatureBase {
    /// The signature base for the components and parameters in `signatureInput`.
    ///
    /// - Parameters:
    ///   - signatureInput: The inner list: one string item per covered component (with its
    ///     component parameters), and the signature parameters (`created`, `keyid`, …).
    ///   - componentValues: Each component's value, in the order of `signatureInput.items`: the
    ///     derived value (e.g. `POST` for `@method`) or the field's values, trimmed and joined by
    ///     `", "`.
    /// - Returns: The base's UTF-8 bytes.
    /// - Throws: ``SyncError/Code/malformedHeader`` if a component identifier is not a lowercase
    ///   string, appears twice, has no value, or a value holds a line break.
    package static func make(
        signatureInput: InnerList, componentValues: [String]
    ) throws(SyncError) -> [UInt8] {
        guard signatureInput.bareInnerList.count == componentValues.count else {
            throw malformed("each covered component needs exactly one value")
        }
        var lines: [String] = []
        var seen: Set<Item> = []
        for (identifier, value) in zip(signatureInput.bareInnerList, componentValues) {
            guard let name = identifier.rfc9651BareItem.stringValue, !name.isEmpty, name == name.lowercased() else {
                throw malformed("a covered component must be a lowercase string")
            }
            guard seen.insert(identifier).inserted else {
                throw malformed("the component `\(name)` is covered twice")
            }
            guard !value.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
                throw malformed("the value of `\(name)` holds a line break")
            }
            lines.append(try StructuredFields.serialize(identifier) + ": " + value)
        }
        lines.append("\"@signature-params\": " + (try StructuredFields.serialize(signatureInput)))
        return Array(lines.joined(separator: "\n").utf8)
    }

    private static func malformed(
        _ message: String, function: String = #function, file: String = #fileID, line: Int = #line
    ) -> SyncError {
        SyncError(code: .malformedHeader, message: "signature base: " + message, function: function, file: file, line: line)
    }
}
