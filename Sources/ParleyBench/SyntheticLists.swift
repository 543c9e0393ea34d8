import ParleyMatch

/// A seeded generator of synthetic captive lists, at any size, for benchmarks.
///
/// Every person is invented: surnames are built from syllables, given names and patronymics
/// come from the name table. Side A writes Ukrainian forms, side B Russian forms; B holds
/// about 70 % of A's people and people of its own, with the faults real lists have: typos,
/// missing patronymics and dates, day and month swapped, a digit lost from a service number,
/// surname and given name exchanged, the same person twice.
struct SyntheticLists {
    struct Person {
        var surname: String
        var givenUK: String, givenRU: String
        var patronymicUK: String, patronymicRU: String
        var dateOfBirth: CalendarDate
        var service: String
        var sex: String
    }

    var rng: SplitMix64
    let male: [(uk: String, ru: String, patUK: String, patRU: String)]
    let fathers: [(patUK: String, patRU: String)]

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        var male: [(String, String, String, String)] = []
        var fathers: [(String, String)] = []
        for e in NameTable.standard.entries where !e.patronymics.isEmpty {
            let cyr = e.givenNames.filter { $0.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }
            let pats = e.patronymics.filter { $0.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }
            guard let uk = cyr.first, let pUK = pats.first(where: { $0.hasSuffix("ич") }) else { continue }
            let ru = cyr.first { !$0.contains(where: { "іїєґ".contains($0) }) } ?? uk
            let pRU = pats.first { $0.hasSuffix("ич") && !$0.contains(where: { "іїєґ".contains($0) }) } ?? pUK
            male.append((uk, ru, pUK, pRU))
            fathers.append((pUK, pRU))
        }
        self.male = male
        self.fathers = fathers
    }

    private static let onsets = ["Ко", "Пе", "Ша", "Бо", "Гри", "Тка", "Мель", "Сав", "Кра", "Лев", "Ра", "Дми", "Ли", "Ос", "Гу", "Ба", "Ва", "За", "Мо", "Ни", "Ру", "Фе", "Хо", "Ця", "Чу", "Ю", "Я", "Ду", "Ке", "Лу", "Ма", "Па", "Се", "Ти"]
    private static let middles = ["ва", "ро", "лен", "ще", "нь", "ди", "ба", "ту", "ла", "ми", "пи", "ре", "со", "ха", "ви", ""]
    private static let endings = ["ленко", "нко", "чук", "ук", "ак", "ич", "ович", "енко", "ко", "ин", "ов", "ян", "юк", "ець", "ан"]

    mutating func surname() -> String {
        Self.onsets[rng.below(Self.onsets.count)] + Self.middles[rng.below(Self.middles.count)] + Self.endings[rng.below(Self.endings.count)]
    }

    mutating func person() -> Person {
        let g = male[rng.below(male.count)]
        let f = fathers[rng.below(fathers.count)]
        let dob = CalendarDate(daysSinceEpoch: -3650 + rng.below(13_000))!
        let letters = Array("АВЕКМНОРСТХ")
        let service = "\(letters[rng.below(letters.count)])-\(100_000 + rng.below(900_000))"
        return Person(surname: surname(), givenUK: g.uk, givenRU: g.ru, patronymicUK: f.patUK, patronymicRU: f.patRU, dateOfBirth: dob, service: service, sex: "M")
    }

    /// A typo: one letter dropped, doubled or two neighbours exchanged.
    mutating func typo(_ s: String) -> String {
        var c = Array(s)
        guard c.count > 3 else { return s }
        let i = 1 + rng.below(c.count - 2)
        switch rng.below(3) {
        case 0: c.remove(at: i)
        case 1: c.insert(c[i], at: i)
        default: c.swapAt(i, i - 1)
        }
        return String(c)
    }

    /// Lists A and B as CSV text, `a` records on A and about `b` on B.
    mutating func csv(a: Int, b: Int) -> (a: String, b: String, truth: Set<String>) {
        var truth = Set<String>()
        let header = "record_id,surname,given_name,patronymic,date_of_birth,service_number,sex\n"
        var outA = header, outB = header
        outA.reserveCapacity(a * 90)
        outB.reserveCapacity(b * 90)
        var nb = 0
        for i in 0..<a {
            let p = person()
            outA += "HQ-\(i + 1),\(p.surname),\(p.givenUK),\(p.patronymicUK),\(p.dateOfBirth),\(p.service),M\n"
            if rng.below(100) < 2 {
                outA += "HQ-\(i + 1)d,\(typo(p.surname)),\(p.givenUK),\(p.patronymicUK),\(p.dateOfBirth),\(p.service),M\n"
            }
            guard rng.below(100) < 70, nb < b else { continue }
            nb += 1
            var surname = p.surname, given = p.givenRU, pat = p.patronymicRU
            var dob = p.dateOfBirth.description, service = p.service
            if rng.below(100) < 8 { surname = typo(surname) }
            if rng.below(100) < 15 { pat = "" }
            switch rng.below(100) {
            case 0..<10: dob = ""
            case 10..<13: dob = p.dateOfBirth.swappedDayMonth?.description ?? dob
            default: break
            }
            if rng.below(100) < 30 { service = "" } else if rng.below(100) < 5 { service = String(service.dropLast()) }
            if rng.below(100) < 4 { swap(&surname, &given) }
            outB += "RF-\(nb),\(surname),\(given),\(pat),\(dob),\(service),M\n"
            truth.insert("HQ-\(i + 1) RF-\(nb)")
        }
        while nb < b {
            nb += 1
            let p = person()
            outB += "RF-\(nb),\(p.surname),\(p.givenRU),\(p.patronymicRU),\(p.dateOfBirth),,M\n"
        }
        return (outA, outB, truth)
    }
}

/// SplitMix64: a small, fast, seeded generator, so that every run makes the same lists.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
