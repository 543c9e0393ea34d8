import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Logging
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyServer
import ParleyStore
import ParleySync
import ParleyWire
import Synchronization

/// Parties, an exchange and a server for the server tests; all data is synthetic.
enum ServerFixture {
    /// The key whose 32-byte seed is `byte` repeated.
    static func key(_ byte: UInt8) -> SigningKey {
        try! SigningKey(seed: [UInt8](repeating: byte, count: 32))
    }

    static let headquartersA = key(0x11)
    static let ombudsmanB = key(0x12)
    static let mediator = key(0x13)
    static let outsider = key(0x14)
    static let serverKey = key(0x1F)

    static let participants = [
        Participant(publicKey: headquartersA.publicKey, role: .headquarters, side: .a, name: "Side A headquarters"),
        Participant(publicKey: ombudsmanB.publicKey, role: .ombudsman, side: .b, name: "Side B ombudsman"),
        Participant(publicKey: mediator.publicKey, role: .mediator, side: .neutral, name: "Mediator"),
    ]

    /// The clock every test starts from: 2026-01-01T00:00:00Z.
    static let epoch: Int64 = 1_767_225_600

    /// The timestamp `minutes` after the epoch.
    static func time(_ minutes: Int) -> Timestamp {
        Timestamp(secondsSince1970: epoch + Int64(minutes) * 60)
    }

    /// A put of a synthetic person.
    static func put(_ list: ListKind, _ entry: String, surname: String) -> ParleyLog.Operation {
        .putEntry(PutEntry(list: list, entry: entry, fields: [.surname: surname, .givenName: "Taras", .dateOfBirth: "1991-03-04"]))
    }

    /// A new exchange created by side A's headquarters.
    static func genesis(nonce: UInt8 = 0) -> (SignedEnvelope, EnvelopeSigner) {
        genesis(nonce: String(repeating: String(format: "%02x", nonce), count: 16), title: "Synthetic exchange \(nonce)")
    }

    /// The fixture's exchange under 16 random bytes of nonce: an id no other test makes, for
    /// tests whose store is a database that every test of the run shares (PostgreSQL). One
    /// random byte left one chance in 256 that two tests made the same exchange.
    static func freshGenesis() -> (SignedEnvelope, EnvelopeSigner) {
        var random = SystemRandomNumberGenerator()
        return genesis(nonce: CreateExchange.randomNonce(using: &random), title: "Synthetic exchange (fresh)")
    }

    private static func genesis(nonce: String, title: String) -> (SignedEnvelope, EnvelopeSigner) {
        let create = CreateExchange(nonce: nonce, title: title, terms: ["counts": ["A": 3, "B": 3]], participants: participants)
        return try! EnvelopeSigner.createExchange(create, key: headquartersA, at: time(0))
    }

    /// An application on an in-memory store, admitting side A's headquarters, with a settable clock.
    static func application(
        store: any ServerStore = InMemoryServerStore(), clock: TestClock? = TestClock(),
        limits: ServerLimits = ServerLimits()
    ) throws -> some ApplicationProtocol {
        var logger = Logger(label: "parley.server.test")
        logger.logLevel = .critical
        let configuration = ServerConfiguration(port: 0, admitted: [headquartersA.publicKey], limits: limits, longestWait: .seconds(5))
        return try buildApplication(configuration: configuration, store: store, key: serverKey, logger: logger,
            clock: { clock?.now ?? Int64(Date().timeIntervalSince1970) })
    }
}

/// A clock tests set by hand.
final class TestClock: Sendable {
    private let value: Mutex<Int64>

    init(_ start: Int64 = ServerFixture.epoch) {
        value = Mutex(start)
    }

    var now: Int64 { value.withLock { $0 } }

    func advance(by seconds: Int64) {
        value.withLock { $0 += seconds }
    }
}

extension TestClientProtocol {
    /// Sends a request signed by `key` at `created` (default: the clock's now), with a fresh nonce
    /// unless one is given.
    @discardableResult
    func signed(
        _ method: HTTPRequest.Method, _ target: String, by key: SigningKey, body: [UInt8] = [],
        created: Int64, nonce: [UInt8]? = nil, tamper: (inout HTTPFields) -> Void = { _ in }
    ) async throws -> TestResponse {
        var generator = SystemRandomNumberGenerator()
        let headers = try RequestSignature.sign(
            method: method.rawValue, requestTarget: target, body: body, key: key, created: created,
            nonce: nonce ?? RequestSignature.makeNonce(using: &generator)
        )
        var fields = HTTPFields()
        for field in headers.fields {
            fields[HTTPField.Name(field.name)!] = field.value
        }
        tamper(&fields)
        return try await execute(uri: target, method: method, headers: fields, body: ByteBuffer(bytes: body))
    }
}

extension TestResponse {
    /// The error code of a JSON error body.
    var errorCode: String? {
        guard let value = try? JSONValue(parsing: Array(body.readableBytesView)) else { return nil }
        return value["error"]?["code"]?.stringValue
    }

    /// The body as JSON.
    var json: JSONValue? {
        return try? JSONValue(parsing: Array(body.readableBytesView))
    }
}

/// NDJSON of envelopes.
func ndjson(_ envelopes: [SignedEnvelope]) -> [UInt8] {
    envelopes.flatMap { $0.wireBytes + [0x0A] }
}
