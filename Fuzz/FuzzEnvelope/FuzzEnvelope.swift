import ParleyLog

/// libFuzzer entry: the signed envelope and signed checkpoint decoders (protocol §4, §9.3).
///
/// Properties: never crashes; a wire form that is accepted is its own canonical form (an
/// envelope has exactly one wire form per signature), and its id is stable.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvelope(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    if let envelope = try? SignedEnvelope(parsing: bytes) {
        guard envelope.wireBytes == bytes else { fatalError("an accepted envelope is not its own wire form") }
        guard (try? SignedEnvelope(parsing: envelope.wireBytes))?.id == envelope.id else {
            fatalError("an accepted envelope does not read back with the same id")
        }
    }
    if let checkpoint = try? SignedCheckpoint(parsing: bytes) {
        guard let json = try? CanonicalJSON.encode(checkpoint.json), json == bytes else {
            fatalError("an accepted checkpoint is not its own canonical form")
        }
    }
    return 0
}
