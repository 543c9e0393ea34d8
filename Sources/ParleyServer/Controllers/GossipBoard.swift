import ParleyCrypto
import ParleyLog

/// The checkpoints participants handed the server for the others (checkpoint gossip): per
/// exchange and participant, the largest one that participant handed over.
///
/// Kept in memory only: bounded by the participants of the exchanges held; after a restart the
/// board is empty until the parties sync again (each sync hands the latest checkpoint over).
/// Server processes that share one database each keep their own board.
public actor GossipBoard {
    private var slots: [ExchangeID: [KeyID: SignedCheckpoint]] = [:]

    /// An empty board.
    public init() {}

    /// Records what `participant` handed over: the largest of its checkpoints is kept (at equal
    /// sizes, the first one).
    func hand(_ checkpoints: [SignedCheckpoint], from participant: KeyID, in exchange: ExchangeID) {
        for checkpoint in checkpoints {
            if let held = slots[exchange]?[participant], held.checkpoint.size >= checkpoint.checkpoint.size { continue }
            slots[exchange, default: [:]][participant] = checkpoint
        }
    }

    /// What the other participants handed over, by key id.
    func relayed(in exchange: ExchangeID, excluding asker: KeyID) -> [(from: KeyID, checkpoint: SignedCheckpoint)] {
        (slots[exchange] ?? [:]).filter { $0.key != asker }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
