import ParleyCrypto
import ParleyLog
import ParleyStore

/// How the command line writes ids for people to read.
enum Display {
    /// Hex digits in a short id.
    static let shortLength = 12

    /// A key id's first hex digits.
    static func short(_ id: KeyID) -> String { String(id.hex.prefix(shortLength)) }

    /// An envelope id's first hex digits.
    static func short(_ id: EnvelopeID) -> String { String(id.hex.prefix(shortLength)) }

    /// An exchange id's first hex digits.
    static func short(_ id: ExchangeID) -> String { String(id.hex.prefix(shortLength)) }

    /// A hash's first hex digits (a manifest's, a reconciliation's).
    static func short(_ hash: String) -> String { String(hash.prefix(shortLength)) }

    /// The one candidate whose hex id starts with what a person typed: at least 4 hex digits,
    /// in either case.
    ///
    /// - Parameters:
    ///   - text: What was typed.
    ///   - candidates: Where to look.
    ///   - id: A candidate's id in lowercase hex.
    ///   - malformed: The message when `text` is not 4 or more hex digits.
    ///   - none: The message when no id starts with the prefix (given, lowercased).
    ///   - several: The message when several do (given their count and the prefix).
    /// - Throws: A one-line failure with the matching message.
    static func unique<T>(
        _ text: String, among candidates: [T], id: (T) -> String,
        malformed: String, none: (String) -> String, several: (Int, String) -> String
    ) throws -> T {
        let wanted = text.lowercased()
        guard wanted.count >= 4, wanted.allSatisfy(\.isHexDigit) else { throw ValidationFailure(malformed) }
        let matches = candidates.filter { id($0).hasPrefix(wanted) }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw ValidationFailure(none(wanted))
        default: throw ValidationFailure(several(matches.count, wanted))
        }
    }
}

extension Replica {
    /// The exchange that `text` names: its full id, or a prefix of at least 4 hex digits that only
    /// one exchange in the replica has.
    ///
    /// - Throws: A one-line failure when no exchange, or more than one, matches.
    func exchange(named text: String) throws -> ExchangeID {
        let wanted = text.lowercased()
        let held = try exchanges()
        if let id = ExchangeID(hex: wanted) {
            guard held.contains(id) else { throw ValidationFailure("exchange \(id) is not in replica \(path)") }
            return id
        }
        return try Display.unique(
            text, among: held, id: \.hex,
            malformed: "--exchange \(text): expected an exchange id (64 hex digits, or a unique prefix of at least 4)",
            none: { "no exchange in replica \(path) has an id starting with \($0)" },
            several: { "\($0) exchanges have an id starting with \($1); give more digits" }
        )
    }

    /// The exchanges `text` names: that one, or every exchange in the replica when `text` is `nil`.
    func exchanges(named text: String?) throws -> [ExchangeID] {
        guard let text else { return try exchanges() }
        return [try exchange(named: text)]
    }
}
