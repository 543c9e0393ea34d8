/// A ``KeyID`` written to be read aloud over a phone line and checked by hand, in the format of
/// Syncthing's device ids.
///
/// Example: RFC 8032's TEST 1 public key `d75a9801…f707511a` has key id `21fe31df…7f9721b9` and
/// fingerprint `EH7DDX5-BKSRGCK-YTL7BKA-I36SE4E-NXX3KLN-K7ELKS5-YQ57PI7-4XEG4QG`.
///
/// ## Format
///
/// 1. Encode the 32 bytes of the key id in base32 with the RFC 4648 alphabet
///    `ABCDEFGHIJKLMNOPQRSTUVWXYZ234567`, most significant bit first, without `=` padding:
///    52 characters (the last one carries 1 bit of the id and 4 zero bits).
/// 2. Cut them into 4 chunks of 13 characters, and after each chunk write its check character
///    (below): 4 × 14 = 56 characters.
/// 3. Cut those into 8 groups of 7 characters, joined by `-`.
///
/// The check character of a chunk `c[0] … c[12]` is Syncthing's "Luhn mod 32" (which, unlike the
/// textbook Luhn mod N, starts doubling at the second character from the left): with `v(x)` the
/// index of `x` in the alphabet above,
///
/// ```
/// sum = 0
/// for i in 0..<13:
///     factor = (i is even) ? 1 : 2
///     a = factor * v(c[i])
///     sum += a / 32 + a % 32
/// check = alphabet[(32 - sum % 32) % 32]
/// ```
///
/// For instance the check character of `WG2IWWALPC2HZ` is `H`, and of `KHQNO2S5QSILR` it is `K`.
/// Any one character replaced by another of the alphabet changes the chunk's check character, so a
/// single mistyped character is always caught.
///
/// ## Parsing
///
/// ``parse(_:)`` ignores case, spaces, tabs, line breaks and dashes; reads `0` as `O`, `1` as `I` and
/// `8` as `B` (none of them is in the alphabet); then requires exactly 56 characters of the
/// alphabet, four matching check characters, and zero padding bits.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The key id this fingerprint writes.
    public let keyID: KeyID

    /// The fingerprint of a key id.
    ///
    /// - Parameter keyID: The id to write.
    public init(_ keyID: KeyID) {
        self.keyID = keyID
    }

    /// Characters in a chunk before its check character.
    static let chunkLength = 13
    /// Characters in a displayed group.
    static let groupLength = 7
    /// Characters in a fingerprint, check characters included, dashes not.
    static let characterCount = 56

    /// The fingerprint as shown: 8 groups of 7 characters joined by dashes.
    public var text: String {
        let base32 = Base32.encode(keyID.bytes)
        var checked: [UInt8] = []
        checked.reserveCapacity(Self.characterCount)
        var start = 0
        while start < base32.count {
            let chunk = base32[start..<start + Self.chunkLength]
            checked += chunk
            checked.append(Base32.alphabet[Int(Self.checkValue(chunk))])
            start += Self.chunkLength
        }
        var text: [UInt8] = []
        for (index, character) in checked.enumerated() {
            if index > 0, index % Self.groupLength == 0 { text.append(UInt8(ascii: "-")) }
            text.append(character)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The fingerprint as shown (``text``).
    public var description: String { text }

    /// Reads a fingerprint typed or read back by a person.
    ///
    /// Accepts any case, spaces and dashes anywhere, and `0`, `1`, `8` for `O`, `I`, `B`.
    ///
    /// - Parameter text: A fingerprint as ``text`` writes it, give or take the above.
    /// - Returns: The key id it writes.
    /// - Throws: ``CryptoError/Code/invalidFingerprint`` if a character is not used in fingerprints,
    ///   if there are not 56 characters, or if a check character does not match (a mistyped or
    ///   swapped character); the message says which groups to read again.
    public static func parse(_ text: String) throws -> KeyID {
        var values: [UInt8] = []
        values.reserveCapacity(characterCount)
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "-", "\t", "\n", "\r":
                continue
            default:
                guard let value = Base32.value(ofTyped: scalar) else {
                    throw CryptoError(
                        code: .invalidFingerprint,
                        message: "a fingerprint has only the letters A–Z and digits 2–7 (0, 1 and 8 are read as O, I and B); ‘\(scalar)’ is not one of them"
                    )
                }
                values.append(value)
            }
        }
        guard values.count == characterCount else {
            throw CryptoError(
                code: .invalidFingerprint,
                message: "a fingerprint has \(characterCount) letters and digits (8 groups of 7), not \(values.count)"
            )
        }
        var data: [UInt8] = []
        data.reserveCapacity(Base32.encodedLength(of: KeyID.byteCount))
        for chunk in 0..<4 {
            let start = chunk * (chunkLength + 1)
            let body = values[start..<start + chunkLength]
            guard checkValue(valuesOf: body) == values[start + chunkLength] else {
                throw CryptoError(
                    code: .invalidFingerprint,
                    message: "the fingerprint does not check out: a character in group \(2 * chunk + 1) or \(2 * chunk + 2) is wrong"
                )
            }
            data += body
        }
        guard let bytes = Base32.decode(values: data, byteCount: KeyID.byteCount),
              let id = KeyID(bytes: bytes)
        else {
            throw CryptoError(
                code: .invalidFingerprint,
                message: "the fingerprint does not check out: its last group is not one a key id can have"
            )
        }
        return id
    }

    /// The check value (index in the alphabet) of a chunk of base32 characters.
    static func checkValue(_ chunk: ArraySlice<UInt8>) -> UInt8 {
        checkValue(valuesOf: chunk.map { Base32.value(of: $0)! })
    }

    /// The check value of a chunk given as alphabet indexes: Syncthing's Luhn mod 32.
    static func checkValue(valuesOf chunk: some Collection<UInt8>) -> UInt8 {
        var sum = 0
        var factor = 1
        for value in chunk {
            let addend = factor * Int(value)
            sum += addend / 32 + addend % 32
            factor = factor == 1 ? 2 : 1
        }
        return UInt8((32 - sum % 32) % 32)
    }
}

/// Base32 with the RFC 4648 alphabet, without padding.
enum Base32 {
    /// `A`–`Z` then `2`–`7`.
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Characters that encode `byteCount` bytes, without padding.
    static func encodedLength(of byteCount: Int) -> Int {
        (byteCount * 8 + 4) / 5
    }

    /// `bytes` in base32, as ASCII bytes, most significant bit first, no padding.
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(encodedLength(of: bytes.count))
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[(buffer >> bits) & 31])
            }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 {
            out.append(alphabet[(buffer << (5 - bits)) & 31])
        }
        return out
    }

    /// The bytes encoded by alphabet indexes, or `nil` if the count is wrong or the padding bits of
    /// the last character are not zero (so each byte string has exactly one encoding).
    static func decode(values: [UInt8], byteCount: Int) -> [UInt8]? {
        guard values.count == encodedLength(of: byteCount) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(byteCount)
        var buffer = 0
        var bits = 0
        for value in values {
            buffer = buffer << 5 | Int(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> bits))
                buffer &= (1 << bits) - 1
            }
        }
        guard buffer == 0 else { return nil }
        return out
    }

    /// The alphabet index of an ASCII alphabet character.
    static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): character - UInt8(ascii: "2") + 26
        default: nil
        }
    }

    /// The alphabet index of a character a person typed: any case, and `0`, `1`, `8` read as the
    /// letters `O`, `I`, `B` they are mistaken for.
    static func value(ofTyped scalar: Unicode.Scalar) -> UInt8? {
        guard scalar.isASCII else { return nil }
        var character = UInt8(scalar.value)
        switch character {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character -= 32
        case UInt8(ascii: "0"): character = UInt8(ascii: "O")
        case UInt8(ascii: "1"): character = UInt8(ascii: "I")
        case UInt8(ascii: "8"): character = UInt8(ascii: "B")
        default: break
        }
        return value(of: character)
    }
}
