/// Cyrillic to Latin, with Ukrainian and Russian rules kept apart.
///
/// Ukrainian follows the national system (Cabinet of Ministers resolution 55 of 2010, зг as zgh), Russian
/// follows ICAO Doc 9303, the scheme of Russian passports, except that ъ is dropped. The two disagree exactly where the
/// languages do: Ukrainian г is `h` and и is `y`, Russian г is `g` and и is `i`; і ї є ґ are
/// Ukrainian only, ы э ё ъ Russian only. Letters outside Cyrillic pass through unchanged.
public enum Transliterator {
    /// The language whose rules apply to a Cyrillic value.
    public enum Language: String, Sendable, Hashable, Codable {
        case ukrainian = "uk"
        case russian = "ru"
        case latin = "la"
    }

    /// The language of a value, judged from its letters: і ї є ґ mean Ukrainian, ы э ё ъ
    /// Russian; Cyrillic without either is `fallback`; no Cyrillic at all is Latin.
    public static func language(of text: String, fallback: Language = .ukrainian) -> Language {
        var cyrillic = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0456, 0x0406, 0x0457, 0x0407, 0x0454, 0x0404, 0x0491, 0x0490:
                return .ukrainian
            case 0x044B, 0x042B, 0x044D, 0x042D, 0x0451, 0x0401, 0x044A, 0x042A:
                return .russian
            case 0x0400...0x04FF:
                cyrillic = true
            default:
                continue
            }
        }
        return cyrillic ? fallback : .latin
    }

    /// The Latin form of `text` under the rules of `language` (detected when nil),
    /// lower-cased, with the word-initial forms both systems prescribe (Є→ye, Я→ya …).
    public static func latin(_ text: String, language: Language? = nil) -> String {
        let lang = language ?? self.language(of: text)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var atWordStart = true
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            let lower = lowercase(scalar)
            if isApostrophe(lower) {
                // An apostrophe sits inside a word and is dropped, as both systems do.
                continue
            }
            defer { previous = lower }
            if lower == "г" && previous == "з" && lang != .russian {
                out += "gh"  // зг is zgh in KMU 2010, so that it is not read as ж
                atWordStart = false
            } else if let mapped = map(lower, lang, initial: atWordStart) {
                out += mapped
                atWordStart = false
            } else if isLetter(lower) {
                out.unicodeScalars.append(lower)
                atWordStart = false
            } else {
                // Anything else is kept and starts a new word.
                out.unicodeScalars.append(lower)
                atWordStart = true
            }
        }
        return out
    }

    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x27, 0x2BC, 0x2019, 0x2018, 0x60, 0xB4, 0x2B9, 0x2032: return true
        default: return false
        }
    }

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic
    }

    /// Lower-cases one scalar: ASCII and Cyrillic by table, the rest through Unicode.
    static func lowercase(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0x41...0x5A: return Unicode.Scalar(s.value + 0x20)!
        case 0x0410...0x042F: return Unicode.Scalar(s.value + 0x20)!
        case 0x0400...0x040F: return Unicode.Scalar(s.value + 0x50)!
        case 0x0490: return Unicode.Scalar(0x0491)!
        case 0x00...0x7F, 0x0430...0x045F, 0x0491: return s
        default:
            let l = s.properties.lowercaseMapping.unicodeScalars
            return l.count == 1 ? l.first! : s
        }
    }

    /// One lower-case Cyrillic letter in Latin, or nil when it is not Cyrillic.
    static func map(_ s: Unicode.Scalar, _ lang: Language, initial: Bool) -> String? {
        switch s.value {
        case 0x0430: return "a"
        case 0x0431: return "b"
        case 0x0432: return "v"
        case 0x0433: return lang == .russian ? "g" : "h"
        case 0x0491: return "g"
        case 0x0434: return "d"
        case 0x0435: return "e"
        case 0x0454: return initial ? "ye" : "ie"
        case 0x0451: return "e"
        case 0x0436: return "zh"
        case 0x0437: return "z"
        case 0x0438: return lang == .russian ? "i" : "y"
        case 0x0456: return "i"
        case 0x0457: return initial ? "yi" : "i"
        case 0x0439: return lang == .russian ? "i" : (initial ? "y" : "i")
        case 0x043A: return "k"
        case 0x043B: return "l"
        case 0x043C: return "m"
        case 0x043D: return "n"
        case 0x043E: return "o"
        case 0x043F: return "p"
        case 0x0440: return "r"
        case 0x0441: return "s"
        case 0x0442: return "t"
        case 0x0443: return "u"
        case 0x0444: return "f"
        case 0x0445: return "kh"
        case 0x0446: return "ts"
        case 0x0447: return "ch"
        case 0x0448: return "sh"
        case 0x0449: return "shch"
        case 0x044A: return ""  // ъ: ICAO writes "ie"; dropped, as most schemes and lists do
        case 0x044B: return "y"
        case 0x044C: return ""
        case 0x044D: return "e"
        case 0x044E: return lang == .russian ? "iu" : (initial ? "yu" : "iu")
        case 0x044F: return lang == .russian ? "ia" : (initial ? "ya" : "ia")
        case 0x045E: return "u"  // Belarusian ў, seen in mixed registers
        case 0x0400...0x04FF: return ""
        default: return nil
        }
    }
}
