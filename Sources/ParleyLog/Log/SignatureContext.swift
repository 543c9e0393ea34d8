/// The context strings that open every signed message, so a signature made for one purpose never
/// verifies for another.
///
/// The signed message is the context's UTF-8 bytes, one `0x00` byte, then the payload (for an
/// envelope or a checkpoint, its canonical bytes). Ed25519 signs that message as is (pure Ed25519, RFC 8032, no
/// pre-hash and no Ed25519ctx context).
public enum SignatureContext: String, Sendable, Hashable, CaseIterable {
    /// Envelopes of the delta log.
    case envelope = "parley/v1/envelope"
    /// Manifests: the manifest hash is the SHA-256 of this context's message for the manifest's
    /// canonical bytes, so it can never be mistaken for an envelope id or a state hash.
    case manifest = "parley/v1/manifest"
    /// Checkpoints: a server's signed statement of an exchange log's size and Merkle root.
    case checkpoint = "parley/v1/checkpoint"
    /// Key handovers: a new identity key's countersignature of a `key.rotate` or `key.revoke`
    /// (``KeyStatement``).
    case key = "parley/v1/key"
    /// Server handovers: a server's old and new checkpoint keys both sign the move from one to
    /// the other (``ServerHandover``).
    case serverHandover = "parley/v1/server-handover"

    /// The bytes to sign or verify for `payload` under this context.
    ///
    /// - Parameter payload: E.g. an envelope's canonical bytes.
    /// - Returns: context ‖ 0x00 ‖ payload.
    public func message(for payload: [UInt8]) -> [UInt8] {
        Array(rawValue.utf8) + [0] + payload
    }
}
