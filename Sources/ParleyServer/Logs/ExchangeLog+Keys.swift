import Glibc
import Synchronization
import ParleyCrypto
import ParleyLog
import ParleyStore

extension ExchangeLog {
    /// The keys in force of every chain with a key operation (`key.rotate`, `key.recovery`,
    /// `key.revoke`): read once from the stored log (only the envelopes whose wire names such an
    /// operation are parsed), then kept up to date by this process's appends. An append through
    /// another server process on the same database is seen after a restart.
    func chainKeys() async throws(StoreError) -> [KeyID: ChainKeys] {
        if let loadedKeys { return loadedKeys }
        let size = try await store.heads(of: exchange).size
        let found = Mutex<[SignedEnvelope]>([])
        let erasers = Mutex<Set<KeyID>>([])
        let marker = Array(#""op":"key."#.utf8)
        try await readStored(size: size) { page in
            let operations = page.compactMap { wire in
                Self.contains(marker, in: wire.bytes) ? try? SignedEnvelope(parsing: wire.bytes) : nil
            }
            found.withLock { $0 += operations }
            let erasing = Self.erasers(in: page)
            if !erasing.isEmpty { erasers.withLock { $0.formUnion(erasing) } }
        }
        loadedKeys = [:]
        absorbKeyOperations(found.withLock { $0 })
        // Every participant's erasure stored before this process loaded the exchange (the last
        // one may have arrived just before a restart, or its check failed): checked again.
        if includesEveryParticipant(erasers.withLock { $0 }) { checkErasures() }
        return loadedKeys ?? [:]
    }

    /// Whether `bytes` contain `marker`: `memchr` for its first byte, `memcmp` for the rest. The
    /// standard library's generic `firstRange(of:)` took 20 s over 100,000 envelopes when a
    /// server first loaded an exchange (the first request after a start).
    static func contains(_ marker: [UInt8], in bytes: [UInt8]) -> Bool {
        guard let first = marker.first else { return true }
        guard bytes.count >= marker.count else { return false }
        return bytes.withUnsafeBytes { haystack in
            marker.withUnsafeBytes { needle in
                guard let base = haystack.baseAddress, let wanted = needle.baseAddress else { return false }
                let last = haystack.count - needle.count  // the last offset where the marker fits
                var offset = 0
                while offset <= last {
                    guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let at = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(base + at, wanted, needle.count) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }

    /// ``chainKeys()``, with a store failure as the server's error.
    func chainKeysOrError() async throws(ServerError) -> [KeyID: ChainKeys] {
        do {
            return try await chainKeys()
        } catch {
            throw ServerError(storing: error)
        }
    }

    /// Folds the key operations among `envelopes` (verified, stored) into the kept keys, each
    /// author's in seq order.
    func absorbKeyOperations(_ envelopes: [SignedEnvelope]) {
        guard var keys = loadedKeys else { return }
        let operations = envelopes.filter { envelope in
            switch envelope.envelope.operation {
            case .rotateKey, .nameRecoveryKey, .revokeKey: true
            default: false
            }
        }
        for envelope in operations.sorted(by: { ($0.envelope.author, $0.envelope.seq) < ($1.envelope.author, $1.envelope.seq) }) {
            guard let participant = participants[envelope.envelope.author] else { continue }
            keys[participant.keyID] = (keys[participant.keyID] ?? ChainKeys(identity: participant.publicKey)).after(envelope.envelope)
        }
        loadedKeys = keys
    }

    /// The participant whose identity key in force, or whose chain's recovery key, has id `key`,
    /// if any: whom a request signed by that key speaks for. A key rotated away or revoked speaks
    /// for no one. The recovery key speaks for its participant because it may revoke the identity
    /// key and install any key anyway; it lets an owner whose identity key is lost push the
    /// `key.revoke` that makes its new key known (PROTOCOL.md "Request signatures").
    func participantID(signingWith key: KeyID) async throws(ServerError) -> KeyID? {
        let keys = try await chainKeysOrError()
        return participants.values.first { participant in
            requestKeys(of: participant, keys: keys).contains { $0.keyID == key }
        }?.keyID
    }

    /// The identity key in force or recovery key with id `key`, if a participant has it.
    func identityKey(_ key: KeyID) async throws(ServerError) -> PublicKey? {
        let keys = try await chainKeysOrError()
        return participants.values.lazy.flatMap { self.requestKeys(of: $0, keys: keys) }.first { $0.keyID == key }
    }

    /// The keys that may sign a request as `participant`: its identity key in force and its
    /// chain's recovery key, if named.
    private func requestKeys(of participant: Participant, keys: [KeyID: ChainKeys]) -> [PublicKey] {
        let chain = keys[participant.keyID]
        return [chain?.identity ?? participant.publicKey] + (chain?.recovery.map { [$0] } ?? [])
    }
}
