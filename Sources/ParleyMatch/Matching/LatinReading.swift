/// How the ambiguous letters of a Latin name are read: which Cyrillic letter `h`, `x`, `ch`,
/// `sh`, `j`, `z`, `cz` and a lone `s` stand for.
///
/// Transliteration standards disagree exactly there. English-based systems (KMU 2010, BGN/PCGN,
/// ICAO 9303, ALA-LC, BS 2979) write г as `h` and х as `kh`; ISO 9:1995, GOST 7.79 A, GOST 16876-71
/// and UNGEGN's Russian system write х as `h`; the scientific system and DSTU 9112 write х as `x`,
/// ISO/R 9:1968 as `ch`; French writes ш as `ch` and ж as `j`; German writes х as `ch`, ж as `sh`,
/// ц as `z` and з as `s`; Polish writes ч as `cz`, which GOST 7.79 B uses for ц. A reading is
/// chosen from the value's own letters when they are telling (háčeks, `w`, `tsch`, `ou`, `sz`, a
/// backtick), else from the list the value came from (see `ListReading`), else the English one.
package struct LatinReading: OptionSet, Sendable, Hashable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `h` is х (ISO 9:1995, GOST 7.79 A, GOST 16876-71, UNGEGN), not г.
    package static let hIsKha = LatinReading(rawValue: 1 << 0)
    /// `x` between vowels is х, not `ks` (scientific, DSTU 9112 A, GOST 7.79 B).
    package static let xIsKha = LatinReading(rawValue: 1 << 1)
    /// `ch` is х, not ч (German, Polish, ISO/R 9:1968).
    package static let chIsKha = LatinReading(rawValue: 1 << 2)
    /// French: `ch` is ш, `j` is ж, `gu` before a front vowel is г.
    package static let french = LatinReading(rawValue: 1 << 3)
    /// German: `sh` is ж, `z` is ц, a lone `s` between vowels is з.
    package static let german = LatinReading(rawValue: 1 << 4)
    /// Polish: `cz` is ч (elsewhere it is GOST 7.79 B's ц).
    package static let polish = LatinReading(rawValue: 1 << 5)

    /// The reading of the Latin produced by `Transliterator` and of English-based systems.
    package static let english: LatinReading = []

    /// A family of standards, as far as a value's letters tell it.
    package enum Family: UInt8, Sendable, Hashable, CaseIterable {
        /// Háčeks and circumflexes: ISO 9, GOST 7.79 A, GOST 16876-71 table 1, UNGEGN, scientific, DSTU 9112 A.
        case scholarly
        /// Digraphs with `j` and `x`: GOST 7.79 B, GOST 16876-71 table 2, DSTU 9112 B.
        case digraphJ
        /// French passports.
        case french
        /// German passports (Duden).
        case german
        /// Polish spelling.
        case polish
    }

    /// Letters that settle the scholarly family's `h` and `ch`.
    package struct Evidence: OptionSet, Sendable, Hashable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        /// An `x` or `ğ`: х is `x`, so `h` is г.
        package static let xLetter = Evidence(rawValue: 1 << 0)
        /// A `ch`: х is `ch` (with `č` for ч), so `h` is г.
        package static let chDigraph = Evidence(rawValue: 1 << 1)
    }

    /// The reading of a family, given what its values show.
    package init(family: Family?, evidence: Evidence) {
        switch family {
        case nil: self = .english
        case .scholarly:
            self = .xIsKha
            if evidence.contains(.chDigraph) { insert(.chIsKha) }
            if evidence.isEmpty { insert(.hIsKha) }
        case .digraphJ: self = .xIsKha
        case .french: self = .french
        case .german: self = [.german, .chIsKha]
        case .polish: self = [.polish, .chIsKha]
        }
    }

    /// The reading of one Latin value judged from its own letters alone.
    package static func of(_ value: String) -> LatinReading {
        let c = classify(value)
        return LatinReading(family: c?.family, evidence: c?.evidence ?? [])
    }

    /// The family a Latin value's letters show (nil when they fit every family) and the letters
    /// that settle `h`; nil for a value with Cyrillic letters, which is transliterated, not read.
    /// Works on any case and on decomposed accents.
    package static func classify(_ value: String) -> (family: Family?, evidence: Evidence)? {
        // Cyrillic first, without allocating: a list in Cyrillic is judged in one quick pass.
        if value.utf8.contains(where: { $0 >= 0xD0 && $0 <= 0xD3 }) { return nil }
        // ASCII letters lower-cased; any other scalar as 0, after noting what it tells.
        var s: [UInt8] = []
        s.reserveCapacity(value.utf8.count)
        var diacritic = false, polishLetter = false, backtick = false, breveG = false
        for scalar in value.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                s.append(v >= 0x41 && v <= 0x5A ? UInt8(v + 0x20) : UInt8(v))
                if v == 0x60 { backtick = true }
                continue
            }
            s.append(0)
            switch Transliterator.lowercase(scalar).value {
            case 0x11F:
                breveG = true  // ğ: DSTU 9112 A's г, so х is x
                diacritic = true
            case 0x10D, 0x161, 0x17E, 0x15D, 0x109, 0xE2, 0xEA, 0xFB, 0xEC, 0xE8, 0x30C, 0x302:
                diacritic = true  // č š ž ŝ ĉ â ê û ì è, combining caron and circumflex
            case 0x142, 0x17C, 0x15B, 0x144:
                polishLetter = true  // ł ż ś ń
            default:
                break
            }
        }
        func has(_ pattern: StaticString) -> Bool { firstIndex(of: pattern, in: s) != nil }
        let j = s.contains(UInt8(ascii: "j")), w = s.contains(UInt8(ascii: "w"))
        var evidence: Evidence = []
        if breveG || s.contains(UInt8(ascii: "x")) { evidence.insert(.xLetter) }
        if has("ch") { evidence.insert(.chDigraph) }
        if polishLetter || has("sz") || hasPolishRz(s) || (w && has("cz")) { return (.polish, evidence) }
        if w || has("tsch") { return (.german, evidence) }
        if has("ou") || has("dj") || (has("tch") && hasChWithoutT(s)) { return (.french, evidence) }
        if diacritic { return (.scholarly, evidence) }
        if backtick || has("shh") || has("jj") || (j && (has("kh") || has("zh") || has("gh"))) {
            return (.digraphJ, evidence)
        }
        return (nil, evidence)
    }

    /// Polish `rz` (not the `rzh` of English рж).
    private static func hasPolishRz(_ s: [UInt8]) -> Bool {
        var i = 0
        while let k = firstIndex(of: "rz", in: s, from: i) {
            if k + 2 >= s.count || s[k + 2] != UInt8(ascii: "h") { return true }
            i = k + 1
        }
        return false
    }

    /// A `ch` that is not the end of a `tch`.
    private static func hasChWithoutT(_ s: [UInt8]) -> Bool {
        var i = 0
        while let k = firstIndex(of: "ch", in: s, from: i) {
            if k == 0 || s[k - 1] != UInt8(ascii: "t") { return true }
            i = k + 1
        }
        return false
    }

    private static func firstIndex(of pattern: StaticString, in s: [UInt8], from start: Int = 0) -> Int? {
        let p = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        guard s.count >= p.count, start <= s.count - p.count else { return nil }
        outer: for i in start...(s.count - p.count) {
            for j in 0..<p.count where s[i + j] != p[j] { continue outer }
            return i
        }
        return nil
    }
}
