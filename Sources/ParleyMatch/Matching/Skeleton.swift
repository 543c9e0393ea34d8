/// A name's Latin skeleton: the form in which transliteration schemes stop differing.
///
/// Built from the Latin form (see `Transliterator`): lower-case ASCII letters only, digraphs
/// folded to one symbol (zh, kh, ch, sh, shch, ts), `h`→`g`, `y` and `j`→`i`, `x`→`ks`,
/// `w`→`v`, `c`→`k`, repeated letters collapsed, an `i` before another vowel dropped (ia/ya,
/// iu/yu, ie/ye; at the start of a name only before `e`, since Яна is not Анна). So Hennadii, Gennadiy and Геннадій share `genadi`, and Наталія and
/// Наталья share `natala`. A skeleton is for comparing, never for showing.
public enum Skeleton {
    /// The skeleton of any name value, in any script.
    public static func of(_ text: String, language: Transliterator.Language? = nil) -> [UInt8] {
        fold(Transliterator.latin(text, language: language))
    }

    /// The skeleton of a value already in Latin letters.
    public static func fold(_ latin: String) -> [UInt8] {
        // 1. Letters only, accents off.
        var b: [UInt8] = []
        b.reserveCapacity(latin.utf8.count)
        for scalar in latin.unicodeScalars {
            let v = scalar.value
            if v >= 0x61 && v <= 0x7A {
                b.append(UInt8(v))
            } else if v >= 0x41 && v <= 0x5A {
                b.append(UInt8(v + 0x20))
            } else if v >= 0xC0, let base = accentFree(scalar) {
                b.append(base)
            }
        }
        // 2. Digraphs to single symbols (upper-case bytes never occur in step 1's output).
        var d: [UInt8] = []
        d.reserveCapacity(b.count + 2)
        var i = 0
        func at(_ k: Int) -> UInt8 { k < b.count ? b[k] : 0 }
        while i < b.count {
            let c = b[i], n = at(i + 1)
            switch c {
            case UInt8(ascii: "s"):
                if n == UInt8(ascii: "h") {
                    if at(i + 2) == UInt8(ascii: "c") && at(i + 3) == UInt8(ascii: "h") { i += 4 } else { i += 2 }
                    d.append(UInt8(ascii: "S"))
                    continue
                }
                if n == UInt8(ascii: "c") && at(i + 2) == UInt8(ascii: "h") {
                    d.append(UInt8(ascii: "S")); i += 3; continue
                }
                if n == UInt8(ascii: "z") { d.append(UInt8(ascii: "S")); i += 2; continue }  // Polish sz
                d.append(c)
            case UInt8(ascii: "z"):
                if n == UInt8(ascii: "h") { d.append(UInt8(ascii: "Z")); i += 2; continue }
                d.append(c)
            case UInt8(ascii: "k"):
                if n == UInt8(ascii: "h") { d.append(UInt8(ascii: "H")); i += 2; continue }
                d.append(c)
            case UInt8(ascii: "c"):
                if n == UInt8(ascii: "h") { d.append(UInt8(ascii: "C")); i += 2; continue }
                if n == UInt8(ascii: "z") { d.append(UInt8(ascii: "C")); i += 2; continue }  // Polish cz
                d.append(UInt8(ascii: "k"))
            case UInt8(ascii: "t"):
                if n == UInt8(ascii: "s") || n == UInt8(ascii: "z") { d.append(UInt8(ascii: "T")); i += 2; continue }
                if n == UInt8(ascii: "c") && at(i + 2) == UInt8(ascii: "h") { d.append(UInt8(ascii: "C")); i += 3; continue }
                d.append(c)
            case UInt8(ascii: "p"):
                if n == UInt8(ascii: "h") { d.append(UInt8(ascii: "f")); i += 2; continue }
                d.append(c)
            case UInt8(ascii: "x"):
                d.append(UInt8(ascii: "k")); d.append(UInt8(ascii: "s"))
            case UInt8(ascii: "h"): d.append(UInt8(ascii: "g"))
            case UInt8(ascii: "y"), UInt8(ascii: "j"): d.append(UInt8(ascii: "i"))
            case UInt8(ascii: "w"): d.append(UInt8(ascii: "v"))
            case UInt8(ascii: "q"): d.append(UInt8(ascii: "k"))
            default: d.append(c)
            }
            i += 1
        }
        // 3. Collapse repeats, drop an `i` before another vowel (not word-initial, where
        //    Я and А differ, except before `e`: Є and Е), and collapse again.
        let collapsed = collapseRepeats(d)
        var out: [UInt8] = []
        out.reserveCapacity(collapsed.count)
        for k in 0..<collapsed.count {
            let c = collapsed[k]
            if c == UInt8(ascii: "i"), k + 1 < collapsed.count, isVowel(collapsed[k + 1]), collapsed[k + 1] != c,
               k > 0 || collapsed[k + 1] == UInt8(ascii: "e") {
                continue
            }
            out.append(c)
        }
        return collapseRepeats(out)
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

    /// The ASCII base letter of an accented Latin letter (é → e, ł → l), or nil.
    static func accentFree(_ s: Unicode.Scalar) -> UInt8? {
        switch s.value {
        case 0xC0...0xC5, 0xE0...0xE5, 0x100...0x105: return UInt8(ascii: "a")
        case 0xC7, 0xE7, 0x106...0x10D: return UInt8(ascii: "c")
        case 0xC8...0xCB, 0xE8...0xEB, 0x112...0x11B: return UInt8(ascii: "e")
        case 0xCC...0xCF, 0xEC...0xEF, 0x128...0x131: return UInt8(ascii: "i")
        case 0xD1, 0xF1, 0x143...0x148: return UInt8(ascii: "n")
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8, 0x14C...0x151: return UInt8(ascii: "o")
        case 0xD9...0xDC, 0xF9...0xFC, 0x168...0x173: return UInt8(ascii: "u")
        case 0xDD, 0xFD, 0xFF: return UInt8(ascii: "y")
        case 0x141, 0x142: return UInt8(ascii: "l")
        case 0x15A...0x161: return UInt8(ascii: "s")
        case 0x179...0x17E: return UInt8(ascii: "z")
        case 0x10E...0x111: return UInt8(ascii: "d")
        case 0x158...0x159: return UInt8(ascii: "r")
        case 0x164...0x165: return UInt8(ascii: "t")
        default: return nil
        }
    }
}
