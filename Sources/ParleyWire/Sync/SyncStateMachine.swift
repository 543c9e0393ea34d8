public import ParleyLog

/// One sync of one exchange as a pure state machine: the driver (`ParleySync`'s `Synchronizer`)
/// feeds it what happened (``Event``) and does what it answers (``Action``), so the order of a
/// sync — pull, register the exchange if the server lacks it, ingest, push in batches, gossip —
/// is decided here, without I/O, and tested with tables of events (as swift-nio tests its state
/// machines).
public struct SyncStateMachine: Sendable {
    /// What happened.
    public enum Event: Sendable {
        /// The sync starts; `holdsExchange` when the replica holds the exchange (so it can
        /// register it on a server that lacks it).
        case start(holdsExchange: Bool)
        /// A pull's header arrived (its envelopes with it).
        case pulled(PullHeader)
        /// The server answered the pull `unknown_exchange`.
        case unknownExchange
        /// The exchange was registered (`created` when the server did not hold it).
        case registered(created: Bool)
        /// The pull was checked and ingested; `missing` is what the server lacks (forked chains
        /// left out); `checkpoint` the size of the checkpoint accepted.
        case ingested(missing: [SignedEnvelope], checkpoint: Int)
        /// A push was answered: envelopes newly stored, the size of its checkpoint accepted.
        case pushed(accepted: Int, checkpoint: Int)
        /// Checkpoint gossip is done.
        case gossiped
    }

    /// What to do next.
    public enum Action: Hashable, Sendable {
        /// Pull what the replica lacks; answer ``Event/pulled(_:)`` or ``Event/unknownExchange``.
        case pull
        /// Register the exchange's genesis; answer ``Event/registered(created:)``.
        case register
        /// Accept the header's checkpoint and ingest the envelopes; answer ``Event/ingested(missing:checkpoint:)``.
        case ingest(PullHeader)
        /// Push one batch, asking for a proof from `checkpoint`; answer ``Event/pushed(accepted:checkpoint:)``.
        case push([SignedEnvelope], checkpoint: Int)
        /// Run checkpoint gossip; answer ``Event/gossiped``.
        case gossip
        /// The sync is done.
        case finish(registered: Bool, pushed: Int)
        /// Report the server's refusal of the pull: the exchange is unknown there and this
        /// party cannot (or already did) register it.
        case reportUnknownExchange
    }

    private enum State: Sendable {
        case idle
        case pulling
        case registering
        case ingesting
        case pushing(pending: ArraySlice<[SignedEnvelope]>)
        case gossiping
        case done
    }

    private let limits: ServerInfo.Limits
    private var state = State.idle
    private var holdsExchange = false
    private var registered = false
    private var triedRegistering = false
    private var pushed = 0

    /// A machine for a server with these limits (pushes are split to fit them).
    public init(limits: ServerInfo.Limits) {
        self.limits = limits
    }

    /// The next action after `event`.
    ///
    /// - Precondition: `event` is one the last action asked for (the driver's contract).
    public mutating func handle(_ event: Event) -> Action {
        switch (state, event) {
        case let (.idle, .start(holds)):
            holdsExchange = holds
            state = .pulling
            return .pull
        case let (.pulling, .pulled(header)):
            state = .ingesting
            return .ingest(header)
        case (.pulling, .unknownExchange):
            guard holdsExchange, !triedRegistering else {
                state = .done
                return .reportUnknownExchange
            }
            triedRegistering = true
            state = .registering
            return .register
        case let (.registering, .registered(created)):
            registered = created
            state = .pulling
            return .pull
        case let (.ingesting, .ingested(missing, checkpoint)):
            return push(Self.batches(missing, limits: limits)[...], checkpoint: checkpoint)
        case let (.pushing(pending), .pushed(accepted, checkpoint)):
            pushed += accepted
            return push(pending, checkpoint: checkpoint)
        case (.gossiping, .gossiped):
            state = .done
            return .finish(registered: registered, pushed: pushed)
        default:
            preconditionFailure("sync state machine: \(event) does not answer the last action (state \(state))")
        }
    }

    private mutating func push(_ batches: ArraySlice<[SignedEnvelope]>, checkpoint: Int) -> Action {
        guard let next = batches.first else {
            state = .gossiping
            return .gossip
        }
        state = .pushing(pending: batches.dropFirst())
        return .push(next, checkpoint: checkpoint)
    }

    /// Splits envelopes into pushes within the server's limits on count and body size (at most
    /// 2,000 per push, so that an interrupted sync loses little).
    public static func batches(_ envelopes: [SignedEnvelope], limits: ServerInfo.Limits) -> [[SignedEnvelope]] {
        let maxCount = max(1, min(2_000, limits.maxBatch))
        var batches: [[SignedEnvelope]] = []
        var current: [SignedEnvelope] = []
        var bytes = 0
        for envelope in envelopes {
            let size = envelope.wireBytes.count + 1
            if !current.isEmpty, current.count == maxCount || bytes + size > limits.maxBodyBytes {
                batches.append(current)
                current = []
                bytes = 0
            }
            current.append(envelope)
            bytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
