import Testing
@testable import ParleyMatch

/// Normalization's fast paths against the paths they stand in for.
@Suite struct NormalizationTests {
    /// Every scalar the simple fold takes, alone and beside a space.
    static let simpleScalars: [Unicode.Scalar] =
        (0x00...0x7F).compactMap(Unicode.Scalar.init) + (0x0400...0x045F).compactMap(Unicode.Scalar.init)
        + [Unicode.Scalar(0x0490)!, Unicode.Scalar(0x0491)!]

    /// The simple fold gives Foundation's fold for each scalar it takes, in every position.
    @Test func simpleFoldIsFoundationsFoldScalarByScalar() {
        for scalar in Self.simpleScalars {
            for text in ["\(scalar)", " \(scalar)x ", "A\(scalar)\(scalar)Я", "\(scalar)\t\r\n"] {
                #expect(Normalization.simplyFolded(text) == Normalization.foldedThroughFoundation(text), "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    /// Random texts of those scalars and runs of whitespace fold the same both ways; texts with
    /// any other scalar (combining marks, Latin with diacritics, compatibility forms) are left to
    /// Foundation, and `fold` still gives its answer.
    @Test func foldIsFoundationsFoldOnRandomText() {
        var random = SeededGenerator(state: 0x5EED_F01D)
        let others: [Unicode.Scalar] = ["\u{0306}", "é", "Š", "ß", "İ", "\u{00A0}", "\u{FB01}", "Ѣ", "\u{2163}", "ǅ"]
        let blanks: [Unicode.Scalar] = [" ", "\t", "\n", "\r"]
        for round in 0..<3_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                switch Int.random(in: 0..<10, using: &random) {
                case 0...1: text.append(blanks.randomElement(using: &random)!)
                case 2 where round % 2 == 1: text.append(others.randomElement(using: &random)!)
                default: text.append(Self.simpleScalars.randomElement(using: &random)!)
                }
            }
            let value = String(text)
            let reference = Normalization.foldedThroughFoundation(value)
            #expect(Normalization.fold(value) == reference, "round \(round)")
            if let simple = Normalization.simplyFolded(value) {
                #expect(simple == reference, "round \(round)")
            } else {
                #expect(value.unicodeScalars.contains { others.contains($0) }, "round \(round): refused text of simple scalars")
            }
        }
    }

    /// Both lists normalized in chunks, on every core, give the ids and byte strings one
    /// normalizer gives them in order, whatever the number of chunks.
    @Test(arguments: [1, 2, 3, 7, 64])
    func chunkedNormalizationIsSequentialNormalization(chunks: Int) {
        var random = SeededGenerator(state: UInt64(0xC4A9 + chunks))
        let a = Self.randomRecords(150, &random)
        let b = Self.randomRecords(90, &random)
        var normalizer = Normalizer(names: .standard)
        let expectedA = normalizer.normalize(list: a)
        let expectedB = normalizer.normalize(list: b)
        let (na, nb, bytes) = Normalizer.normalize(a, b, names: .standard, chunks: chunks)
        #expect(na.count == a.count && nb.count == b.count)
        for (got, expected) in zip(na + nb, expectedA + expectedB) {
            #expect(Self.content(got, bytes) == Self.content(expected, normalizer.bytes))
        }
    }

    /// A normalized record with its byte runs read out, for comparing across arenas.
    private static func content(_ r: NormalizedRecord, _ bytes: ByteArena) -> String {
        bytes.withView { view in
            func run(_ run: ByteRun?) -> String { run.map { "\(Array(view[$0]))" } ?? "-" }
            func name(_ form: NameForm?) -> String {
                form.map { "\(run($0.skeleton)) \($0.skeletonID) \($0.nameID) \($0.isApproximate) \($0.isKnown)" } ?? "-"
            }
            return [
                name(r.surname), name(r.given), name(r.patronymic), run(r.serviceNumber), run(r.serviceDigits),
                run(r.rank), "\(r.unit.map(String.init) ?? "-") \(r.category.map(String.init) ?? "-")",
                "\(String(describing: r.sex)) \(String(describing: r.dateOfBirth)) \(String(describing: r.captureDate))",
            ].joined(separator: " | ")
        }
    }

    /// Synthetic records drawn from small pools, so values repeat within and across chunks and
    /// lists, in Cyrillic and in Latin with and without diacritics; fields are left out at random.
    private static func randomRecords(_ count: Int, _ random: inout SeededGenerator) -> [Record] {
        let surnames = ["Шевчук", "Ševčuk", "Shevchuk", "Коваленко", "Kovalenko", "Бондар", "Bondar", "Ткаченко", "Ткачэнко", "Мельник", "Melnyk", "Ляшко"]
        let given = ["Олександр", "Oleksandr", "Александр", "Сергій", "Serhii", "Sergey", "Іван", "Ivan", "Олксандр", "Юрій", "Jurij", "Марія"]
        let patronymics = ["Петрович", "Petrovych", "Іванович", "Ivanovich", "Сергіївна", "Олегович"]
        let units = ["в/ч А1234", "A1234", "3 бригада", "3-я бригада", "Рота"]
        let ranks = ["солдат", "Солдат", "сержант", "лейтенант"]
        let categories = ["military", "civilian", "військовий"]
        func maybe(_ pool: [String]) -> String? {
            Int.random(in: 0..<5, using: &random) == 0 ? nil : pool.randomElement(using: &random)!
        }
        return (0..<count).map { k in
            var fields: [Field: String] = [:]
            fields[.surname] = maybe(surnames)
            fields[.givenName] = maybe(given)
            fields[.patronymic] = maybe(patronymics)
            fields[.serviceNumber] = maybe(["АВ-\(Int.random(in: 100...140, using: &random))", "1/15", "РФ-101", "x"])
            fields[.sex] = maybe(["ч", "ж", "M", "F", "?"])
            fields[.unit] = maybe(units)
            fields[.rank] = maybe(ranks)
            fields[.category] = maybe(categories)
            let born = Int.random(in: 0..<4, using: &random) == 0 ? nil : CalendarDate(year: 1960 + k % 40, month: 1 + k % 12, day: 1 + k % 28)
            return Record(id: "R\(k)", line: k + 2, fields: fields, dateOfBirth: born)
        }
    }
}
