import ParleyCrypto

extension ChainKeys {
    /// Where the keys of one author's chain are known: at `seq` (0 before the chain), with the
    /// keys in force for the link after it.
    struct Start {
        /// The last known seq (0: none).
        var seq: Int
        /// The keys that sign seq + 1 (and, for an extension, any link at a seq already covered).
        var keys: ChainKeys
    }

    /// The keys each candidate link must be accepted by, found along the `prev` links alone
    /// (before any signature is checked, so that the signatures can then be checked on every core):
    /// a link at or below its author's start seq + 1 is checked with the start keys; a later one
    /// with the keys after the candidate at seq − 1 whose id its `prev` names, if there is one. A
    /// link whose `prev` names no candidate gets no keys: rule 4 refuses it whatever its signature.
    ///
    /// - Parameters:
    ///   - candidates: The envelopes that passed rules 1–2, by id (one copy each).
    ///   - start: Each author's start.
    /// - Returns: The keys per candidate id, for those that have some.
    static func expected(
        for candidates: [EnvelopeID: Envelope], start: (KeyID) -> Start?
    ) -> [EnvelopeID: ChainKeys] {
        var byAuthor: [KeyID: [(id: EnvelopeID, envelope: Envelope)]] = [:]
        for (id, envelope) in candidates {
            byAuthor[envelope.author, default: []].append((id, envelope))
        }
        var expected: [EnvelopeID: ChainKeys] = [:]
        for (author, links) in byAuthor {
            guard let start = start(author) else { continue }
            var after: [EnvelopeID: (seq: Int, keys: ChainKeys)] = [:]
            for (id, envelope) in links.sorted(by: { $0.envelope.seq < $1.envelope.seq }) {
                let keys: ChainKeys?
                if envelope.seq <= start.seq + 1 {
                    keys = start.keys
                } else if let prev = envelope.prev, let known = after[prev], known.seq == envelope.seq - 1 {
                    keys = known.keys
                } else {
                    keys = nil
                }
                guard let keys else { continue }
                expected[id] = keys
                after[id] = (envelope.seq, keys.after(envelope))
            }
        }
        return expected
    }
}
