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

    /// The prefix of an entry id that encodes a record id (see `encoded(_:)`).
    static let encodedPrefix = "u:"

    /// A record id as an entry id, one to one: an id that is already a valid entry id and does not
    /// begin with `u:` is itself; any other is `u:` followed by the id with every character
    /// outside `A–Z a–z 0–9 . : -` written `_` + its Unicode scalar value in lower-case hex + `.`
    /// (`РФ-101` → `u:_420._424.-101`, `1/15` → `u:1_2f.15`, `UA 001` → `u:UA_20.001`).
    ///
    /// Nothing is dropped or merged, so `recordID(_:)` gives back exactly the id written, in
    /// any script, and two different ids never share an entry.
    ///
    /// - Parameter id: The record's id, exactly as the list gave it.
    /// - Returns: The entry id, or nil when the id is empty or its encoding is over `maxLength`.
    static func encoded(_ id: String) -> String? {
        if isValid(id) && !id.hasPrefix(encodedPrefix) { return id }
        guard !id.isEmpty else { return nil }
        var out = encodedPrefix
        for scalar in id.unicodeScalars {
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", ".", ":", "-":
                out.unicodeScalars.append(scalar)
            default:
                out += "_" + String(scalar.value, radix: 16) + "."
            }
            if out.utf8.count > maxLength { return nil }
        }
        return isValid(out) ? out : nil
    }

    /// The record id an entry id stands for: the inverse of `encoded(_:)`.
    ///
    /// - Parameter entry: An entry id.
    /// - Returns: The record id as the list wrote it; an entry id that is not an encoding (it does
    ///   not begin with `u:`, or its escapes are malformed) is returned as it is.
    static func recordID(_ entry: String) -> String {
        guard entry.hasPrefix(encodedPrefix) else { return entry }
        var out = String.UnicodeScalarView()
        var scalars = entry.unicodeScalars.dropFirst(encodedPrefix.unicodeScalars.count)[...]
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            guard scalar == "_" else {
                out.append(scalar)
                continue
            }
            guard let end = scalars.firstIndex(of: "."),
                  let value = UInt32(String(String.UnicodeScalarView(scalars[..<end])), radix: 16),
                  let decoded = Unicode.Scalar(value) else { return entry }
            out.append(decoded)
            scalars = scalars[scalars.index(after: end)...]
        }
        return String(out)
    }
}
