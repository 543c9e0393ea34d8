/// The given-name and patronymic equivalence table.
///
/// The table's text (see `NameTable+Data.swift`) has one person-name per line:
/// `key: spelling, spelling, … | patronymic, patronymic, …`, in any script. Every spelling is
/// reduced to its `Skeleton`, so one entry also covers the spellings that differ only by
/// transliteration scheme. Two values name the same given name when their skeletons lead to
/// the same line.
package struct NameTable: Sendable {
    /// One line of the table.
    package struct Entry: Sendable, Hashable {
        /// The line's key (lower-case ASCII).
        package var key: String
        /// Spellings of the given name, as written in the table.
        package var givenNames: [String]
        /// Spellings of the patronymics formed from it, as written in the table.
        package var patronymics: [String]
    }

    /// The table's lines, in order.
    package private(set) var entries: [Entry] = []
    /// Given-name skeleton → index into `entries`.
    private var givenIndex: [[UInt8]: Int] = [:]
    /// Patronymic skeleton → index into `entries`.
    private var patronymicIndex: [[UInt8]: Int] = [:]
    /// Every given-name skeleton with its entry, for the nearest-spelling search.
    private var givenSkeletons: [([UInt8], Int)] = []
    /// Every patronymic skeleton with its entry, for the nearest-spelling search.
    private var patronymicSkeletons: [([UInt8], Int)] = []
    /// Skeletons that two different lines both claim (a defect in the table).
    package private(set) var conflicts: [String] = []

    /// The table shipped with Parley.
    package static let standard = NameTable(text: NameTable.standardText)

    /// Parses a table's text. Malformed lines are skipped; `conflicts` lists skeletons
    /// claimed by two lines.
    package init(text: String) {
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: " \t")
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: " \t")
            let rest = line[line.index(after: colon)...]
            let parts = rest.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            func spellings(_ s: Substring?) -> [String] {
                guard let s else { return [] }
                return s.split(separator: ",").map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
            }
            let entry = Entry(key: key, givenNames: spellings(parts.first), patronymics: spellings(parts.count > 1 ? parts[1] : nil))
            add(entry)
        }
    }

    private mutating func add(_ entry: Entry) {
        let index = entries.count
        entries.append(entry)
        register(entry.givenNames, of: index, lookup: \.givenIndex, all: \.givenSkeletons)
        register(entry.patronymics, of: index, lookup: \.patronymicIndex, all: \.patronymicSkeletons)
    }

    /// Indexes the skeletons of `spellings` under entry `index`; a skeleton another entry
    /// already holds is recorded in `conflicts` and left with its first owner.
    private mutating func register(
        _ spellings: [String], of index: Int,
        lookup: WritableKeyPath<NameTable, [[UInt8]: Int]>, all: WritableKeyPath<NameTable, [([UInt8], Int)]>
    ) {
        for name in spellings {
            let sk = Skeleton.of(Normalization.fold(name))
            guard !sk.isEmpty else { continue }
            if let other = self[keyPath: lookup][sk] {
                if other != index { conflicts.append("\(name) (\(entries[other].key) and \(entries[index].key))") }
                continue
            }
            self[keyPath: lookup][sk] = index
            self[keyPath: all].append((sk, index))
        }
    }

    /// The entry whose given-name spellings include this skeleton exactly.
    package func givenEntry(skeleton: [UInt8]) -> Int? {
        givenIndex[skeleton]
    }

    /// The entry whose patronymic spellings include this skeleton exactly.
    package func patronymicEntry(skeleton: [UInt8]) -> Int? {
        patronymicIndex[skeleton]
    }

    /// The entry of the nearest given-name spelling, when one is clearly nearest: Jaro–Winkler
    /// at least `minimum` and ahead of any other entry's spelling by `margin`. For typos
    /// (Олксандр), never for names the table lacks.
    package func nearestGivenEntry(skeleton: [UInt8], minimum: Double = 0.9, margin: Double = 0.02) -> Int? {
        NameTable.nearest(skeleton, in: givenSkeletons, minimum: minimum, margin: margin)
    }

    /// The entry of the nearest patronymic spelling, on the terms of `nearestGivenEntry`.
    package func nearestPatronymicEntry(skeleton: [UInt8], minimum: Double = 0.92, margin: Double = 0.02) -> Int? {
        NameTable.nearest(skeleton, in: patronymicSkeletons, minimum: minimum, margin: margin)
    }

    private static func nearest(_ skeleton: [UInt8], in candidates: [([UInt8], Int)], minimum: Double, margin: Double) -> Int? {
        guard skeleton.count >= 4 else { return nil }
        var best = (score: 0.0, entry: -1)
        var second = 0.0
        for (sk, entry) in candidates {
            if abs(sk.count - skeleton.count) > 2 { continue }
            let s = jaroWinkler(skeleton, sk)
            if s > best.score {
                if entry != best.entry { second = best.score }
                best = (s, entry)
            } else if entry != best.entry && s > second {
                second = s
            }
        }
        guard best.entry >= 0, best.score >= minimum, best.score - second >= margin else { return nil }
        return best.entry
    }

    /// Whether `token` (any script, any case) is a given name the table knows.
    package func isGivenName(_ token: String) -> Bool {
        givenEntry(skeleton: Skeleton.of(Normalization.fold(token))) != nil
    }

    /// Whether `token` is a patronymic: one the table knows, or one by its ending
    /// (-ович, -евич, -івна, -овна, -ична, -ич and their Latin forms).
    package func isPatronymic(_ token: String) -> Bool {
        let sk = Skeleton.of(Normalization.fold(token))
        if patronymicEntry(skeleton: sk) != nil { return true }
        return NameTable.hasPatronymicEnding(sk)
    }

    /// Whether a skeleton ends like a patronymic.
    package static func hasPatronymicEnding(_ sk: [UInt8]) -> Bool {
        let endings: [[UInt8]] = ["oviC", "eviC", "ovna", "evna", "ivna", "iCna", "iniCna"].map { Array($0.utf8) }
        for e in endings where sk.count > e.count + 2 && sk.suffix(e.count).elementsEqual(e) {
            return true
        }
        return false
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
