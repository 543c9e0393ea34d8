import Foundation
import HTTPTypes
import ParleyMatch
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Logging
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleyServer
import ParleyStore
import ParleySync
import ParleyWire

/// Keys, an exchange, servers and parties for the attack suite; all data is synthetic.
enum AttackFixture {
    /// The key whose 32-byte seed is `byte` repeated.
    static func key(_ byte: UInt8) -> SigningKey {
        try! SigningKey(seed: [UInt8](repeating: byte, count: 32))
    }

    static let hqA = key(0x21)
    static let hqB = key(0x22)
    static let mediator = key(0x23)
    static let outsider = key(0x24)
    static let serverKey = key(0x2F)

    static let participants = [
        Participant(publicKey: hqA.publicKey, role: .headquarters, side: .a, name: "Side A headquarters"),
        Participant(publicKey: hqB.publicKey, role: .headquarters, side: .b, name: "Side B headquarters"),
        Participant(publicKey: mediator.publicKey, role: .mediator, side: .neutral, name: "Mediator"),
    ]

    /// 2026-01-01T00:00:00Z.
    static let epoch: Int64 = 1_767_225_600

    static func time(_ minutes: Int) -> Timestamp {
        Timestamp(secondsSince1970: epoch + Int64(minutes) * 60)
    }

    /// A put of a synthetic person.
    static func put(_ list: ListKind, _ entry: String, surname: String = "Synthetic") -> ParleyLog.Operation {
        .putEntry(PutEntry(list: list, entry: entry, fields: [.surname: surname, .givenName: "Taras", .dateOfBirth: "1991-03-04"]))
    }

    /// A genesis by side A's headquarters and its signer.
    static func genesis(nonce: UInt8 = 0) -> (SignedEnvelope, EnvelopeSigner) {
        let create = CreateExchange(
            nonce: String(repeating: String(format: "%02x", nonce), count: 16),
            title: "Attack exchange \(nonce)", terms: ["counts": ["A": 3, "B": 3]], participants: participants
        )
        return try! EnvelopeSigner.createExchange(create, key: hqA, at: time(0))
    }

    /// The genesis and `count` puts by side A.
    static func log(count: Int, nonce: UInt8 = 0) throws -> (ExchangeID, [SignedEnvelope], EnvelopeSigner) {
        var (genesis, signer) = genesis(nonce: nonce)
        let puts = try (0..<count).map { try signer.sign(put(.request, "a\($0)", surname: "Synthetic\($0)"), at: time($0 + 1)) }
        return (signer.exchange, [genesis] + puts, signer)
    }

    /// The signer of `key` continuing its chain in `envelopes`.
    static func signer(_ key: SigningKey, _ exchange: ExchangeID, after envelopes: [SignedEnvelope]) -> EnvelopeSigner {
        let own = envelopes.filter { $0.envelope.author == key.publicKey.keyID }.max { $0.envelope.seq < $1.envelope.seq }
        return EnvelopeSigner(key: key, exchange: exchange, head: own.map { ChainHead(seq: $0.envelope.seq, id: $0.id) })
    }

    /// An exchange being written by the fixture's keys, starting from its genesis.
    struct Written {
        private(set) var envelopes: [SignedEnvelope] = [AttackFixture.genesis().0]
        var exchange: ExchangeID { ExchangeID(genesis: envelopes[0].id) }

        /// Signs `operation` as `key`, continuing its chain.
        mutating func sign(_ key: SigningKey, _ operation: ParleyLog.Operation) throws {
            var signer = AttackFixture.signer(key, exchange, after: envelopes)
            envelopes.append(try signer.sign(operation, at: AttackFixture.time(envelopes.count)))
        }
    }

    /// `envelope` signed by `key` whatever its author says (what a forger does; the library's
    /// signer refuses to).
    static func forge(_ envelope: Envelope, with key: SigningKey) throws -> SignedEnvelope {
        let canonical = try envelope.canonicalBytes()
        let signature = try key.signature(for: SignatureContext.envelope.message(for: canonical))
        let wire = Array(#"{"envelope":"#.utf8) + canonical + Array(#","signature":""#.utf8)
            + Array(Data(signature).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "").utf8)
            + Array(#""}"#.utf8)
        return try SignedEnvelope(parsing: wire)
    }

    /// A checkpoint of the log `ids`, signed by `key`.
    static func checkpoint(_ exchange: ExchangeID, _ ids: [EnvelopeID], key: SigningKey = serverKey, at minutes: Int = 0) throws -> SignedCheckpoint {
        try SignedCheckpoint(
            signing: Checkpoint(exchange: exchange, tree: MerkleLog(ids), timestamp: time(minutes), server: key.publicKey.keyID),
            with: key
        )
    }

    /// A sync server on an in-memory store, admitting side A, on the real clock.
    static func application(
        store: any ServerStore = InMemoryServerStore(), key: SigningKey = serverKey, gossip: GossipBoard = GossipBoard(),
        limits: ServerLimits = ServerLimits()
    ) throws -> some ApplicationProtocol {
        var logger = Logger(label: "parley.attack.test")
        logger.logLevel = .critical
        let configuration = ServerConfiguration(port: 0, admitted: [hqA.publicKey], limits: limits, longestWait: .seconds(5))
        return try buildApplication(configuration: configuration, store: store, key: key, logger: logger, gossip: gossip)
    }

    /// A party: its key and an in-memory replica, written only through the party's commit path.
    struct Party {
        let key: SigningKey
        let party: ParleyParty.Party

        init(_ key: SigningKey) throws {
            self.key = key
            self.party = ParleyParty.Party(replica: try Replica.inMemory(), key: key)
        }

        /// The party's replica.
        var replica: Replica {
            party.replica
        }

        @discardableResult
        func sync(_ exchange: ExchangeID, with url: String) async throws -> Synchronizer.Report {
            let synchronizer = Synchronizer(client: SyncClient(server: url, key: key), party: party)
            return try await synchronizer.sync(exchange, server: try await synchronizer.connect())
        }

        /// Signs and stores `operations` as this party.
        func write(_ exchange: ExchangeID, _ operations: [ParleyLog.Operation]) throws {
            try party.sign(operations, in: try party.open(exchange), at: AttackFixture.time(100))
        }

        /// Stores envelopes from elsewhere, as a pull or a bundle does.
        static func ingest(_ envelopes: [SignedEnvelope], exchange: ExchangeID) throws -> (party: ParleyParty.Party, result: ParleyParty.Party.Ingested) {
            let party = ParleyParty.Party(replica: try Replica.inMemory(), key: nil)
            return (party, try party.ingest(envelopes.map(\.wireBytes), exchange: exchange))
        }
    }
}

extension TestClientProtocol {
    /// A request signed by `key` now, with a fresh nonce unless one is given.
    @discardableResult
    func signed(
        _ method: HTTPRequest.Method, _ target: String, by key: SigningKey, body: [UInt8] = [], nonce: [UInt8]? = nil,
        keyID: KeyID? = nil
    ) async throws -> TestResponse {
        var generator = SystemRandomNumberGenerator()
        let headers = try RequestSignature.sign(
            method: method.rawValue, requestTarget: target, body: body, key: key, created: Int64(Date().timeIntervalSince1970),
            nonce: nonce ?? RequestSignature.makeNonce(using: &generator)
        )
        var fields = HTTPFields()
        for field in headers.fields {
            var value = field.value
            if let keyID { value = value.replacingOccurrences(of: key.publicKey.keyID.hex, with: keyID.hex) }
            fields[HTTPField.Name(field.name)!] = value
        }
        return try await execute(uri: target, method: method, headers: fields, body: ByteBuffer(bytes: body))
    }
}

extension TestResponse {
    /// The error code of a JSON error body.
    var errorCode: String? {
        (try? JSONValue(parsing: Array(body.readableBytesView)))?["error"]?["code"]?.stringValue
    }
}

/// NDJSON of envelopes.
func ndjson(_ envelopes: [SignedEnvelope]) -> [UInt8] {
    envelopes.flatMap { $0.wireBytes + [0x0A] }
}
