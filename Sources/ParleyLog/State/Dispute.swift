public import ParleyCrypto

/// A dispute as the state shows it: how it was opened, its comments and the closes that count.
public struct Dispute: Hashable, Sendable {
    /// The `dispute.open` (its envelope id is the dispute id).
    public let open: Authored<OpenDispute>
    /// The comments on it, by author key id then seq.
    public let comments: [Authored<CommentDispute>]
    /// The closes that count (by its opener or a mediator), by author key id then seq.
    public let closes: [Authored<CloseDispute>]

    /// The dispute id: the id of the envelope that opened it.
    public var id: EnvelopeID { open.envelope }

    /// Who opened it.
    public var opener: KeyID { open.author }

    /// The entries it is about.
    public var about: [EntryRef] { open.body.about }

    /// Whether no close counts yet.
    public var isOpen: Bool { closes.isEmpty }
}

/// An envelope that is valid in the log but, by a rule that depends on the state, has no effect.
public struct IgnoredOperation: Hashable, Sendable {
    /// Why an operation has no effect.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        /// A comment on or close of a dispute the state does not hold.
        case unknownDispute
        /// A close by someone who neither opened the dispute nor is a mediator.
        case notOpenerOrMediator
        /// A sign of a manifest hash that no mediator proposed.
        case unknownManifest
        /// A second sign of the same manifest by the same key (each key counts once).
        case duplicateSignature
        /// An operation its author signed after signing a manifest that every participant signed
        /// (``Finality``): it would change who crosses or what is said about them.
        case finalized
        /// An `exchange.erase` signed before the exchange was closed for its author, or while it
        /// is not closed (``ExchangeState/isClosed``).
        case notClosed
        /// A second `exchange.erase` by the same participant (each counts once).
        case duplicateErasure
    }

    /// The envelope.
    public let envelope: EnvelopeID
    /// Its author.
    public let author: KeyID
    /// Its operation.
    public let operation: Operation.Name
    /// Why it has no effect.
    public let reason: Reason
}
