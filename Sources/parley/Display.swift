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
        guard wanted.count >= 4, wanted.allSatisfy(\.isHexDigit) else {
            throw ValidationFailure("--exchange \(text): expected an exchange id (64 hex digits, or a unique prefix of at least 4)")
        }
        let matches = held.filter { $0.hex.hasPrefix(wanted) }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw ValidationFailure("no exchange in replica \(path) has an id starting with \(wanted)")
        default: throw ValidationFailure("\(matches.count) exchanges have an id starting with \(wanted); give more digits")
        }
    }

    /// The exchanges `text` names: that one, or every exchange in the replica when `text` is `nil`.
    func exchanges(named text: String?) throws -> [ExchangeID] {
        guard let text else { return try exchanges() }
        return [try exchange(named: text)]
    }
}
