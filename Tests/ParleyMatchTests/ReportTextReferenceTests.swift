import Testing
@testable import ParleyMatch

/// The report's fast paths for text (widths by scalars, hidden characters by ranges) against
/// what `String` and the Unicode tables say, on text mixing every kind of character a list has.
@Suite struct ReportTextReferenceTests {
    static let alphabet: [String] = [
        "a", "Z", "7", " ", "-", "Ж", "ї", "Ґ", "ё", "ш", "é", "e\u{301}", "и\u{306}", "\u{483}", "\u{0489}",
        "\r\n", "\n", "\t", "\u{1B}", "\u{7F}", "\u{85}", "\u{AD}", "\u{200B}", "\u{200D}", "\u{202E}",
        "\u{FEFF}", "👩‍👩‍👧", "🇺🇦", "中", "\u{0530}", "ԁ", "\u{0D4E}", "\u{111C2}",
    ]

    @Test func widthIsTheCharacterCount() {
        var rng = SeededGenerator(state: 21)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng)! }.joined()
            #expect(TextTable.width(of: text) == text.count, "\(Array(text.unicodeScalars.map(\.value)))")
        }
    }

    @Test func displayableHidesExactlyControlAndFormatCharacters() {
        var rng = SeededGenerator(state: 22)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng)! }.joined()
            let reference = String(text.map { character in
                character.unicodeScalars.contains { [.control, .format].contains($0.properties.generalCategory) } ? "\u{FFFD}" : character
            })
            #expect(ReportFormatting.displayable(text) == reference, "\(Array(text.unicodeScalars.map(\.value)))")
        }
    }

    /// A date of birth shown as written when it is `yyyy-mm-dd` already, else as parsed: the same
    /// text as parsing every value, on dates real and not, in every form and near-form.
    @Test func dateOfBirthShownIsTheParsedDate() {
        var rng = SeededGenerator(state: 25)
        let pieces = ["1", "9", "0", "2", "3", "-", ".", "/", " ", "12", "31", "02", "29", "1990", "2000", "0000", "x", "Ж", "\u{661}"]
        for _ in 0..<5_000 {
            let digits = { (count: Int) in (0..<count).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined() }
            let text = Bool.random(using: &rng)
                ? "\(digits(4))-\(digits(2))-\(digits(2))"
                : (0..<Int.random(in: 0...7, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let reference = CalendarDate(parsing: text)?.description ?? text
            #expect(ReportFormatting.dateOfBirth(of: [.dateOfBirth: text]) == reference, "\(text)")
        }
        for text in ["1990-02-29", "2000-02-29", "1990-13-01", "1990-00-10", "0000-01-01", "1990-1-05", "1990-01-05 ", "19900105"] {
            #expect(ReportFormatting.dateOfBirth(of: [.dateOfBirth: text]) == (CalendarDate(parsing: text)?.description ?? text), "\(text)")
        }
        #expect(ReportFormatting.dateOfBirth(of: [:]) == "")
        #expect(ReportFormatting.name(of: [.surname: "Koval", .givenName: "", .patronymic: "Ivanovych"]) == "Koval Ivanovych")
        #expect(ReportFormatting.name(of: [.givenName: "Ivan"]) == "Ivan")
    }

    /// HTML escaping with its shortcut (text with nothing to escape kept whole) against escaping
    /// character by character, on text with the five escaped characters, alone and with marks.
    @Test func htmlEscapingIsCharacterByCharacterEscaping() {
        var rng = SeededGenerator(state: 24)
        let alphabet = Self.alphabet + ["&", "<", ">", "\"", "'", "&\u{301}", "<\u{20D2}", "&amp;"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            var reference = ""
            for character in ReportFormatting.displayable(text) {
                switch character {
                case "&": reference += "&amp;"
                case "<": reference += "&lt;"
                case ">": reference += "&gt;"
                case "\"": reference += "&quot;"
                case "'": reference += "&#39;"
                default: reference.append(character)
                }
            }
            #expect(HTMLReport.escaped(text) == reference, "\(Array(text.unicodeScalars.map(\.value)))")
        }
    }

    /// A line as the table wrote it before: every cell padded, two spaces apart, trailing blanks
    /// cut at the end.
    static func referenceLine(_ table: TextTable, _ cells: [String], _ widths: [Int]) -> String {
        var text = ""
        for (i, cell) in cells.enumerated() {
            if i > 0 { text += "  " }
            text += i == cells.count - 1 ? cell : TextTable.pad(cell, widths[i], right: table.columns[i].rightAligned)
        }
        while text.last == " " { text.removeLast() }
        return text
    }

    @Test func linesAreLaidOutAsBefore() {
        var rng = SeededGenerator(state: 23)
        let table = TextTable.personRows(sides: ["A", "B"], outcomeWidth: 11, notes: "reasons")
        let pieces = Self.alphabet + ["", " ", "  ", "Іван ", " Петро"]
        for _ in 0..<3_000 {
            let cells = table.columns.map { _ in
                Bool.random(using: &rng) ? "" : (0..<Int.random(in: 0...4, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            }
            let widths = cells.map { $0.count + Int.random(in: 0...3, using: &rng) }
            #expect(table.line(cells, widths) == Self.referenceLine(table, cells, widths), "\(cells)")
        }
    }
}
