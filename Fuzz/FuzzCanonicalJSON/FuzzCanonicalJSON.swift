import ParleyLog

/// libFuzzer entry: the I-JSON parser and RFC 8785 serializer.
///
/// Properties: parsing never crashes; whatever parses serializes, its canonical form parses to
/// the same value, and canonicalizing is idempotent.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCanonicalJSON(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let value = try? JSONValue(parsing: bytes) else { return 0 }
    guard let canonical = try? CanonicalJSON.encode(value) else {
        // Values the parser accepts are I-JSON, and every I-JSON value has a canonical form.
        fatalError("a parsed value has no canonical form")
    }
    guard let again = try? JSONValue(parsing: canonical), again == value else {
        fatalError("the canonical form does not parse back to the same value")
    }
    guard (try? CanonicalJSON.canonicalize(canonical)) == canonical, CanonicalJSON.isCanonical(canonical) else {
        fatalError("canonicalization is not idempotent")
    }
    return 0
}
