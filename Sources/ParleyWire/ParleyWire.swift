/// The wire protocol both sides speak: the messages of sync over HTTP, request signatures
/// (RFC 9421 with RFC 9530 digests, over RFC 8941 structured fields), the bundle format and the
/// checkpoint gossip messages. It does no I/O and depends on no HTTP client, server or database,
/// so the server and the client each import it without the other's dependencies.
///
/// See `protocol/PROTOCOL.md` for the wire format.
public enum ParleyWire {}
