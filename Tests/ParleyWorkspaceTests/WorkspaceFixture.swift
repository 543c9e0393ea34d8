import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore

/// An exchange made through the library as the parties make it, in homes in a temporary folder:
/// the mediator and side A have homes (and workspaces); side B signs with a bare key and its
/// envelopes are ingested, as a pull would bring them. All names are synthetic.
///
/// To-A: A-1/B-1 agreed (Cyrillic on B), A-2/B-2 disputed (day and month swapped), A-3 requested
/// and not offered (B-3, another man born the same day, is its nearest offered entry). To-B: BR-1/AR-1 agreed. Side A has opened a dispute about A-1.
struct WorkspaceFixture {
    let folder: String
    let mediator: PartyHome
    let sideA: PartyHome
    let exchange: ExchangeID
    let keyB: SigningKey

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-ui-\(UUID().uuidString)").path
        mediator = PartyHome(path: folder + "/mediator")
        sideA = PartyHome(path: folder + "/side-a")
        let keyM = try mediator.create(name: "Mediator")
        let keyA = try sideA.create(name: "Side A headquarters")
        keyB = SigningKey.generate()
        let create = CreateExchange(
            nonce: Hex.encode(SecureBytes.random(16)), title: "Synthetic exchange",
            participants: [
                Participant(publicKey: keyA.publicKey, role: .headquarters, side: .a, name: "Side A headquarters"),
                Participant(publicKey: keyB.publicKey, role: .headquarters, side: .b, name: "Side B headquarters"),
                Participant(publicKey: keyM.publicKey, role: .mediator, side: .neutral, name: "Mediator"),
            ]
        )
        let partyM = try Party.open(home: mediator, signing: true)
        exchange = try partyM.create(create, at: Self.time(0))
        let partyA = try Party.open(home: sideA, signing: true)
        _ = try partyA.ingest(try partyM.replica.envelopes(exchange: exchange).map(\.wireBytes), exchange: exchange)
        try partyA.sign([
            Self.put(.request, "A-1", "Koval", "Ivan", "1990-01-02", service: "AA100001"),
            Self.put(.request, "A-2", "Melnyk", "Petro", "1985-05-06"),
            Self.put(.request, "A-3", "Shevchuk", "Taras", "1979-09-09"),
            Self.put(.release, "AR-1", "Bondar", "Oleh", "1992-03-04"),
        ], in: try partyA.open(exchange), at: Self.time(1))
        var signerB = EnvelopeSigner(key: keyB, exchange: exchange, head: nil)
        var fromB: [[UInt8]] = []
        for (minute, operation) in [
            Self.put(.release, "B-1", "Коваль", "Іван", "02.01.1990", service: "AA100001"),
            Self.put(.release, "B-2", "Melnyk", "Petro", "1985-06-05"),
            Self.put(.release, "B-3", "Hnatiuk", "Roman", "1979-09-09"),
            Self.put(.request, "BR-1", "Bondar", "Oleh", "1992-03-04"),
        ].enumerated() {
            fromB.append(try signerB.sign(operation, at: Self.time(2 + minute)).wireBytes)
        }
        _ = try partyA.ingest(fromB, exchange: exchange)
        let openA = try partyA.open(exchange)
        let a1 = try openA.state.entryRef(named: "A/request/A-1")
        try partyA.sign([.openDispute(OpenDispute(about: [a1], reason: .identityConflict, note: "checking"))], in: openA, at: Self.time(9))
        _ = try partyM.ingest(try partyA.replica.envelopes(exchange: exchange).map(\.wireBytes), exchange: exchange)
    }

    /// The mediator confirms both directions as they are now; the exchange opened after.
    @discardableResult
    func confirmBothDirections(at minute: Int) throws -> OpenExchange {
        let mediator = try Party.open(home: self.mediator, signing: true)
        let open = try mediator.open(exchange)
        let reconciliation = try open.reconciliation
        try mediator.sign(Direction.allCases.map {
            .confirm(Confirm(direction: $0, reconciliation: reconciliation.report($0).hash))
        }, in: open, at: Self.time(minute))
        return try mediator.open(exchange)
    }

    /// Every participant signs the proposed manifest `hash`, from `minute` on: the mediator,
    /// side A in its replica (after taking the mediator's envelopes), side B with its bare key
    /// after its own last envelope; the mediator's replica ends holding all three signatures.
    func signByEveryone(_ hash: String, from minute: Int) throws {
        let sign = ParleyLog.Operation.signManifest(SignManifest(manifest: hash))
        let mediator = try Party.open(home: self.mediator, signing: true)
        try mediator.sign([sign], in: try mediator.open(exchange), at: Self.time(minute))
        let sideA = try Party.open(home: self.sideA, signing: true)
        _ = try sideA.ingest(try envelopes(in: self.mediator).map(\.wireBytes), exchange: exchange)
        let openA = try sideA.open(exchange)
        try sideA.sign([sign], in: openA, at: Self.time(minute + 1))
        var signerB = EnvelopeSigner(key: keyB, exchange: exchange, head: openA.heads[keyB.publicKey.keyID])
        let signedByB = try signerB.sign(sign, at: Self.time(minute + 2))
        _ = try mediator.ingest(try envelopes(in: self.sideA).map(\.wireBytes) + [signedByB.wireBytes], exchange: exchange)
    }

    /// Removes the folder.
    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The envelopes `home`'s replica holds of the exchange.
    func envelopes(in home: PartyHome) throws -> [SignedEnvelope] {
        try Party.open(home: home, signing: false).replica.envelopes(exchange: exchange)
    }

    /// The state `home`'s replica keeps, folded again from what it stores (as `parley verify` does).
    func verifiedState(in home: PartyHome) throws -> ExchangeState {
        let report = Verifier(exchange: exchange).verify(try envelopes(in: home))
        return try require_(report.state, "a state that verifies")
    }

    static func time(_ minutes: Int) -> Timestamp {
        Timestamp(secondsSince1970: 1_746_090_000 + Int64(minutes) * 60)
    }

    static func put(_ list: ListKind, _ entry: String, _ surname: String, _ given: String, _ born: String, service: String? = nil) -> ParleyLog.Operation {
        var fields: [Field: String] = [.surname: surname, .givenName: given, .dateOfBirth: born]
        fields[.serviceNumber] = service
        return .putEntry(PutEntry(list: list, entry: entry, fields: fields))
    }
}

/// Random bytes for nonces.
enum SecureBytes {
    static func random(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max) }
    }
}

/// The value, or a thrown failure naming what was missing.
func require_<T>(_ value: T?, _ what: String = "a value") throws -> T {
    guard let value else { throw FixtureFailure(what: what) }
    return value
}

struct FixtureFailure: Error {
    let what: String
}
