import ParleyWire

/// libFuzzer entry: the bundle reader, with small limits so that the fuzzer reaches them.
///
/// Properties: never crashes; a bundle that reads writes back to bytes that read to the same bundle.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundle(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let bundle = try? ExchangeBundle(reading: bytes, limits: .init(maxLineBytes: 1 << 16, maxCount: 1_000)) else {
        return 0
    }
    guard let encoded = try? bundle.encoded(),
          let again = try? ExchangeBundle(reading: encoded, limits: .init(maxLineBytes: 1 << 16, maxCount: 1_000)),
          again == bundle
    else { fatalError("a bundle that reads does not survive writing") }
    return 0
}
