internal import Foundation

/// A name's Latin skeleton: the form in which transliteration standards stop differing.
///
/// Built from the Latin form (see `Transliterator`): lower-case ASCII letters plus one symbol per
/// sound that standards spell differently — ж (zh ž sh-German j-French), х (kh h-ISO x ch-German),
/// ц (ts c cz tz z-German), ч (ch č tch tsch cz-Polish), ш and щ (sh š ch-French sch sz shch šč ŝ
/// shh chtch schtsch). Then `h`→`g` where `h` is г, `y` and `j`→`i` (a `j` between consonants, the
/// soft sign of DSTU 9112, is dropped), `x`→`ks` where it is not х, `w`→`v`, `ou`→`u`; accents off
/// (`â` `û` `ê` keep their iotation: ia, iu, ie); repeated letters collapsed; an `i` before another
/// vowel dropped (ia/ya/ja/â, iu/yu/ju/û, ie/ye/je/ê; at the start of a word only before `e`,
/// since Яна is not Анна). Which letters are ambiguous is settled by a `LatinReading`. So Hennadii,
/// Gennadiy, Gennadij and Геннадій share `genadi`, and Ševčuk, Schewtschuk, Chevtchouk and Шевчук
/// share one. A skeleton is for comparing, never for showing.
public enum Skeleton {
    /// The skeleton of any name value, in any script; a Latin value is read from its own letters.
    public static func of(_ text: String, language: Transliterator.Language? = nil) -> [UInt8] {
        of(text, language: language, reading: nil)
    }

    /// The skeleton of a name value; a Latin value is read with `reading` (from its own letters when nil).
    package static func of(_ text: String, language: Transliterator.Language? = nil, reading: LatinReading?) -> [UInt8] {
        let lang = language ?? Transliterator.language(of: text)
        if lang != .latin {
            return fold(Transliterator.latin(text, language: lang), reading: .english)
        }
        return fold(text, reading: reading ?? LatinReading.of(text))
    }

    /// Symbols of step 1 and 2 that stand for one Cyrillic letter each (upper-case bytes never
    /// come from the input, which step 1 lower-cases).
    private static let zhe = UInt8(ascii: "Z"), kha = UInt8(ascii: "H"), tse = UInt8(ascii: "T")
    private static let che = UInt8(ascii: "C"), sha = UInt8(ascii: "S"), boundary = UInt8(ascii: " ")

    /// The skeleton of a value already in Latin letters, read with `reading`.
    package static func fold(_ latin: String, reading: LatinReading = .english) -> [UInt8] {
        fold(letters(latin), reading: reading)
    }

    /// Step 1: lower-case ASCII letters, accents off, letters with a háček or circumflex to their
    /// symbol, apostrophes and primes dropped, anything else a word boundary.
    static func letters(_ latin: String) -> [UInt8] {
        var b: [UInt8] = []
        b.reserveCapacity(latin.utf8.count)
        for scalar in latin.unicodeScalars {
            let v = scalar.value
            if v >= 0x61 && v <= 0x7A {
                b.append(UInt8(v))
            } else if v >= 0x41 && v <= 0x5A {
                b.append(UInt8(v + 0x20))
            } else if isSign(v) {
                continue
            } else if v < 0xC0 {
                b.append(boundary)
            } else if let symbols = special(Transliterator.lowercase(scalar).value) {
                b.append(contentsOf: symbols)
            } else if let base = accentFree(scalar) {
                b.append(base)
            } else if !scalar.properties.isAlphabetic {
                b.append(boundary)
            }
        }
        return b
    }

    /// Apostrophes, quotation marks standing for ъ, primes, modifier letters, combining marks.
    private static func isSign(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x60, 0xB4, 0x2018, 0x2019, 0x201C, 0x201D, 0x2032, 0x2033: return true
        case 0x2B0...0x2FF, 0x300...0x36F: return true
        default: return false
        }
    }

    /// Letters whose accent carries a sound: č ĉ → ч, š ŝ → ш/щ, ž ẑ ż → ж, ĥ → х, ć → ц,
    /// â û ê → iotated vowels, and letters without a decomposition.
    private static func special(_ v: UInt32) -> [UInt8]? {
        switch v {
        case 0x10D, 0x109: return [che]
        case 0x161, 0x15D: return [sha]
        case 0x17E, 0x1E91, 0x17C: return [zhe]
        case 0x125: return [kha]
        case 0x107: return [tse]
        case 0xE2: return Array("ia".utf8)
        case 0xFB: return Array("iu".utf8)
        case 0xEA: return Array("ie".utf8)
        case 0xDF: return Array("ss".utf8)
        case 0xE6: return Array("ae".utf8)
        case 0x153: return Array("oe".utf8)
        case 0x142: return [UInt8(ascii: "l")]
        case 0x111: return [UInt8(ascii: "d")]
        case 0x127: return [UInt8(ascii: "h")]
        case 0xF8: return [UInt8(ascii: "o")]
        case 0x131: return [UInt8(ascii: "i")]
        default: return nil
        }
    }

    /// The ASCII base letter of an accented Latin letter (é → e, ğ → g, ȳ → y), or nil.
    static func accentFree(_ s: Unicode.Scalar) -> UInt8? {
        guard s.properties.isAlphabetic,
              let first = String(s).decomposedStringWithCanonicalMapping.unicodeScalars.first
        else { return nil }
        let v = Transliterator.lowercase(first).value
        return v >= 0x61 && v <= 0x7A ? UInt8(v) : nil
    }

    /// Steps 2 and 3 over the letters of step 1.
    private static func fold(_ b: [UInt8], reading: LatinReading) -> [UInt8] {
        var d: [UInt8] = []
        d.reserveCapacity(b.count + 2)
        func at(_ k: Int) -> UInt8 { k >= 0 && k < b.count ? b[k] : boundary }
        func starts(_ s: StaticString, _ k: Int) -> Bool {
            let p = UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
            guard k + p.count <= b.count else { return false }
            for j in 0..<p.count where b[k + j] != p[j] { return false }
            return true
        }
        func isConsonant(_ c: UInt8) -> Bool { c != boundary && !isVowelLetter(c) }
        let e = UInt8(ascii: "e"), g = UInt8(ascii: "g"), h = UInt8(ascii: "h")
        let i = UInt8(ascii: "i"), k = UInt8(ascii: "k"), s = UInt8(ascii: "s"), z = UInt8(ascii: "z")
        var n = 0
        while n < b.count {
            let c = b[n], next = at(n + 1)
            var step = 1
            switch c {
            case s:
                if starts("schtsch", n) { d.append(sha); step = 7 }
                else if starts("shch", n) || starts("szcz", n) { d.append(sha); step = 4 }
                else if starts("sch", n) || starts("shh", n) { d.append(sha); step = 3 }
                else if next == h { d.append(reading.contains(.german) ? zhe : sha); step = 2 }
                else if next == z { d.append(sha); step = 2 }
                else if reading.contains(.german) && isVowelLetter(at(n - 1)) && isVowelLetter(next) { d.append(z) }
                else { d.append(s) }
            case z:
                if next == h { d.append(zhe); step = 2 }
                else { d.append(reading.contains(.german) ? tse : z) }
            case k:
                if next == h { d.append(kha); step = 2 } else { d.append(k) }
            case UInt8(ascii: "c"):
                if starts("chtch", n) { d.append(sha); step = 5 }
                else if next == h {
                    d.append(reading.contains(.french) ? sha : reading.contains(.chIsKha) ? kha : che)
                    step = 2
                } else if next == z { d.append(reading.contains(.polish) ? che : tse); step = 2 }
                else { d.append(tse) }
            case UInt8(ascii: "t"):
                if starts("tsch", n) { d.append(che); step = 4 }
                else if starts("tch", n) { d.append(che); step = 3 }
                else if next == s || next == z { d.append(tse); step = 2 }
                else { d.append(c) }
            case UInt8(ascii: "p"):
                if next == h { d.append(UInt8(ascii: "f")); step = 2 } else { d.append(c) }
            case g:
                d.append(g)
                if next == h { step = 2 }  // DSTU 9112 B's gh, KMU's zgh
                else if reading.contains(.french) && next == UInt8(ascii: "u") && isFrontVowel(at(n + 2)) { step = 2 }
            case h:
                d.append(reading.contains(.hIsKha) ? kha : g)
            case UInt8(ascii: "x"):
                if reading.contains(.xIsKha) || !(isVowelLetter(at(n - 1)) && isVowelLetter(next)) {
                    d.append(kha)
                } else {
                    d.append(k); d.append(s)
                }
            case UInt8(ascii: "j"):
                if reading.contains(.french) { d.append(zhe) }
                else if isConsonant(at(n - 1)) && !isVowelLetter(next) { /* a soft sign: dropped */ }
                else { d.append(i) }
            case UInt8(ascii: "o"):
                if next == UInt8(ascii: "u") { d.append(UInt8(ascii: "u")); step = 2 } else { d.append(c) }
            case e:
                d.append(e)
                // GOST 16876-71's eh for э at the start of a word.
                if at(n - 1) == boundary && next == h && isConsonant(at(n + 2)) { step = 2 }
            case i, UInt8(ascii: "y"):
                // ICAO's ie for ъ before a iotated vowel (Podieiachev): dropped.
                if next == e, isGlide(at(n + 2)), isVowelLetter(at(n + 3)), isConsonant(at(n - 1)) {
                    step = 2
                } else {
                    d.append(i)
                }
            case UInt8(ascii: "w"): d.append(UInt8(ascii: "v"))
            case UInt8(ascii: "q"): d.append(k)
            case sha:
                d.append(sha)
                if next == che { step = 2 }  // šč is щ
            default: d.append(c)
            }
            n += step
        }
        // 3. Collapse repeats, drop an `i` before another vowel (not word-initial, where
        //    Я and А differ, except before `e`: Є and Е), collapse again, drop the boundaries.
        let collapsed = collapseRepeats(d)
        var out: [UInt8] = []
        out.reserveCapacity(collapsed.count)
        for m in 0..<collapsed.count {
            let c = collapsed[m]
            if c == i, m + 1 < collapsed.count, isVowel(collapsed[m + 1]), collapsed[m + 1] != c {
                let wordStart = m == 0 || collapsed[m - 1] == boundary
                if !wordStart || collapsed[m + 1] == e { continue }
            }
            out.append(c)
        }
        return collapseRepeats(out).filter { $0 != boundary }
    }

    static func collapseRepeats(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        for c in b where out.last != c { out.append(c) }
        return out
    }

    static func isVowel(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "a") || c == UInt8(ascii: "e") || c == UInt8(ascii: "i")
            || c == UInt8(ascii: "o") || c == UInt8(ascii: "u")
    }

    /// A vowel letter of step 1, `y` included.
    private static func isVowelLetter(_ c: UInt8) -> Bool {
        isVowel(c) || c == UInt8(ascii: "y")
    }

    private static func isFrontVowel(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "e") || c == UInt8(ascii: "i") || c == UInt8(ascii: "y")
    }

    private static func isGlide(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "i") || c == UInt8(ascii: "y") || c == UInt8(ascii: "j")
    }
}
