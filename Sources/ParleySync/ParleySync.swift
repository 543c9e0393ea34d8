/// The sync protocol's client side: wire messages, HTTP request signing (RFC 9421), the sync
/// client and bundles.
///
/// See `protocol/PROTOCOL.md` for the wire format.
public enum ParleySync {}
