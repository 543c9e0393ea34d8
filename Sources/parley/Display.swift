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

    /// The exchange among `held` that `text` (8 or more hex digits) names, or why none or several.
    ///
    /// - Parameters:
    ///   - text: What was typed.
    ///   - held: The exchanges the replica holds.
    ///   - path: The replica, for the message.
    ///   - hint: Added to the message when nothing matches.
    static func exchange(_ text: String, among held: [ExchangeID], in path: String, hint: String) throws -> ExchangeID {
        let prefix = try IDPrefix(text, kind: "exchange")
        guard held.contains(where: { prefix.matches($0.hex) }) else {
            throw ValidationFailure("no exchange in replica \(path) matches \(prefix)\(hint)")
        }
        return try prefix.resolve(among: held, id: \.hex)
    }
}

extension Replica {
    /// The exchange that `text` names: its full id, or a prefix of at least 8 hex digits that only
    /// one exchange in the replica has (``IDPrefix``).
    ///
    /// - Throws: A one-line failure when no exchange, or more than one, matches.
    func exchange(named text: String) throws -> ExchangeID {
        let held = try exchanges()
        if let id = ExchangeID(hex: text.lowercased()) {
            guard held.contains(id) else { throw ValidationFailure("exchange \(id) is not in replica \(path)") }
            return id
        }
        return try Display.exchange(text, among: held, in: path, hint: "")
    }

    /// The exchanges `text` names: that one, or every exchange in the replica when `text` is `nil`.
    func exchanges(named text: String?) throws -> [ExchangeID] {
        guard let text else { return try exchanges() }
        return [try exchange(named: text)]
    }
}
