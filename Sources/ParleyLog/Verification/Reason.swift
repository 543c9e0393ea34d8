/// Why an envelope is not accepted.
public enum Reason: Hashable, Sendable, CustomStringConvertible {
    /// The signature is not the author's over `parley/v1/envelope` ‖ 0x00 ‖ canonical bytes.
    case badSignature
    /// No author key is known yet: the exchange's genesis (which lists the participants' keys) is
    /// not among the envelopes, or its signature is bad.
    case unknownAuthor
    /// The genesis is known and the author is not one of its participants.
    case notAParticipant
    /// The author has no accepted envelope at `seq - 1` in the set.
    case seqGap
    /// `prev` is not the id of the author's accepted envelope at `seq - 1` (or is not `null` at seq 1).
    case prevMismatch
    /// The envelope belongs to another exchange (or is another exchange's genesis).
    case wrongExchange
    /// The bytes are not a well-formed signed envelope; the detail says which rule broke, never
    /// what the input held.
    case malformed(String)
    /// The author's role may not author the operation (``Participant/mayAuthor(_:)``): headquarters
    /// and ombudsmen write their side's `request` and `release` lists, mediators the `registry`
    /// list; only mediators attest, confirm, set terms and propose manifests.
    case roleNotAllowed
    /// The author already has a stored envelope at this `seq` (or the envelope continues such a
    /// branch, or a batch holds two envelopes at one `seq`): accepting it would fork the chain.
    /// Only ``ChainExtension`` gives this reason; ``Verifier``, which sees both branches, reports an
    /// ``Equivocation`` instead.
    case equivocation

    /// The reason's name, with the detail for `malformed`.
    public var description: String {
        switch self {
        case .badSignature: "badSignature"
        case .unknownAuthor: "unknownAuthor"
        case .notAParticipant: "notAParticipant"
        case .seqGap: "seqGap"
        case .prevMismatch: "prevMismatch"
        case .wrongExchange: "wrongExchange"
        case let .malformed(detail): "malformed(\(detail))"
        case .roleNotAllowed: "roleNotAllowed"
        case .equivocation: "equivocation"
        }
    }
}
