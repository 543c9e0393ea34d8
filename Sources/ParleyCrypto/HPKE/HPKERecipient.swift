/// A recipient's HPKE context (RFC 9180 section 5.2): opens the sender's messages in order, and
/// exports the secrets the sender exports. Made by ``HPKE/setupBaseR(encapsulatedKey:key:info:suite:)``.
public struct HPKERecipient: Sendable {
    /// The shared state.
    package private(set) var context: HPKEContext

    init(context: HPKEContext) {
        self.context = context
    }

    /// `ContextR.Open(aad, ct)`: opens the next message.
    ///
    /// A message that does not open leaves the sequence number where it was.
    ///
    /// - Parameters:
    ///   - ciphertext: The ciphertext followed by its 16-byte tag.
    ///   - associatedData: The associated data it was sealed with.
    /// - Returns: The plaintext.
    /// - Throws: ``CryptoError/Code/authenticationFailed`` if it was altered, sealed under another
    ///   context or out of order; ``CryptoError/Code/malformedCiphertext`` if shorter than a tag;
    ///   ``CryptoError/Code/messageLimitReached`` when the context has no nonces left.
    public mutating func open(_ ciphertext: [UInt8], associatedData: [UInt8] = []) throws -> [UInt8] {
        let plaintext = try context.schedule.key.open(ciphertext, nonce: context.nonce(), associatedData: associatedData)
        context.advance()
        return plaintext
    }

    /// `Context.Export(exporter_context, L)`: a secret of `length` bytes bound to `exporterContext`,
    /// the same as the sender's.
    ///
    /// - Throws: ``CryptoError/Code/invalidParameter`` for a length outside 1…8160.
    public func export(context exporterContext: [UInt8], length: Int) throws -> [UInt8] {
        try context.export(context: exporterContext, length: length)
    }
}
