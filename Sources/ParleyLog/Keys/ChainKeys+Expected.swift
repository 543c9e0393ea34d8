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
    ///   - candidates: The envelopes that passed rules 1–2, one copy of each id.
    ///   - start: Each author's start.
    /// - Returns: The keys per candidate id, for those that have some.
    static func expected(
        for candidates: [SignedEnvelope], start: (KeyID) -> Start?
    ) -> [EnvelopeID: ChainKeys] {
        // Positions, not envelopes, are grouped and sorted: a batch holds up to a whole log.
        var byAuthor: [KeyID: [Int]] = [:]
        for (index, candidate) in candidates.enumerated() {
            byAuthor[candidate.envelope.author, default: []].append(index)
        }
        var expected: [EnvelopeID: ChainKeys] = [:]
        expected.reserveCapacity(candidates.count)
        for (author, indices) in byAuthor {
            guard let start = start(author) else { continue }
            var after: [EnvelopeID: (seq: Int, keys: ChainKeys)] = [:]
            after.reserveCapacity(indices.count)
            for index in indices.sorted(by: { candidates[$0].envelope.seq < candidates[$1].envelope.seq }) {
                let candidate = candidates[index]
                let seq = candidate.envelope.seq
                let keys: ChainKeys?
                if seq <= start.seq + 1 {
                    keys = start.keys
                } else if let prev = candidate.envelope.prev, let known = after[prev], known.seq == seq - 1 {
                    keys = known.keys
                } else {
                    keys = nil
                }
                guard let keys else { continue }
                expected[candidate.id] = keys
                after[candidate.id] = (seq, keys.after(candidate.envelope))
            }
        }
        return expected
    }
}
