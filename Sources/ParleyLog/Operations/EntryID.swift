/// The rule for entry ids: the author's own stable id for a list entry.
enum EntryID {
    /// The longest entry id, in bytes.
    static let maxLength = 128

    /// Whether `text` is a valid entry id: 1 to 128 characters from `A–Z a–z 0–9 . _ : -`.
    ///
    /// ASCII only, so every implementation compares and sorts entry ids the same way.
    static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        return (1...maxLength).contains(bytes.count) && bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: ":"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    /// What an entry id may be, for messages.
    static let characters = "1 to 128 characters from A-Z a-z 0-9 . _ : -"

    /// The message for an invalid entry id.
    static let rule = "an entry id is \(characters)"

    /// `id` made an entry id: surrounding whitespace dropped, each run of inner whitespace written
    /// `_`, each `/` or `\` written `-`; `nil` when the result is not a valid entry id.
    static func sanitized(_ id: String) -> String? {
        var entry = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in id.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !entry.isEmpty
                continue
            }
            if pendingSpace { entry.append("_") }
            pendingSpace = false
            switch scalar {
            case "/", "\\": entry.append("-")
            default: entry.append(scalar)
            }
        }
        let text = String(entry)
        return isValid(text) ? text : nil
    }
}
