/// A sender's HPKE context (RFC 9180 section 5.2): seals messages in order to one recipient, and
/// exports secrets the recipient can export too. Made by ``HPKE/setupBaseS(to:info:suite:)``.
///
/// Sealing advances the sequence number; the recipient must open the messages in the same order.
public struct HPKESender: Sendable {
    /// The shared state.
    package private(set) var context: HPKEContext

    init(context: HPKEContext) {
        self.context = context
    }

    /// `ContextS.Seal(aad, pt)`: seals `plaintext` as the next message.
    ///
    /// - Parameters:
    ///   - plaintext: The bytes to hide.
    ///   - associatedData: Bytes the recipient must give unchanged to open it.
    /// - Returns: The ciphertext followed by the 16-byte tag.
    /// - Throws: ``CryptoError/Code/messageLimitReached`` when the context has no nonces left.
    public mutating func seal(_ plaintext: [UInt8], associatedData: [UInt8] = []) throws -> [UInt8] {
        let sealed = try context.schedule.key.seal(plaintext, nonce: context.nonce(), associatedData: associatedData)
        context.advance()
        return sealed
    }

    /// `Context.Export(exporter_context, L)`: a secret of `length` bytes bound to `exporterContext`,
    /// the same as the recipient's.
    ///
    /// - Throws: ``CryptoError/Code/invalidParameter`` for a length outside 1…8160.
    public func export(context exporterContext: [UInt8], length: Int) throws -> [UInt8] {
        try context.export(context: exporterContext, length: length)
    }
}
