import ParleyCrypto
import ParleyParty
import ParleyStore

/// The home the options chose: the command line's handle on a ``PartyHome`` (which makes, finds
/// and opens the key, the replica and `party.json`, and says in one line what is missing).
struct Home {
    /// The folder.
    let path: String

    /// The library's home.
    var party: PartyHome { PartyHome(path: path) }

    /// The party's private key, PKCS#8 PEM, mode 0600.
    var keyPath: String { party.keyPath }
    /// The party's replica.
    var replicaPath: String { party.replicaPath }

    /// The party's signing key.
    func signingKey() throws -> SigningKey { try party.signingKey() }

    /// Opens the party's replica, which must exist.
    func openReplica(readOnly: Bool) throws -> Replica { try party.openReplica(readOnly: readOnly) }

    /// Opens the party at work in this home.
    func party(signing: Bool) throws -> Party { try Party.open(home: party, signing: signing, progress: Terminal.progress) }

    /// The party's display name from `party.json`, if it has one.
    func partyName() -> String? { party.partyName() }
}
