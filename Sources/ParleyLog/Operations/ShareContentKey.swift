public import ParleyCrypto

/// The body of `content.share`: an author shares its content key for the exchange with
/// participants, each share sealed by HPKE to the recipient's announced encryption key
/// (PROTOCOL.md §5.18).
///
/// JSON form: `{"shares": [{"to": <participant id>, "key": <key id of the recipient's encryption
/// key>, "share": <unpadded base64url of the 82-byte ``ContentKeyShare``>}, …]}`, 1 to
/// ``maximumShareCount`` shares, each participant at most once. The share's HPKE info binds the
/// exchange and the author (the envelope's), so it cannot be replayed as another author's key or
/// in another exchange; naming the recipient's key id says which of its announced keys opens it.
/// The content key itself never appears in clear.
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

    /// The shares.
    public var shares: [Share]

    /// Shares a content key with the recipients of `shares`.
    public init(shares: [Share]) {
        self.shares = shares
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
        let reader = try JSONObjectReader(json, context: "content.share body", members: ["shares"])
        var shares: [Share] = []
        for value in try reader.array("shares").prefix(Self.maximumShareCount + 1) {
            let share = try JSONObjectReader(value, context: "content.share share", members: ["to", "key", "share"])
            guard let bytes = Base64URL.decode(try share.string("share")), let sealed = try? ContentKeyShare(bytes: bytes) else {
                throw .malformed("content.share member `share` must be \(ContentKeyShare.byteCount) bytes in unpadded base64url")
            }
            shares.append(Share(to: try share.keyID("to"), key: try share.keyID("key"), share: sealed))
        }
        self.init(shares: shares)
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        [
            "shares": .array(shares.map { share in
                ["to": .string(share.to.hex), "key": .string(share.key.hex), "share": .string(Base64URL.encode(share.share.bytes))]
            }),
        ]
    }
}
