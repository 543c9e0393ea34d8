internal import Foundation

/// Unicode normalization applied to every value before it is compared.
package enum Normalization {
    /// NFKC, then case folding, then surrounding whitespace trimmed and inner runs of
    /// whitespace reduced to one space.
    package static func fold(_ text: String) -> String {
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
