import ParleyMatch

/// libFuzzer entry: reading a list from .xlsx bytes (zip, inflate, shared strings, styles, sheets).
///
/// Properties: never crashes, bounded time and memory (libFuzzer's `-timeout` and
/// `-rss_limit_mb` catch a blow-up).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    var options = ImportOptions()
    options.format = .xlsx
    _ = try? ListReader.read(bytes, file: "fuzz.xlsx", options: options)
    return 0
}
