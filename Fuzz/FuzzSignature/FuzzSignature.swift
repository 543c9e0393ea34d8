import ParleyCrypto
import ParleyWire

/// libFuzzer entry: RFC 8941 structured fields (swift-http-structured-headers, as the signature
/// headers read them), `Content-Digest` and the request signature headers, and the verifier over them.
///
/// The input is `Signature-Input` value, a newline, `Signature` value (a second newline starts
/// the `Content-Digest` value). Properties: never crashes; a non-empty dictionary that parses
/// serializes, and its serialization parses back and serializes to the same text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignature(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let text = String(decoding: bytes, as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    for part in parts {
        // An empty dictionary is a field not sent (RFC 8941 §4.1), so it is not serialized.
        if let dictionary = try? StructuredFields.parseDictionary(part, field: "Fuzz"), !dictionary.isEmpty {
            guard let serialized = try? StructuredFields.serialize(dictionary),
                  let again = try? StructuredFields.parseDictionary(serialized, field: "Fuzz"),
                  (try? StructuredFields.serialize(again)) == serialized
            else { fatalError("a structured field dictionary does not survive serialization") }
        }
        _ = try? ContentDigest(parsing: part)
    }
    guard parts.count >= 2, let signature = try? RequestSignature(signatureInput: parts[0], signature: parts[1]) else {
        return 0
    }
    let digest = parts.count > 2 ? parts[2] : ContentDigest.headerValue(for: [])
    let headers: [String: String] = ["signature-input": parts[0], "signature": parts[1], "content-digest": digest]
    _ = signature.verify(
        publicKey: fuzzKey, method: "POST", requestTarget: "/v1/exchanges", headers: { headers[$0] }, body: [],
        now: signature.created, notBefore: nil, window: 300
    )
    _ = try? signature.signatureInputHeaderValue()
    return 0
}

/// The key whose seed is 0x11 repeated (the protocol's worked example), so that signatures made
/// with it reach the verifier's last checks.
let fuzzKey = try? SigningKey(seed: [UInt8](repeating: 0x11, count: 32)).publicKey
