import ParleyCrypto
import ParleyLog
import ParleyMatch

/// A small exchange written envelope by envelope, for the reconciliation and finalization tests:
/// the parties of ``LogFixture`` (side A's headquarters and ombudsman, side B's headquarters, the
/// mediator), each with its own chain. All names are synthetic.
struct ExchangeScenario {
    private(set) var envelopes: [SignedEnvelope]
    private var signers: [KeyID: EnvelopeSigner] = [:]
    private var minute = 0
    let exchange: ExchangeID

    static let hqA = LogFixture.headquartersA
    static let ombudsmanA = LogFixture.ombudsmanA
    static let hqB = LogFixture.headquartersB
    static let mediator = LogFixture.mediator
    static let everyone = [hqA, ombudsmanA, hqB, mediator]

    init(create: CreateExchange = LogFixture.create) throws {
        let (genesis, signer) = try EnvelopeSigner.createExchange(create, key: Self.hqA, at: LogFixture.time(0))
        envelopes = [genesis]
        exchange = signer.exchange
        signers[Self.hqA.publicKey.keyID] = signer
    }

    /// Signs `operation` as `key`'s next envelope and keeps it.
    @discardableResult
    mutating func sign(_ key: SigningKey, _ operation: Operation) throws -> SignedEnvelope {
        minute += 1
        var signer = signers[key.publicKey.keyID] ?? EnvelopeSigner(key: key, exchange: exchange, head: nil)
        let envelope = try signer.sign(operation, at: LogFixture.time(minute))
        signers[key.publicKey.keyID] = signer
        envelopes.append(envelope)
        return envelope
    }

    /// Puts a synthetic person on `key`'s list of `kind`.
    mutating func put(_ key: SigningKey, _ kind: ListKind, _ entry: String, _ fields: [Field: String]) throws {
        try sign(key, .putEntry(PutEntry(list: kind, entry: entry, fields: fields)))
    }

    /// The verification of every envelope so far.
    func report() -> VerificationReport {
        Verifier(exchange: exchange).verify(envelopes)
    }

    /// The state of every envelope so far.
    func state() -> ExchangeState {
        report().state!
    }

    /// The reference of `key`'s entry `entry` on its list of `kind`.
    static func ref(_ key: SigningKey, _ kind: ListKind, _ entry: String) -> EntryRef {
        let side: Side = switch key.publicKey.keyID {
        case hqA.publicKey.keyID, ombudsmanA.publicKey.keyID: .a
        case hqB.publicKey.keyID: .b
        default: .neutral
        }
        return EntryRef(list: ListKey(side: side, kind: kind), author: key.publicKey.keyID, entry: entry)
    }

    /// A synthetic person.
    static func person(_ surname: String, _ given: String, born: String, _ extra: [Field: String] = [:]) -> [Field: String] {
        [.surname: surname, .givenName: given, .dateOfBirth: born].merging(extra) { $1 }
    }

    /// The standard lists: side A asks back A-1…A-4 and B offers B-1…B-4 (to-A); side B asks back
    /// BR-1 and A offers AR-1 (to-B); the mediator has registered the person of A-3.
    ///
    /// Expected to-A by the engine: A-1/B-1 agreed (Cyrillic on B), A-2/B-2 disputed (day and
    /// month swapped), A-3 unoffered but registered, A-4 unoffered, B-3 unrequested, B-4 a
    /// duplicate of B-3. To-B: BR-1/AR-1 agreed.
    static func standard(create: CreateExchange = LogFixture.create) throws -> ExchangeScenario {
        var scenario = try ExchangeScenario(create: create)
        try scenario.put(hqA, .request, "A-1", person("Koval", "Ivan", born: "1990-01-02", [.serviceNumber: "AA100001"]))
        try scenario.put(hqA, .request, "A-2", person("Melnyk", "Petro", born: "1985-05-06"))
        try scenario.put(hqA, .request, "A-3", person("Shevchuk", "Taras", born: "1979-09-09"))
        try scenario.put(hqA, .request, "A-4", person("Bondar", "Oleh", born: "1992-03-04"))
        try scenario.put(hqB, .release, "B-1", person("Коваль", "Іван", born: "02.01.1990", [.serviceNumber: "AA100001"]))
        try scenario.put(hqB, .release, "B-2", person("Melnyk", "Petro", born: "1985-06-05"))
        try scenario.put(hqB, .release, "B-3", person("Tkachenko", "Yurii", born: "1995-07-07", [.seriouslyWounded: "yes"]))
        try scenario.put(hqB, .release, "B-4", person("Tkachenko", "Yurii", born: "1995-07-07"))
        try scenario.put(mediator, .registry, "M-1", person("Shevchuk", "Taras", born: "1979-09-09", [.registrationID: "R-1"]))
        try scenario.put(hqB, .request, "BR-1", person("Petrenko", "Olena", born: "2003-02-03", [.sex: "F", .category: "civilian"]))
        try scenario.put(hqA, .release, "AR-1", person("Petrenko", "Olena", born: "2003-02-03", [.sex: "жін."]))
        return scenario
    }
}
