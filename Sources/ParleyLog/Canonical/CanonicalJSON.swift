#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// RFC 8785 JSON Canonicalization Scheme: the one way Parley turns values into bytes to sign or hash.
public enum CanonicalJSON {
    /// The canonical bytes of a JSON value; the same as ``JSONValue/canonicalBytes(maxDepth:)``.
    ///
    /// - Parameter value: The value to serialize.
    /// - Returns: The canonical UTF-8 bytes.
    /// - Throws: ``LogError`` when the value has a non-finite number, a noncharacter or is too deep.
    public static func encode(_ value: JSONValue) throws(LogError) -> [UInt8] {
        try value.canonicalBytes()
    }

    /// The canonical bytes of any `Encodable` value, as `JSONEncoder` would encode it.
    ///
    /// Goes through `JSONEncoder` (so its default strategies apply: `Date` as seconds since 2001,
    /// `Data` as Base64), then the strict parser, then the canonical serializer. Numbers become
    /// doubles: integers beyond ±2^53 lose precision, so encode such values as strings.
    ///
    /// - Parameter value: The value to serialize.
    /// - Returns: The canonical UTF-8 bytes.
    /// - Throws: ``LogError`` with code `unencodableValue` when `JSONEncoder` fails (e.g. NaN),
    ///   or any code of ``JSONValue/init(parsing:maxDepth:)``.
    public static func encode<T: Encodable>(_ value: T) throws(LogError) -> [UInt8] {
        let data: Data
        do {
            data = try JSONEncoder().encode(value)
        } catch {
            throw LogError(code: .unencodableValue, message: "the value cannot be encoded as JSON", cause: error)
        }
        return try JSONValue(parsing: data).canonicalBytes()
    }

    /// Parses JSON text strictly and returns its canonical form.
    ///
    /// - Parameter bytes: JSON text as UTF-8.
    /// - Returns: The canonical UTF-8 bytes of the same value.
    /// - Throws: Any ``LogError`` of ``JSONValue/init(parsing:maxDepth:)``.
    public static func canonicalize(_ bytes: some Collection<UInt8>) throws(LogError) -> [UInt8] {
        try JSONValue(parsing: bytes).canonicalBytes()
    }

    /// Whether `bytes` are valid I-JSON already in canonical form.
    ///
    /// - Parameter bytes: JSON text as UTF-8.
    /// - Returns: `true` when canonicalizing `bytes` gives `bytes` back unchanged.
    public static func isCanonical(_ bytes: some Collection<UInt8>) -> Bool {
        guard let canonical = try? canonicalize(bytes) else { return false }
        return canonical.elementsEqual(bytes)
    }
}
