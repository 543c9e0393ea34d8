/// The sync protocol's client side: the sync client (over AsyncHTTPClient, into the party's commit
/// path), checkpoint gossip against the replica's ledger, and bundle import. The messages, request
/// signatures and the bundle format it speaks are `ParleyWire`'s.
///
/// See `protocol/PROTOCOL.md` for the wire format.
public enum ParleySync {}
