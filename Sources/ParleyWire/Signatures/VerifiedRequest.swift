public import ParleyCrypto

/// Who signed a request, and the values a ``ReplayGuard`` needs.
public struct VerifiedRequest: Hashable, Sendable {
    /// The signer's key id.
    public let keyID: KeyID
    /// The signature's `nonce`.
    public let nonce: String
    /// The signature's `created`, in seconds since 1970.
    public let created: Int64

    /// Names a verified request.
    public init(keyID: KeyID, nonce: String, created: Int64) {
        self.keyID = keyID
        self.nonce = nonce
        self.created = created
    }
}
