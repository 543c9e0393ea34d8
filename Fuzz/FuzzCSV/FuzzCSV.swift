import ParleyMatch

/// libFuzzer entry: reading a list from CSV bytes (encodings, delimiters, headers, dates, names).
///
/// The first byte picks the options (encoding and name order), the rest is the file.
/// Properties: never crashes, and reading the same bytes twice gives the same list.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    var options = ImportOptions()
    options.format = .csv
    let first = bytes.first ?? 0
    switch first % 3 {
    case 1: options.encoding = .utf8
    case 2: options.encoding = .windows1251
    default: break
    }
    let file = Array(bytes.dropFirst())
    let list = try? ListReader.read(file, file: "fuzz.csv", options: options)
    if let list, (try? ListReader.read(file, file: "fuzz.csv", options: options)) != list {
        fatalError("reading the same list twice gave two answers")
    }
    return 0
}
