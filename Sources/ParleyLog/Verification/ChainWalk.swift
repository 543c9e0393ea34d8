import ParleyCrypto

/// One author's accepted links (rule 4) walked from seq 1: the path the fold takes, the forks
/// that stop it, and the links a `key.revoke` sets aside.
///
/// At each seq the walk takes the one accepted link whose `prev` is the path's last link. Two or
/// more there fork the chain, and the path stops before them, unless exactly one of them is a
/// `key.revoke` (signed by the recovery key): the recovery wins the race, and the other links at
/// that seq, with every link after them, are set aside. A `key.revoke` on the path whose `from`
/// is below its own seq sets aside the path's links at seq `from` up to it. Set-aside links are
/// kept (evidence), not folded; they are not equivocations.
struct ChainWalk {
    /// The links the fold takes, by seq from 1 (set-aside ones included; the fold skips them).
    private(set) var path: [SignedEnvelope] = []
    /// The forks that were not resolved by a recovery: seq and every accepted link there, by seq.
    private(set) var forks: [(seq: Int, links: [SignedEnvelope])] = []
    /// The links set aside by a `key.revoke`, by seq.
    private(set) var setAside: [SignedEnvelope] = []

    /// Walks `chain`, the accepted links by seq.
    init(_ chain: [Int: [SignedEnvelope]]) {
        var losers: Set<EnvelopeID> = []
        var seq = 1
        while let here = chain[seq] {
            let live = here.filter { seq == 1 || $0.envelope.prev == path.last?.id }
            if live.count == 1 {
                path.append(live[0])
            } else {
                let revokes = live.filter(\.isRevocation)
                guard revokes.count == 1 else { break }
                path.append(revokes[0])
                losers.formUnion(live.lazy.filter { $0.id != revokes[0].id }.map(\.id))
            }
            seq += 1
        }
        // Everything that descends from a link that lost a race to a recovery.
        var lost = losers
        var aside: [SignedEnvelope] = []
        for seq in chain.keys.sorted() {
            for link in chain[seq] ?? [] where lost.contains(link.id) || link.envelope.prev.map(lost.contains) == true {
                lost.insert(link.id)
                aside.append(link)
            }
        }
        // What a revocation sets aside on the path itself.
        var onPath: Set<EnvelopeID> = []
        for link in path {
            guard case let .revokeKey(revoke) = link.envelope.operation, revoke.from < link.envelope.seq else { continue }
            for earlier in path where (revoke.from..<link.envelope.seq).contains(earlier.envelope.seq) {
                onPath.insert(earlier.id)
            }
        }
        setAside = (aside + path.filter { onPath.contains($0.id) }).sorted { $0.envelope.seq < $1.envelope.seq }
        for seq in chain.keys.sorted() {
            let links = (chain[seq] ?? []).filter { !lost.contains($0.id) }
            if links.count > 1 { forks.append((seq, links)) }
        }
    }
}

extension SignedEnvelope {
    /// Whether this is a `key.revoke`.
    var isRevocation: Bool {
        if case .revokeKey = envelope.operation { true } else { false }
    }
}
