public import ParleyCrypto

/// The body of `content.share`: an author shares its content key for the exchange with
/// participants, each share sealed by HPKE to the recipient's announced encryption key
/// (PROTOCOL.md §5.18); or, as a **relay**, passes on another author's content key that it holds
/// to participants who lack it.
///
/// JSON form: `{"shares": [{"to": <participant id>, "key": <key id of the recipient's encryption
/// key>, "share": <unpadded base64url of the 82-byte ``ContentKeyShare``>}, …]}`, 1 to
/// ``maximumShareCount`` shares, each participant at most once; a relay adds
/// `"relays": {"author": <the content key's author>, "envelope": <id of that author's
/// content.share that carried the key>}`. The share's HPKE info binds the exchange and the
/// content key's author (the envelope's, or the relayed author), so it cannot be replayed as
/// another author's key or in another exchange; naming the recipient's key id says which of its
/// announced keys opens it. The content key itself never appears in clear.
public struct ShareContentKey: Sendable, Hashable {
    /// The most shares one `content.share` carries.
    public static let maximumShareCount = 1_024

    /// One recipient's share.
    public struct Share: Sendable, Hashable {
        /// The recipient participant's id.
        public var to: KeyID
        /// The id of the encryption key the share is sealed to (the recipient's `key.encryption`).
        public var key: KeyID
        /// The sealed content key.
        public var share: ContentKeyShare

        /// One share.
        public init(to: KeyID, key: KeyID, share: ContentKeyShare) {
            self.to = to
            self.key = key
            self.share = share
        }

        /// Its recipient.
        public var recipient: Recipient { Recipient(to: to, key: key) }
    }

    /// Whom a share is for: a participant, at one of its encryption keys.
    public struct Recipient: Sendable, Hashable {
        /// The participant's id.
        public var to: KeyID
        /// The encryption key's id.
        public var key: KeyID

        /// Names a recipient.
        public init(to: KeyID, key: KeyID) {
            self.to = to
            self.key = key
        }
    }

    /// Whose content key a relay passes on, and which of that author's `content.share`
    /// envelopes carried it (each carries one content key): the name by which every party can
    /// tell, without opening anything, who has been given that key.
    public struct Relayed: Sendable, Hashable {
        /// The content key's author.
        public var author: KeyID
        /// The author's `content.share` that carried the key.
        public var envelope: EnvelopeID

        /// Names a relayed key.
        public init(author: KeyID, envelope: EnvelopeID) {
            self.author = author
            self.envelope = envelope
        }
    }

    /// The shares.
    public var shares: [Share]
    /// On a relay, the key passed on; `nil` when the author shares its own content key.
    public var relays: Relayed?

    /// Shares a content key with the recipients of `shares`: the author's own, or the one
    /// `relays` names.
    public init(shares: [Share], relays: Relayed? = nil) {
        self.shares = shares
        self.relays = relays
    }

    /// The author whose content key the shares carry, in an envelope signed by `signer`: the
    /// one the HPKE info of each share binds.
    public func keyAuthor(signedBy signer: KeyID) -> KeyID {
        relays?.author ?? signer
    }

    /// What is wrong with this body, if anything.
    var problem: String? {
        if shares.isEmpty { return "content.share needs at least one share" }
        if shares.count > Self.maximumShareCount { return "content.share carries at most \(Self.maximumShareCount) shares" }
        if Set(shares.map(\.to)).count != shares.count { return "content.share names a recipient twice" }
        return nil
    }
}

extension ShareContentKey: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "content.share body", members: ["shares"], optional: ["relays"])
        var relays: Relayed?
        if reader.has("relays") {
            let relayed = try JSONObjectReader(reader.value("relays"), context: "content.share relays", members: ["author", "envelope"])
            relays = Relayed(author: try relayed.keyID("author"), envelope: try relayed.envelopeID("envelope"))
        }
        var shares: [Share] = []
        for value in try reader.array("shares").prefix(Self.maximumShareCount + 1) {
            let share = try JSONObjectReader(value, context: "content.share share", members: ["to", "key", "share"])
            guard let bytes = Base64URL.decode(try share.string("share")), let sealed = try? ContentKeyShare(bytes: bytes) else {
                throw .malformed("content.share member `share` must be \(ContentKeyShare.byteCount) bytes in unpadded base64url")
            }
            shares.append(Share(to: try share.keyID("to"), key: try share.keyID("key"), share: sealed))
        }
        self.init(shares: shares, relays: relays)
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        var members: [String: JSONValue] = [
            "shares": .array(shares.map { share in
                ["to": .string(share.to.hex), "key": .string(share.key.hex), "share": .string(Base64URL.encode(share.share.bytes))]
            }),
        ]
        if let relays {
            members["relays"] = ["author": .string(relays.author.hex), "envelope": .string(relays.envelope.hex)]
        }
        return .object(members)
    }
}
