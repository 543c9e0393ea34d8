import Foundation
import ParleyCrypto
@testable import ParleyLog
import ParleyMatch
@testable import ParleyStore

/// Fixed keys and a small synthetic exchange for the store tests; all data is synthetic.
enum StoreFixture {
    /// The key whose 32-byte seed is `byte` repeated.
    static func key(_ byte: UInt8) -> SigningKey {
        try! SigningKey(seed: [UInt8](repeating: byte, count: 32))
    }

    static let headquartersA = key(0x01)
    static let headquartersB = key(0x03)
    static let mediator = key(0x04)

    static let participants = [
        Participant(publicKey: headquartersA.publicKey, role: .headquarters, side: .a, name: "Side A headquarters"),
        Participant(publicKey: headquartersB.publicKey, role: .headquarters, side: .b, name: "Side B headquarters"),
        Participant(publicKey: mediator.publicKey, role: .mediator, side: .neutral, name: "Mediator"),
    ]

    /// The genesis body; `nonce` tells exchanges apart.
    static func create(nonce: UInt8 = 0) -> CreateExchange {
        CreateExchange(
            nonce: String(repeating: String(format: "%02x", nonce), count: 16),
            title: "Synthetic exchange \(nonce)",
            terms: ["counts": ["A": 2, "B": 2]],
            participants: participants
        )
    }

    /// The timestamp `minutes` minutes after 2025-05-01T09:00:00Z.
    static func time(_ minutes: Int) -> Timestamp {
        Timestamp(secondsSince1970: 1_746_090_000 + Int64(minutes) * 60)
    }

    /// A put of a synthetic person.
    static func put(_ list: ListKind, _ entry: String, surname: String) -> ParleyLog.Operation {
        .putEntry(PutEntry(list: list, entry: entry, fields: [.surname: surname, .givenName: "Ivan", .dateOfBirth: "1990-01-02"]))
    }

    /// A small valid exchange: the genesis by side A's headquarters, then `puts` puts by side A
    /// and one by side B, in signing order.
    struct Exchange {
        var id: ExchangeID
        var envelopes: [SignedEnvelope]
        var signerA: EnvelopeSigner
        var signerB: EnvelopeSigner
    }

    static func exchange(nonce: UInt8 = 0, puts: Int = 3) -> Exchange {
        var (genesis, signerA) = try! EnvelopeSigner.createExchange(create(nonce: nonce), key: headquartersA, at: time(0))
        let id = ExchangeID(genesis: genesis.id)
        var signerB = EnvelopeSigner(key: headquartersB, exchange: id, head: nil)
        var envelopes = [genesis]
        for index in 0..<puts {
            envelopes.append(try! signerA.sign(put(.request, "a-\(index)", surname: "Koval\(index)"), at: time(index + 1)))
        }
        envelopes.append(try! signerB.sign(put(.release, "b-0", surname: "Petrenko"), at: time(60)))
        return Exchange(id: id, envelopes: envelopes, signerA: signerA, signerB: signerB)
    }
}

/// A folder of its own under the system's temporary folder, removed by ``remove()``.
struct TemporaryDirectory {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("parley-store-tests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// The kinds of replica every shared test runs against.
enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case file
    case memory

    var description: String { rawValue }

    /// A new, empty replica of this kind, in `directory` when it is a file.
    func replica(in directory: TemporaryDirectory) throws -> Replica {
        switch self {
        case .file: try Replica.open(path: directory.path("replica.sqlite"))
        case .memory: try Replica.inMemory()
        }
    }
}

extension Replica {
    /// Stores envelopes as if a verifier had accepted them, without verifying: for tests of what
    /// the store does with bytes (order, duplicates, damage, forks), which a verifier would stop
    /// before the store. Each exchange's envelopes go as one batch based on the stored heads.
    @discardableResult
    func appendUnchecked(_ envelopes: [SignedEnvelope]) throws -> AppendResult {
        var total = AppendResult(added: 0, alreadyPresent: 0)
        var order: [ExchangeID] = []
        var byExchange: [ExchangeID: [SignedEnvelope]] = [:]
        for envelope in envelopes {
            let exchange = envelope.envelope.exchange ?? ExchangeID(genesis: envelope.id)
            if byExchange[exchange] == nil { order.append(exchange) }
            byExchange[exchange, default: []].append(envelope)
        }
        for exchange in order {
            let batch = byExchange[exchange] ?? []
            var base: [KeyID: ChainHead] = [:]
            for author in Set(batch.map(\.envelope.author)) {
                base[author] = try head(exchange: exchange, author: author)
            }
            let result = try append(VerifiedBatch(
                exchange: exchange, envelopes: batch, folded: [], forks: [], base: base, heads: [:], genesis: nil
            ))
            total.added += result.added
            total.alreadyPresent += result.alreadyPresent
        }
        return total
    }
}
