/// What a sender's and a recipient's HPKE contexts share: the key schedule's output, the suite
/// and the sequence number of the next message (RFC 9180 section 5.2).
package struct HPKEContext: Sendable {
    /// The cipher suite.
    package let suite: HPKESuite
    /// The key schedule's output.
    package let schedule: HPKEKeySchedule
    /// The number of the next message to seal or open, from 0.
    package private(set) var sequenceNumber: UInt64 = 0

    /// A context at sequence number 0.
    init(suite: HPKESuite, schedule: HPKEKeySchedule) {
        self.suite = suite
        self.schedule = schedule
    }

    /// `ComputeNonce(seq) = base_nonce XOR I2OSP(seq, Nn)` for the current sequence number.
    ///
    /// - Throws: ``CryptoError/Code/messageLimitReached`` once the sequence number cannot grow
    ///   (2^64 − 1 messages, well under RFC 9180's limit of 2^96 − 1).
    package func nonce() throws -> [UInt8] {
        guard sequenceNumber < UInt64.max else {
            throw CryptoError(
                code: .messageLimitReached,
                message: "this HPKE context has used all its nonces; set up a new one"
            )
        }
        var nonce = schedule.baseNonce
        var seq = sequenceNumber
        var index = nonce.count - 1
        while seq > 0 {
            nonce[index] ^= UInt8(seq & 0xff)
            seq >>= 8
            index -= 1
        }
        return nonce
    }

    /// `IncrementSeq()`, after a message was sealed or opened.
    mutating func advance() {
        sequenceNumber += 1
    }

    /// `Context.Export(exporter_context, L) = LabeledExpand(exporter_secret, "sec", exporter_context, L)`.
    ///
    /// - Throws: ``CryptoError/Code/invalidParameter`` for a length outside 1…8160 or an
    ///   `exporterContext` longer than about 1000 bytes.
    func export(context exporterContext: [UInt8], length: Int) throws -> [UInt8] {
        try suite.kdf.expand(
            pseudorandomKey: schedule.exporterSecret, label: "sec", info: exporterContext, length: length
        )
    }
}
