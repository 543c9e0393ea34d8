import Foundation
import Testing
@testable import ParleyMatch

/// SplitMix64: a small seeded generator, so a failing input can be found again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct FuzzTests {
    /// Rounds multiply by `PARLEY_FUZZ_SCALE` (default 1) for a longer hunt by hand.
    static let scale = max(1, Int(ProcessInfo.processInfo.environment["PARLEY_FUZZ_SCALE"] ?? "") ?? 1)

    static let csvSeed = Array("""
        №;Прізвище;Ім'я;Дата народження;Примітки
        1;Тестенко;Петро;17.05.1990;"a ""b""
        c"
        2;"Зразкова";Олена;;x\r
        """.utf8)

    /// Mutates `base`: flips, inserts, deletes and splices bytes that matter to the parsers.
    static func mutate(_ base: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var bytes = base
        let interesting: [UInt8] = [0x22, 0x2C, 0x3B, 0x09, 0x0A, 0x0D, 0x00, 0x98, 0xFF, 0xC0, 0xEF, 0x3C, 0x3E, 0x50, 0x4B]
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.insert(interesting.randomElement(using: &rng) ?? 0, at: position)
            case 2 where !bytes.isEmpty: bytes.remove(at: position)
            case 3 where !bytes.isEmpty: bytes[position] = interesting.randomElement(using: &rng) ?? 0
            default: bytes = Array(bytes.prefix(position))
            }
        }
        return bytes
    }

    /// Reading must give a list or a `ListError`, never a crash; typed throws make the latter
    /// the only possible error, so finishing is the test.
    static func survive(_ bytes: [UInt8], file: String, options: ImportOptions = .init()) -> Bool {
        do {
            _ = try ListReader.read(bytes, file: file, options: options)
            return true
        } catch {
            return !error.description.contains("\n")
        }
    }

    @Test func mutatedCSVNeverCrashes() {
        var rng = SeededGenerator(state: 1)
        for round in 0..<(2000 * Self.scale) {
            let bytes = Self.mutate(Self.csvSeed, using: &rng)
            let options = ImportOptions(encoding: round % 3 == 0 ? .windows1251 : nil,
                                        nameOrder: round % 2 == 0 ? .givenFirst : nil)
            #expect(Self.survive(bytes, file: "f.csv", options: options), "round \(round)")
        }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SeededGenerator(state: 2)
        for round in 0..<(1000 * Self.scale) {
            let count = Int.random(in: 0...200, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(Self.survive(bytes, file: round % 2 == 0 ? "r.csv" : "r.xlsx"), "round \(round)")
        }
    }

    @Test func mutatedWorkbooksNeverCrash() throws {
        var rng = SeededGenerator(state: 3)
        let bases = try ["basic.xlsx", "gap.xlsx", "first-sheet-1904.xlsx"].map { try fixture($0) }
        for round in 0..<(600 * Self.scale) {
            let base = bases[round % bases.count]
            let bytes = Self.mutate(base, using: &rng)
            #expect(Self.survive(bytes, file: "m.xlsx"), "round \(round)")
        }
    }

    static let sheetXML = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Дата народження</t></is></c></row>
        <row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2" s="1"><v>33010</v></c><c r="B2" t="inlineStr"><is><r><t>Пе</t></r><r><t>тро</t></r></is></c></row>
        <row r="4"><c t="s"><v>3</v></c><c t="b"><v>1</v></c></row><row><c t="s"><v>3</v></c><c t="e"><v>#N/A</v></c></row>
        </sheetData></worksheet>
        """.utf8)
    static let sharedXML = Array("""
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Прізвище</t></si>\
        <si><r><t>Ім'</t></r><r><t>я</t></r></si><si><t>Тестенко</t><rPh><t>x</t></rPh></si><si><t>Зразок</t></si></sst>
        """.utf8)
    static let stylesXML = Array("""
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts>\
        <numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>
        """.utf8)

    @Test func storedWorkbookReads() throws {
        let bytes = StoredZip.make([("xl/worksheets/sheet1.xml", Self.sheetXML),
                                    ("xl/sharedStrings.xml", Self.sharedXML), ("xl/styles.xml", Self.stylesXML)])
        let list = try ListReader.read(bytes, file: "s.xlsx")
        #expect(list.records.map(\.line) == [2, 4, 5])
        #expect(list.records[0][.surname] == "Тестенко")
        #expect(list.records[0][.givenName] == "Петро")
        #expect(list.records[0].dateOfBirth == CalendarDate(year: 1990, month: 5, day: 17))
        #expect(list.records[1][.givenName] == "TRUE")
        #expect(list.records[2][.givenName] == "#N/A")
    }

    @Test func mutatedWorkbookXMLNeverCrashes() {
        var rng = SeededGenerator(state: 4)
        for round in 0..<(900 * Self.scale) {
            var sheet = Self.sheetXML
            var shared = Self.sharedXML
            var styles = Self.stylesXML
            switch round % 3 {
            case 0: sheet = Self.mutate(sheet, using: &rng)
            case 1: shared = Self.mutate(shared, using: &rng)
            default: styles = Self.mutate(styles, using: &rng)
            }
            let bytes = StoredZip.make([("xl/worksheets/sheet1.xml", sheet),
                                        ("xl/sharedStrings.xml", shared), ("xl/styles.xml", styles)])
            #expect(Self.survive(bytes, file: "x.xlsx"), "round \(round)")
        }
    }
}
