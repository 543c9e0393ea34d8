import Foundation
import ParleyLog
import Testing

/// Checks `protocol/vectors/keys.json` against this implementation, as `FoldVectorTests` does for
/// `fold.json`. `PARLEY_WRITE_VECTORS=1` rewrites the file.
@Suite(.serialized) struct KeyVectorTests {
    @Test func vectorFileMatchesTheImplementation() throws {
        let computed = try KeyVectors.compute()
        let file = try KeyVectors.load(writing: computed)
        #expect(file.cases.map(\.name) == ["key-rotate", "key-revoke-set-aside", "key-revoke-race", "key-revoke-final", "key-encryption-sealed"])
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
    }
}
