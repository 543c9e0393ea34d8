internal import Foundation

/// Unicode normalization applied to every value before it is compared.
package enum Normalization {
    /// NFKC, then case folding, then surrounding whitespace trimmed and inner runs of
    /// whitespace reduced to one space.
    package static func fold(_ text: String) -> String {
        simplyFolded(text) ?? foldedThroughFoundation(text)
    }

    /// `fold` of text whose every scalar is ASCII, basic Cyrillic (U+0400–U+045F) or Ґ/ґ: nearly
    /// every name of a list. For these NFKC changes nothing and case folding is lowercasing, so
    /// the text is folded scalar by scalar, without Foundation's string bridging (which was most
    /// of the cost of normalizing a list). `nil` for any other text.
    static func simplyFolded(_ text: String) -> String? {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            var v = scalar.value
            switch v {
            case 0x09...0x0D, 0x20:
                pendingSpace = !out.isEmpty
                continue
            case 0x41...0x5A, 0x0410...0x042F: v += 0x20
            case 0x0400...0x040F: v += 0x50
            case 0x0490: v = 0x0491
            case 0x00...0x7F, 0x0430...0x045F, 0x0491: break
            default: return nil
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(Unicode.Scalar(v)!)
        }
        return String(out)
    }

    /// `fold` through Foundation: NFKC (for text outside ASCII), case folding, whitespace.
    static func foldedThroughFoundation(_ text: String) -> String {
        let isPlain = text.utf8.allSatisfy { $0 < 0x80 }
        let nfkc = isPlain ? text : text.precomposedStringWithCompatibilityMapping
        let folded = nfkc.folding(options: [.caseInsensitive], locale: nil)
        var out = ""
        out.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for ch in folded {
            if ch.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            }
        }
        return out
    }
}
