import Testing
@testable import ParleyMatch

@Suite struct EncodingTests {
    let text = "Прізвище;Ім'я;Примітки\nТестенко;Петро;ґанок, їжак, єнот\nЗразкова;Олена;Ёлка № 5\n"

    @Test func windows1251IsDetected() throws {
        let list = try ListReader.read(cp1251(text), file: "cp.csv")
        #expect(list.records[0][.surname] == "Тестенко")
        #expect(list.records[0][.notes] == "ґанок, їжак, єнот")
        #expect(list.records[1][.notes] == "Ёлка № 5")
    }

    @Test func windows1251CanBeForced() throws {
        let list = try ListReader.read(cp1251(text), file: "cp.csv", options: .init(encoding: .windows1251))
        #expect(list.records[1][.givenName] == "Олена")
    }

    @Test func utf8IsPreferredWhenValid() throws {
        let list = try ListReader.read(Array(text.utf8), file: "u.csv")
        #expect(list.records[0][.notes] == "ґанок, їжак, єнот")
    }

    @Test func forcingUTF8OnWindows1251NamesLineAndColumn() throws {
        let error = try #require(listError {
            try ListReader.read(cp1251(text), file: "cp.csv", options: .init(encoding: .utf8))
        })
        #expect(error.code == .undecodableBytes)
        #expect(error.line == 1)  // the header itself is cp1251
        #expect(error.message.contains("column 1"))
    }

    @Test func undecodableByteInADataCell() throws {
        var bytes = Array("surname,given_name,notes\nA,B,ok\nC,D,\"multi\nline \u{1}".utf8)
        bytes.removeLast()
        bytes += [0x80, 0x81] + Array("\"\n".utf8)
        let error = try #require(listError { try ListReader.read(bytes, file: "bad.csv") })
        #expect(error.code == .undecodableBytes)
        #expect(error.line == 4, "the bad byte is on the cell's second line")
        #expect(error.column == "notes")
        #expect(error.description.hasPrefix("bad.csv:4: column \"notes\": byte 0x80"))
    }

    @Test func undefinedByte0x98IsUndecodableInWindows1251() throws {
        let bytes = cp1251("Прізвище;Ім'я\nТест") + [0x98] + cp1251(";Олена\n")
        let error = try #require(listError {
            try ListReader.read(bytes, file: "cp.csv", options: .init(encoding: .windows1251))
        })
        #expect(error.code == .undecodableBytes)
        #expect(error.line == 2)
        #expect(error.column == "Прізвище")
    }

    @Test func windows1251TableMatchesKnownLetters() {
        #expect(Windows1251.table.count == 128)
        #expect(Windows1251.table[0xC0 - 0x80] == 0x0410)  // А
        #expect(Windows1251.table[0xFF - 0x80] == 0x044F)  // я
        #expect(Windows1251.table[0xB2 - 0x80] == 0x0406)  // І
        #expect(Windows1251.table[0xBF - 0x80] == 0x0457)  // ї
        #expect(Windows1251.table[0xA5 - 0x80] == 0x0490)  // Ґ
        #expect(Windows1251.table[0xB9 - 0x80] == 0x2116)  // №
        #expect(Windows1251.table[0x98 - 0x80] == 0)
    }

    @Test func utf8ValidatorRejectsOverlongsAndSurrogates() {
        #expect(TextEncoding.firstInvalidUTF8([0x41, 0xC0, 0x80][...]) == 1)
        #expect(TextEncoding.firstInvalidUTF8([0xED, 0xA0, 0x80][...]) == 0)
        #expect(TextEncoding.firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80][...]) == 0)
        #expect(TextEncoding.firstInvalidUTF8([0xE2, 0x82][...]) == 0)
        #expect(TextEncoding.firstInvalidUTF8(Array("Ім'я €𝄞".utf8)[...]) == nil)
    }
}
