internal import Foundation

/// Derives `NormalizedRecord`s, caching by source value so that a value repeated across a list
/// (a common surname, a given name) is reduced once. Ids it hands out are comparable across
/// every record it normalized, so use one normalizer for both lists of a comparison.
struct Normalizer {
    let names: NameTable
    private var skeletonIDs: [[UInt8]: Int32] = [:]
    /// Each interned skeleton's bytes in `bytes`, by id.
    private var skeletonRuns: [ByteRun] = []
    /// The byte strings of every record normalized: skeletons, service numbers, ranks.
    private(set) var bytes = ByteArena()
    /// Rank skeletons by the value written.
    private var rankCache: [String: ByteRun?] = [:]
    private var surnameCache: [NameKey: NameForm] = [:]
    private var givenCache: [NameKey: NameForm] = [:]
    private var patronymicCache: [NameKey: NameForm] = [:]
    private var codeIDs: [String: Int32] = [:]
    /// Sex by the value written (lists write one of a handful).
    private var sexCache: [String: Sex?] = [:]
    /// The transliteration family of the list being normalized (see `normalize(list:)`).
    private var list: ListReading?

    /// A name value with the reading its list gives it: one value may read differently in two lists.
    /// Compared and hashed by its UTF-8 bytes, not as `String` does (through Unicode
    /// normalization, which cost more than the rest of the lookup): two spellings equal only
    /// canonically take two entries of the cache and fold to the same form.
    private struct NameKey: Hashable {
        var value: String
        var reading: LatinReading?

        static func == (lhs: NameKey, rhs: NameKey) -> Bool {
            guard lhs.reading == rhs.reading, lhs.value.utf8.count == rhs.value.utf8.count else { return false }
            var (l, r) = (lhs.value, rhs.value)
            return l.withUTF8 { l in r.withUTF8 { r in l.elementsEqual(r) } }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(reading)
            var value = value
            value.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    init(names: NameTable) {
        self.names = names
    }

    /// Normalizes a whole list, reading each Latin name the way the list's transliteration
    /// family does (see `ListReading`).
    mutating func normalize(list records: [Record]) -> [NormalizedRecord] {
        list = Normalizer.reading(of: records[...])
        defer { list = nil }
        return records.map { normalize($0) }
    }

    /// How a list reads its Latin names, from every name it gives.
    private static func reading(of records: ArraySlice<Record>) -> ListReading {
        let fields: [Field] = [.surname, .givenName, .patronymic]
        return ListReading(values: records.lazy.flatMap { r in fields.lazy.compactMap { r[$0] } })
    }

    /// Both lists of a comparison normalized on every core, with the same ids and byte strings as
    /// one normalizer given `a` and then `b` (`normalize(list:)` twice).
    ///
    /// Each chunk of a list is normalized by a normalizer of its own, which numbers skeletons and
    /// codes in the order they first occur in the chunk. The chunks' numbers are then mapped to
    /// one numbering, chunk after chunk in list order, so every skeleton and code gets the number
    /// of its first occurrence across both lists, as the single normalizer gives it: blocking keys
    /// are made from these numbers, and the result's order of ties follows them.
    ///
    /// A chunk starts with empty caches, so a value repeated across chunks is reduced once in
    /// each: a list is cut into as few chunks as keep every core busy.
    ///
    /// - Parameters:
    ///   - a: List A's records.
    ///   - b: List B's records.
    ///   - names: The given-name table.
    ///   - chunks: Chunks a list (the number of cores, unless given).
    /// - Returns: Each list's normalized records, and the bytes they point into.
    static func normalize(_ a: [Record], _ b: [Record], names: NameTable, chunks perList: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> (a: [NormalizedRecord], b: [NormalizedRecord], bytes: ByteArena) {
        precondition(perList > 0, "a list is one chunk or more")
        let lists = [a, b]
        let readings = lists.concurrentMap(chunkSize: 1) { reading(of: $0[...]) }
        struct Chunk: Sendable { var list: Int; var range: Range<Int> }
        let chunks = lists.indices.flatMap { l in
            let size = max(1, (lists[l].count + perList - 1) / perList)
            return stride(from: 0, to: lists[l].count, by: size).map { Chunk(list: l, range: $0..<min(lists[l].count, $0 + size)) }
        }
        let parts = chunks.concurrentMap(chunkSize: 1) { chunk -> Part in
            var normalizer = Normalizer(names: names)
            normalizer.list = readings[chunk.list]
            let records = lists[chunk.list][chunk.range].map { normalizer.normalize($0) }
            return Part(records: records, normalizer: normalizer)
        }
        // One numbering, in chunk order: each chunk's numbers in the order it gave them.
        var merged = Normalizer(names: names)
        var maps: [Part.Map] = []
        for part in parts {
            let base = UInt32(merged.bytes.bytes.count)
            _ = merged.bytes.append(part.bytes.bytes)
            let skeletons = part.skeletons.map { run in
                merged.intern(
                    Array(part.bytes.bytes[Int(run.start)..<Int(run.start + run.count)]),
                    storedAt: ByteRun(start: run.start + base, count: run.count)
                )
            }
            maps.append(Part.Map(base: base, skeletons: skeletons, codes: part.codes.map { merged.code($0) }))
        }
        let knownNames = Int32(names.entries.count)
        let renumbered = Array(zip(parts, maps)).concurrentMap(chunkSize: 1) { part, map in
            part.records.map { map.renumbered($0, knownNames: knownNames) }
        }
        var out: ([NormalizedRecord], [NormalizedRecord]) = ([], [])
        out.0.reserveCapacity(a.count)
        out.1.reserveCapacity(b.count)
        for (chunk, records) in zip(chunks, renumbered) {
            if chunk.list == 0 { out.0 += records } else { out.1 += records }
        }
        return (out.0, out.1, merged.bytes)
    }

    /// One chunk normalized by a normalizer of its own: its records, numbered and pointing into
    /// its own bytes.
    private struct Part: Sendable {
        var records: [NormalizedRecord]
        var bytes: ByteArena
        /// The chunk's skeletons by its numbers.
        var skeletons: [ByteRun]
        /// The chunk's codes by its numbers.
        var codes: [String]

        init(records: [NormalizedRecord], normalizer: Normalizer) {
            self.records = records
            bytes = normalizer.bytes
            skeletons = normalizer.skeletonRuns
            var codes = [String](repeating: "", count: normalizer.codeIDs.count)
            for (code, id) in normalizer.codeIDs { codes[Int(id)] = code }
            self.codes = codes
        }

        /// A chunk's numbers and offsets in the merged numbering and bytes.
        struct Map: Sendable {
            /// Where the chunk's bytes begin in the merged bytes.
            var base: UInt32
            /// The merged number of each of the chunk's skeletons.
            var skeletons: [Int32]
            /// The merged number of each of the chunk's codes.
            var codes: [Int32]

            func renumbered(_ r: NormalizedRecord, knownNames: Int32) -> NormalizedRecord {
                func run(_ run: ByteRun?) -> ByteRun? {
                    run.map { ByteRun(start: $0.start + base, count: $0.count) }
                }
                func name(_ form: NameForm?) -> NameForm? {
                    guard var form else { return nil }
                    form.skeleton = run(form.skeleton)!
                    form.skeletonID = skeletons[Int(form.skeletonID)]
                    // A name not in the table is numbered after the table's, by its skeleton.
                    if form.nameID >= knownNames { form.nameID = knownNames + form.skeletonID }
                    return form
                }
                var r = r
                r.surname = name(r.surname)
                r.given = name(r.given)
                r.patronymic = name(r.patronymic)
                r.serviceNumber = run(r.serviceNumber)
                r.serviceDigits = run(r.serviceDigits)
                r.rank = run(r.rank)
                r.unit = r.unit.map { codes[Int($0)] }
                r.category = r.category.map { codes[Int($0)] }
                return r
            }
        }
    }

    mutating func normalize(_ record: Record) -> NormalizedRecord {
        var n = NormalizedRecord()
        if let v = record[.surname] { n.surname = nameForm(v, kind: .surname) }
        if let v = record[.givenName] { n.given = nameForm(v, kind: .given) }
        if let v = record[.patronymic] { n.patronymic = nameForm(v, kind: .patronymic) }
        n.dateOfBirth = record.dateOfBirth
        n.captureDate = record.captureDate
        if let v = record[.serviceNumber] {
            let s = Normalizer.serviceNumber(v)
            if !s.isEmpty {
                n.serviceNumber = bytes.append(s)
                let digits = s.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                n.serviceDigits = digits.isEmpty ? nil : bytes.append(digits)
            }
        }
        if let v = record[.sex] {
            if let known = sexCache[v] {
                n.sex = known
            } else {
                n.sex = Normalizer.sex(v)
                sexCache[v] = n.sex
            }
        }
        if let v = record[.unit] { n.unit = unitID(v) }
        if let v = record[.rank] {
            if let known = rankCache[v] {
                n.rank = known
            } else {
                let sk = Skeleton.of(Normalization.fold(v))
                n.rank = sk.isEmpty ? nil : bytes.append(sk)
                rankCache[v] = n.rank
            }
        }
        if let v = record[.category] { n.category = code("c:" + Normalization.fold(v)) }
        return n
    }

    enum NameKind { case surname, given, patronymic }

    mutating func nameForm(_ value: String, kind: NameKind) -> NameForm? {
        // Only a list with a family of its own reads a value otherwise than the value alone does.
        let key = NameKey(value: value, reading: list?.reading)
        switch kind {
        case .surname: if let f = surnameCache[key] { return f }
        case .given: if let f = givenCache[key] { return f }
        case .patronymic: if let f = patronymicCache[key] { return f }
        }
        let sk = Skeleton.of(Normalization.fold(value), reading: key.reading)
        guard !sk.isEmpty else { return nil }
        let skID = intern(sk)
        var nameID = Int32(names.entries.count) + skID
        var approximate = false
        var known = false
        switch kind {
        case .surname:
            // Read as a given name too, for comparing columns crosswise.
            if let e = names.givenEntry(skeleton: sk) { nameID = Int32(e); known = true }
        case .given:
            if let e = names.givenEntry(skeleton: sk) {
                nameID = Int32(e)
                known = true
            } else if let e = names.nearestGivenEntry(skeleton: sk) {
                nameID = Int32(e)
                approximate = true
            }
        case .patronymic:
            if let e = names.patronymicEntry(skeleton: sk) {
                nameID = Int32(e)
                known = true
            } else if let e = names.nearestPatronymicEntry(skeleton: sk) {
                nameID = Int32(e)
                approximate = true
            }
        }
        let form = NameForm(skeleton: skeletonRuns[Int(skID)], skeletonID: skID, nameID: nameID, isApproximate: approximate, isKnown: known)
        switch kind {
        case .surname: surnameCache[key] = form
        case .given: givenCache[key] = form
        case .patronymic: patronymicCache[key] = form
        }
        return form
    }

    /// The id of a skeleton, new ones numbered in order.
    ///
    /// - Parameters:
    ///   - sk: The skeleton.
    ///   - stored: Where `bytes` holds it already (a chunk's bytes merged in), if it does; else a
    ///     new skeleton is appended to `bytes`.
    private mutating func intern(_ sk: [UInt8], storedAt stored: ByteRun? = nil) -> Int32 {
        if let id = skeletonIDs[sk] { return id }
        let id = Int32(skeletonIDs.count)
        skeletonIDs[sk] = id
        skeletonRuns.append(stored ?? bytes.append(sk))
        return id
    }

    private mutating func code(_ key: String) -> Int32 {
        if let id = codeIDs[key] { return id }
        let id = Int32(codeIDs.count)
        codeIDs[key] = id
        return id
    }

    private mutating func unitID(_ value: String) -> Int32? {
        let digits = value.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }
        if digits.count >= 2 { return code("u#" + String(String.UnicodeScalarView(digits))) }
        let sk = Skeleton.of(Normalization.fold(value))
        return sk.isEmpty ? nil : code("u:" + String(decoding: sk, as: UTF8.self))
    }

    /// Upper-case Latin letters and digits; Cyrillic letters that look like Latin ones are read
    /// as those (В-123 is B-123), other Cyrillic letters are transliterated.
    static func serviceNumber(_ value: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in value.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x30...0x39, 0x41...0x5A: out.append(UInt8(v))
            case 0x61...0x7A: out.append(UInt8(v - 0x20))
            case 0x0400...0x04FF:
                let lower = Transliterator.lowercase(scalar)
                if let look = cyrillicLookalike[lower.value] {
                    out.append(look)
                } else if let t = Transliterator.map(lower, .ukrainian, initial: false) {
                    out.append(contentsOf: t.uppercased().utf8)
                }
            default: continue
            }
        }
        return out
    }

    private static let cyrillicLookalike: [UInt32: UInt8] = [
        0x0430: UInt8(ascii: "A"), 0x0432: UInt8(ascii: "B"), 0x0435: UInt8(ascii: "E"),
        0x043A: UInt8(ascii: "K"), 0x043C: UInt8(ascii: "M"), 0x043D: UInt8(ascii: "H"),
        0x043E: UInt8(ascii: "O"), 0x0440: UInt8(ascii: "P"), 0x0441: UInt8(ascii: "C"),
        0x0442: UInt8(ascii: "T"), 0x0443: UInt8(ascii: "Y"), 0x0445: UInt8(ascii: "X"),
        0x0456: UInt8(ascii: "I"),
    ]

    static func sex(_ value: String) -> Sex? {
        let v = Normalization.fold(value)
        guard let first = v.unicodeScalars.first else { return nil }
        switch first.value {
        case 0x6D, 0x0447, 0x043C: return .male  // m, ч, м
        case 0x66, 0x0436, 0x77: return .female  // f, ж, w
        default: return nil
        }
    }
}
