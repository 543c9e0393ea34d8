import Foundation
import Testing
@testable import ParleyMatch

/// Files built to exhaust the reader (issue 11, item 8): each is read within a budget the reader
/// enforces, and the tests count what it stored, so memory is shown bounded without timing.
@Suite struct HostileInputTests {
    /// A workbook of `parts` (stored, not compressed) with the usual plumbing around one sheet.
    static func workbook(sheet: String, extra: [(String, [UInt8])] = []) -> [UInt8] {
        StoredZip.make([
            ("xl/workbook.xml", Array("""
                <workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
                """.utf8)),
            ("xl/_rels/workbook.xml.rels", Array("""
                <Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>
                """.utf8)),
            ("xl/worksheets/sheet1.xml", Array(sheet.utf8)),
        ] + extra)
    }

    static func inline(_ reference: String, _ text: String) -> String {
        "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
    }

    /// A header cell in column XFD made every row 16,384 cells wide (42 KB → 4 GiB).
    @Test func aHeaderCellInColumnXFDDoesNotWidenEveryRow() throws {
        var xml = "<worksheet><sheetData><row r=\"1\">" + Self.inline("A1", "surname") + Self.inline("B1", "given_name")
            + Self.inline("XFD1", "x") + "</row>"
        for r in 2...2001 {
            xml += "<row r=\"\(r)\">" + Self.inline("A\(r)", "S\(r)") + Self.inline("B\(r)", "G") + "</row>"
        }
        xml += "</sheetData></worksheet>"
        let bytes = Self.workbook(sheet: xml)
        var reader = try XLSXReader(bytes, file: "w.xlsx")
        var budget = ReadBudget(limit: 1 << 20)
        let table = try reader.table(ofSheet: 0, budget: &budget)
        #expect(table.storedCells == 3 + 2 * 2000, "only cells with a value are stored")
        #expect(budget.limit - budget.remaining < 400_000)
        let list = try ListReader.read(bytes, file: "w.xlsx", options: ImportOptions(memoryLimit: 1 << 20))
        #expect(list.records.count == 2000)
    }

    /// A CSV whose only row is commas cost ~230 bytes per input byte.
    @Test func aLineOfDelimitersStoresNothing() throws {
        let bytes = Array("surname,given_name\nA,B\n".utf8) + [UInt8](repeating: UInt8(ascii: ","), count: 2 << 20)
        var budget = ReadBudget(limit: 64 << 10)
        let table = try CSVReader.read(bytes, file: "c.csv", encoding: nil, budget: &budget)
        #expect(table.storedCells == 4)
        #expect(table.rows.count == 2)
        #expect(budget.limit - budget.remaining < 1_000)
        let list = try ListReader.read(bytes, file: "c.csv", options: ImportOptions(memoryLimit: 64 << 10))
        #expect(list.records.count == 1)
    }

    /// 50 MiB of newlines took 2.4 GiB.
    @Test func aFileOfLineBreaksStoresNothing() throws {
        let bytes = Array("surname,given_name\nA,B\n".utf8) + [UInt8](repeating: 0x0A, count: 4 << 20)
            + Array("C,D\n".utf8)
        var budget = ReadBudget(limit: 64 << 10)
        let table = try CSVReader.read(bytes, file: "n.csv", encoding: nil, budget: &budget)
        #expect(table.rows.map(\.line) == [1, 2, 3 + (4 << 20)])
        #expect(budget.limit - budget.remaining < 1_000)
    }

    /// Values beyond the budget stop the read with `.tooLarge`, not with the machine's memory.
    @Test func theBudgetIsEnforced() {
        var csv = "surname,given_name\n"
        for i in 0..<5_000 { csv += "Surname\(i),Given\(i)\n" }
        let error = listError { try ListReader.read(Array(csv.utf8), file: "big.csv", options: ImportOptions(memoryLimit: 100_000)) }
        #expect(error?.code == .tooLarge)
        #expect(error?.line != nil)
        #expect(ReadBudget.forInput(size: 10 << 30).limit == ReadBudget.hardCap, "the hard cap holds for any input")
    }

    /// A part that declares more than a part may inflate to is refused before it is inflated
    /// (each 255 MiB part took ~1 GiB before it was refused).
    @Test func partsAreCappedOneByOneAndInAll() throws {
        let sheet = "<worksheet><sheetData><row r=\"1\">" + Self.inline("A1", "surname") + Self.inline("B1", "given_name")
            + "</row><row r=\"2\">" + Self.inline("A2", "A") + Self.inline("B2", "B") + "</row></sheetData></worksheet>"
        let bytes = Self.workbook(sheet: sheet)
        let small = XLSXReader.Limits(part: 100, total: 100_000)
        #expect(throws: ListError(.tooLarge, "", file: "")) {
            var reader = try XLSXReader(bytes, file: "p.xlsx", limits: small)
            var budget = ReadBudget(limit: 1 << 20)
            _ = try reader.table(ofSheet: 0, budget: &budget)
        }
        let total = XLSXReader.Limits(part: 100_000, total: 300)
        #expect(throws: ListError(.tooLarge, "", file: "")) {
            var reader = try XLSXReader(bytes, file: "t.xlsx", limits: total)
            var budget = ReadBudget(limit: 1 << 20)
            _ = try reader.table(ofSheet: 0, budget: &budget)
        }
        // Within the limits the same workbook reads.
        var reader = try XLSXReader(bytes, file: "ok.xlsx")
        var budget = ReadBudget(limit: 1 << 20)
        #expect(try reader.table(ofSheet: 0, budget: &budget).storedCells == 4)
    }

    /// A DEFLATE stream with more output than its entry declares stops at the declared size.
    @Test func inflationStopsAtTheLimit() throws {
        let stream = Self.deflateRepeats(of: UInt8(ascii: "a"), count: 200)  // ≈ 51 KB out of ≈ 330 bytes
        let all = try Inflate.decompress(stream[...], limit: 1 << 20)
        #expect(all.count == 1 + 200 * 258)
        #expect(all.allSatisfy { $0 == UInt8(ascii: "a") })
        #expect(throws: Inflate.Failure.self) { try Inflate.decompress(stream[...], limit: 10_000) }
        #expect(throws: Inflate.Failure.self) { try Inflate.decompress(stream.dropLast(3)[...], limit: 1 << 20) }
    }

    /// A row with 200,000 attributes took 13.8 s, quadratic; it is refused after one linear pass.
    @Test func elementsWithThousandsOfAttributesAreRefused() {
        var attributes = ""
        for i in 0..<200_000 { attributes += " a\(i)=\"1\"" }
        let sheet = "<worksheet><sheetData><row r=\"1\"\(attributes)>" + Self.inline("A1", "surname") + "</row></sheetData></worksheet>"
        let bytes = Array(sheet.utf8)
        let problem = bytes.withUnsafeBufferPointer { XMLPart.shapeProblem($0) }
        #expect(problem?.contains("attributes") == true)
        let error = listError { try ListReader.read(Self.workbook(sheet: sheet), file: "a.xlsx") }
        #expect(error?.code == .invalidWorkbook)
    }

    @Test func documentTypeDeclarationsAndDeepNestingAreRefused() {
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]><worksheet>&lol;</worksheet>"
        #expect(Array(laughs.utf8).withUnsafeBufferPointer { XMLPart.shapeProblem($0) } != nil)
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        #expect(Array(deep.utf8).withUnsafeBufferPointer { XMLPart.shapeProblem($0) } != nil)
        let fine = "<worksheet><!-- <!DOCTYPE --><sheetData a=\"x=y\" b='>'/></worksheet>"
        #expect(Array(fine.utf8).withUnsafeBufferPointer { XMLPart.shapeProblem($0) } == nil)
    }

    /// Escape sequences in a cell reached the terminal unchanged; errors spanned several lines.
    @Test func whatReachesATerminalHasNoControlCharacters() throws {
        let csv = "surname,given_name,\"Note\u{1B}[2J\nx\"\nA,B,c\n"
        let read = try ListReader.readWithReport(Array(csv.utf8), file: "e\u{1B}]0;t\u{7}.csv")
        let a = read.list
        var result = Matcher().diff(a, a)
        result.importA = read.report
        result.importB = read.report
        let text = result.rendered(as: .text)
        #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" })
        #expect(text.contains("not read"))
        let error = ListError(.unreadableDate, "bad\nthing\u{1B}[31m", file: "f\u{1B}.csv", line: 2, column: "d\u{9B}x")
        #expect(!error.description.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(error.lines.allSatisfy { !$0.contains("\n") })
    }

    /// A fixed-Huffman DEFLATE block: one literal, then `count` copies of 258 bytes at distance 1.
    static func deflateRepeats(of byte: UInt8, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = 0
        var filled = 0
        func put(_ value: Int, _ bits: Int) {  // least significant bit first
            buffer |= value << filled
            filled += bits
            while filled >= 8 {
                out.append(UInt8(buffer & 0xFF))
                buffer >>= 8
                filled -= 8
            }
        }
        func code(_ value: Int, _ bits: Int) {  // Huffman codes go most significant bit first
            var reversed = 0
            for i in 0..<bits where value & (1 << i) != 0 { reversed |= 1 << (bits - 1 - i) }
            put(reversed, bits)
        }
        put(1, 1)  // final block
        put(1, 2)  // fixed Huffman codes
        code(0x30 + Int(byte), 8)  // literal 0–143: 00110000 + value
        for _ in 0..<count {
            code(0xC0 + (285 - 280), 8)  // length 258: symbol 285, codes 280–287 are 11000000 + n
            code(0, 5)  // distance 1: code 0
        }
        code(0, 7)  // end of block, symbol 256
        if filled > 0 { out.append(UInt8(buffer & 0xFF)) }
        return out
    }
}
