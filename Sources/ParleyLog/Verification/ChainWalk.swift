import ParleyCrypto

/// One author's accepted links (rule 4) walked from seq 1: the path the fold takes, the forks
/// that stop it, and the links a `key.revoke` sets aside.
///
/// At each seq the walk takes the one accepted link whose `prev` is the path's last link. Two or
/// more there fork the chain, and the path stops before them, unless exactly one of them is a
/// `key.revoke` (signed by the recovery key): the recovery wins the race, and the other links at
/// that seq, with every link after them, are set aside. A `key.revoke` on the path whose `from`
/// is below its own seq sets aside the path's links at seq `from` up to it, but never one at or
/// below the chain's *finality floor* (``revoked(above:)``). Set-aside links are kept (evidence),
/// not folded; they are not equivocations.
struct ChainWalk {
    /// The links the fold takes, by seq from 1 (set-aside ones included; the fold skips them).
    private(set) var path: [SignedEnvelope] = []
    /// The forks that were not resolved by a recovery: seq and every accepted link there, by seq.
    private(set) var forks: [(seq: Int, links: [SignedEnvelope])] = []
    /// The links that lost a race to a `key.revoke`, and every link after them, by seq.
    private(set) var raced: [SignedEnvelope] = []

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
        raced = aside
        for seq in chain.keys.sorted() {
            let links = (chain[seq] ?? []).filter { !lost.contains($0.id) }
            if links.count > 1 { forks.append((seq, links)) }
        }
    }
}

extension ChainWalk {
    /// The links on the path that a `key.revoke` sets aside: for each revocation on the path, the
    /// links from its revocation point up to it, where the point is its `from` raised above
    /// `floor` (PROTOCOL.md §5.16: a revocation does not undo what a final manifest rests on).
    ///
    /// - Parameter floor: The highest seq of this chain that finality rests on (``ExchangeState/finalityFloor(of:)``),
    ///   or `0` when none.
    /// - Returns: The links set aside, by seq.
    func revoked(above floor: Int) -> [SignedEnvelope] {
        var onPath: Set<EnvelopeID> = []
        for link in path {
            guard case let .revokeKey(revoke) = link.envelope.operation else { continue }
            // A revocation at or below the floor sets nothing aside: finality rests on all of it.
            let point = Swift.max(revoke.from, floor + 1)
            guard point < link.envelope.seq else { continue }
            for earlier in path where (point..<link.envelope.seq).contains(earlier.envelope.seq) {
                onPath.insert(earlier.id)
            }
        }
        return path.filter { onPath.contains($0.id) }
    }

    /// Every link set aside, by seq: those that lost a race, and those ``revoked(above:)`` names.
    func setAside(above floor: Int) -> [SignedEnvelope] {
        (raced + revoked(above: floor)).sorted { $0.envelope.seq < $1.envelope.seq }
    }
}

extension SignedEnvelope {
    /// Whether this is a `key.revoke`.
    var isRevocation: Bool {
        if case .revokeKey = envelope.operation { true } else { false }
    }
}
