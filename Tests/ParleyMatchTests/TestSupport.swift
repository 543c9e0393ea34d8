import Foundation
import Testing
@testable import ParleyMatch

/// Reads a CSV list given as text (UTF-8).
func readCSV(_ text: String, file: String = "list.csv", options: ImportOptions = .init()) throws(ListError) -> PersonList {
    try ListReader.read(Array(text.utf8), file: file, options: options)
}

/// The `ListError` a read throws, or nil when it succeeds (any other error is an issue).
func listError(_ body: () throws -> PersonList) -> ListError? {
    do {
        _ = try body()
        return nil
    } catch let error as ListError {
        return error
    } catch {
        Issue.record(error, "not a ListError")
        return nil
    }
}

/// The bytes of a fixture under `Fixtures/`.
func fixture(_ name: String) throws -> [UInt8] {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
        throw FixtureMissing(name: name)
    }
    return Array(try Data(contentsOf: url))
}

struct FixtureMissing: Error {
    var name: String
}

/// Text in Windows-1251, for the few letters the tests use.
func cp1251(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar -> UInt8 in
        let v = scalar.value
        if v < 0x80 { return UInt8(v) }
        if (0x410...0x44F).contains(v) { return UInt8(v - 0x410 + 0xC0) }
        if let i = Windows1251.table.firstIndex(of: v) { return UInt8(0x80 + i) }
        return UInt8(ascii: "?")
    }
}
