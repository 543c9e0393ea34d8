public import ParleyCrypto

/// A party to an exchange as the genesis names it: its public key, role, side and display name.
///
/// JSON form: `{"key": <64 hex digits: the raw 32-byte Ed25519 public key>, "role": …, "side": …,
/// "name": …}`. The key id (SHA-256 of the raw key) is derived, never written.
public struct Participant: Sendable, Hashable, Codable {
    /// The party's identity key.
    public var publicKey: PublicKey
    /// What the party does.
    public var role: Role
    /// Which side it is on: `neutral` exactly when it is a mediator.
    public var side: Side
    /// A display name, e.g. "Side A headquarters".
    public var name: String

    /// Describes a participant.
    public init(publicKey: PublicKey, role: Role, side: Side, name: String) {
        self.publicKey = publicKey
        self.role = role
        self.side = side
        self.name = name
    }

    /// The key id that envelopes name as their author.
    public var keyID: KeyID { publicKey.keyID }

    /// Whether the participant may put to and remove from its own list of `kind`: headquarters
    /// and ombudsmen write their side's `request` and `release` lists, mediators the `registry`.
    public func mayWrite(_ kind: ListKind) -> Bool {
        switch role {
        case .headquarters, .ombudsman: kind == .request || kind == .release
        case .mediator: kind == .registry
        }
    }

    /// Whether the participant's role allows it to author `operation` at all (rule 5 of
    /// ``Verifier``). This is the stateless part of the rights, which a server can check on an
    /// envelope alone; rules that depend on the state (who opened a dispute, which manifests were
    /// proposed) are the fold's, which records such envelopes as ignored.
    ///
    /// Sides write their own lists (``mayWrite(_:)``); only a mediator attests, confirms, sets
    /// terms and proposes a manifest; anyone decides matches by hand, opens, comments on and closes
    /// disputes, signs manifests, and rotates, names the recovery key of and revokes its own key.
    public func mayAuthor(_ operation: Operation) -> Bool {
        switch operation {
        case .createExchange, .assertMatch, .rejectMatch, .openDispute, .commentDispute, .closeDispute, .signManifest,
             .rotateKey, .nameRecoveryKey, .revokeKey, .announceEncryptionKey, .shareContentKey, .eraseExchange:
            true
        case let .putEntry(put):
            mayWrite(put.list)
        case let .removeEntry(remove):
            mayWrite(remove.list)
        case .attest, .confirm, .setTerms, .proposeManifest:
            role == .mediator
        }
    }

    /// The list this participant writes when it writes one of `kind`: its own side's.
    public func list(_ kind: ListKind) -> ListKey {
        ListKey(side: side, kind: kind)
    }

    /// Decodes the JSON form strictly.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeBridged(from: decoder)
    }

    /// Encodes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try encodeBridged(to: encoder)
    }
}

extension Participant: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "participant", members: ["key", "role", "side", "name"])
        guard let raw = Hex.decode(try reader.string("key"), count: 32),
              let key = try? PublicKey(rawRepresentation: raw)
        else { throw .malformed("participant member `key` must be a raw Ed25519 public key in hex") }
        self.init(
            publicKey: key,
            role: try reader.enumeration("role", as: Role.self),
            side: try reader.enumeration("side", as: Side.self),
            name: try reader.string("name")
        )
        if let problem = problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        [
            "key": .string(Hex.encode(publicKey.rawRepresentation)),
            "role": .string(role.rawValue),
            "side": .string(side.rawValue),
            "name": .string(name),
        ]
    }

    /// What is wrong with this participant, if anything.
    var problem: String? {
        (role == .mediator) == (side == .neutral) ? nil : "a participant is on side `neutral` exactly when it is a mediator"
    }
}
