public import ParleyCrypto

/// A phase sealed by a final manifest (PROTOCOL.md §7.1): the phase and the entries of its people
/// as the manifest's first proposal names them, and each participant's cutoff (the seq of its
/// counted sign of that manifest).
///
/// After its author's cutoff, an envelope is set aside when it would touch the phase: it writes or
/// removes one of its entries, decides a pair with one of them, opens a dispute about one of them
/// (comments and closes of such a dispute likewise, when the state is read), attests one of
/// them, sets terms without this phase (same name, same counts), or proposes another manifest of
/// this phase. Everything else (people of other phases, later phases' manifests) stays open.
public struct FinalPhase: Hashable, Sendable {
    /// The final manifest's hash.
    public let manifest: String
    /// The phase it covers, with the entries of its people.
    public let phase: ProposedPhase
    /// Each participant's cutoff: the seq of its counted sign of the manifest.
    public let cutoffs: [KeyID: Int]

    /// Whether the envelope of `author` at `seq` carrying `operation` touches this sealed phase
    /// after the author's cutoff.
    func setsAside(_ operation: Operation, by author: Participant, seq: Int, finalManifests: [String]) -> Bool {
        guard let cutoff = cutoffs[author.keyID], seq > cutoff else { return false }
        let entries = phase.entries
        switch operation {
        case let .putEntry(put):
            return entries.contains(EntryRef(list: author.list(put.list), author: author.keyID, entry: put.entry))
        case let .removeEntry(remove):
            return entries.contains(EntryRef(list: author.list(remove.list), author: author.keyID, entry: remove.entry))
        case let .assertMatch(pair), let .rejectMatch(pair):
            return entries.contains(pair.request) || entries.contains(pair.release)
        case let .openDispute(open):
            return open.about.contains(where: entries.contains)
        case let .attest(attest):
            return entries.contains(attest.entry)
        case let .setTerms(terms):
            return !terms.phases.contains(phase.phase)
        case let .proposeManifest(propose):
            return propose.phase?.phase.name == phase.phase.name && !finalManifests.contains(propose.manifest)
        default:
            // Comments and closes: by the dispute's `about`, when the state is read. Signatures,
            // confirmations, key operations: nothing a sealed phase says.
            return false
        }
    }
}
