extension JSONValue {
    /// Parses I-JSON (RFC 7493) text strictly.
    ///
    /// Accepts exactly RFC 8259 JSON text in UTF-8 without a byte order mark, and rejects anything
    /// that RFC 8785 cannot canonicalize: duplicate member names, invalid UTF-8, lone surrogates and
    /// Unicode noncharacters (raw or escaped), numbers that are not finite doubles, leading zeros,
    /// literals other than `true`, `false` and `null`, data after the value, and nesting deeper than
    /// `maxDepth`.
    ///
    /// - Parameters:
    ///   - bytes: The JSON text as UTF-8.
    ///   - maxDepth: How deeply arrays and objects may nest; ``defaultMaxDepth`` by default.
    /// - Throws: ``LogError`` with code `malformedJSON`, `invalidUnicode`, `duplicateMemberName`,
    ///   `numberOutOfRange` or `nestingTooDeep`, and the byte offset of the problem.
    public init(parsing bytes: some Collection<UInt8>, maxDepth: Int = JSONValue.defaultMaxDepth) throws(LogError) {
        let parsed = bytes.withContiguousStorageIfAvailable { buffer in
            JSONParser.parse(buffer, maxDepth: maxDepth)
        } ?? Array(bytes).withUnsafeBufferPointer { buffer in
            JSONParser.parse(buffer, maxDepth: maxDepth)
        }
        self = try parsed.get()
    }
}
