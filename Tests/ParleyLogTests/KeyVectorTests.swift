import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// Checks `protocol/vectors/keys.json` against this implementation, as `FoldVectorTests` does for
/// `fold.json`. `PARLEY_WRITE_VECTORS=1` rewrites the file.
@Suite(.serialized) struct KeyVectorTests {
    @Test func vectorFileMatchesTheImplementation() throws {
        let computed = try KeyVectors.compute()
        let file = try KeyVectors.load(writing: computed)
        #expect(file.cases.map(\.name) == ["key-rotate", "key-revoke-set-aside", "key-revoke-race", "key-revoke-final", "key-encryption-sealed", "content-share-relay"])
        #expect(file == computed)
    }

    @Test(arguments: try KeyVectors.load().cases)
    func aCaseVerifiesAsTheFileSays(_ vector: KeyVectors.Case) throws {
        let exchange = try #require(ExchangeID(hex: vector.exchange))
        let found = try KeyVectors.expectations(
            name: vector.name, description: vector.description, exchange: exchange, wire: vector.envelopes.map { Array($0.utf8) }
        )
        #expect(found == vector)
    }

    @Test func theCasesShowWhatTheyAreAbout() throws {
        let cases = Dictionary(uniqueKeysWithValues: try KeyVectors.load().cases.map { ($0.name, $0) })
        let rotate = try #require(cases["key-rotate"])
        #expect(rotate.verdicts.values.filter { $0 == ["badSignature"] }.count == 1)
        #expect(rotate.stateCanonical.contains("B-2") && !rotate.stateCanonical.contains("B-3") && rotate.stateCanonical.contains("key.rotate"))
        let revoke = try #require(cases["key-revoke-set-aside"])
        #expect(revoke.setAside.count == 2 && revoke.verdicts.values.filter { $0 == ["badSignature"] }.count == 1)
        #expect(revoke.stateCanonical.contains("B-1") && !revoke.stateCanonical.contains("B-666") && !revoke.stateCanonical.contains("B-667"))
        let race = try #require(cases["key-revoke-race"])
        #expect(race.equivocations.isEmpty && race.setAside.count == 2 && !race.stateCanonical.contains("B-668"))
        #expect(race.keys.values.first?["identity"] == .some(revoke.keys.values.first?["identity"] ?? nil))
        let final = try #require(cases["key-revoke-final"])
        #expect(final.setAside.count == 1 && final.stateCanonical.contains("B-1") && !final.stateCanonical.contains("B-666"))
        #expect(final.stateCanonical.components(separatedBy: "manifest.sign").count - 1 == 3, "every signature stays a fact")
        let sealed = try #require(cases["key-encryption-sealed"])
        #expect(sealed.verdicts.values.allSatisfy { $0 == ["valid"] } && !sealed.stateCanonical.contains("Koval"))
        #expect(sealed.stateCanonical.contains(#""entry":"B-1","envelope""#) && sealed.stateCanonical.contains(#""fields":{}"#))
        #expect(sealed.stateCanonical.components(separatedBy: "key.encryption").count - 1 == 2, "side B's first announcement is replaced")
        #expect(sealed.stateCanonical.contains(#""op":"dispute.open""#) && sealed.stateCanonical.contains(#""reason":"duplicate","sealed":""#))

        // The relay: side A's key opens the mediator's share, bound to side B, and the key it
        // gives opens side B's sealed B-1.
        let relay = try #require(cases["content-share-relay"])
        #expect(relay.verdicts.values.allSatisfy { $0 == ["valid"] } && !relay.stateCanonical.contains("Koval"))
        let envelopes = try relay.envelopes.map { try SignedEnvelope(parsing: Array($0.utf8)) }
        let exchange = try #require(ExchangeID(hex: relay.exchange))
        guard case let .shareContentKey(body)? = envelopes.last?.envelope.operation, let relayed = body.relays else {
            Issue.record("the relay case does not end with a relay")
            return
        }
        #expect(relay.stateCanonical.contains(#""relays":{"author":"\#(relayed.author.hex)","envelope":"\#(relayed.envelope.hex)"}"#))
        #expect(envelopes.first { $0.id == relayed.envelope }?.envelope.author == relayed.author)
        let key = try #require(body.shares.first).share.open(with: KeyVectors.x25519(0x41), exchange: exchange.genesis.bytes, author: relayed.author)
        let put = try #require(envelopes.first { $0.envelope.operation.name == .putEntry })
        guard case let .opened(opened) = put.opening(with: [key]), case let .putEntry(entry) = opened.envelope.operation else {
            Issue.record("the relayed key does not open B-1")
            return
        }
        #expect(entry.fields[.surname] == "Koval")
    }
}
