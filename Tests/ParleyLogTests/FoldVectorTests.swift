import Foundation
import ParleyLog
import Testing

/// Checks `protocol/vectors/fold.json` against this implementation: the file is what the code
/// computes, and verifying each case's wire forms gives its verdicts, forks, ignored facts and
/// state. `PARLEY_WRITE_VECTORS=1` rewrites the file.
@Suite(.serialized) struct FoldVectorTests {
    @Test func vectorFileMatchesTheImplementation() throws {
        let computed = try FoldVectors.compute()
        let file = try FoldVectors.load(writing: computed)
        #expect(file.cases.map(\.name) == [
            "fact-replacement", "ignored-facts", "fold-stops-at-equivocation", "role-rejected", "final-manifest-stays-final", "phase-sealed",
            "exchange-erased",
        ])
        #expect(file == computed)
    }

    @Test(arguments: try FoldVectors.load().cases)
    func aCaseVerifiesAsTheFileSays(_ vector: FoldVectors.Case) throws {
        let exchange = try #require(ExchangeID(hex: vector.exchange))
        let found = try FoldVectors.expectations(
            name: vector.name, description: vector.description, exchange: exchange, wire: vector.envelopes.map { Array($0.utf8) }
        )
        #expect(found.verdicts == vector.verdicts)
        #expect(found.equivocations == vector.equivocations)
        #expect(found.ignored == vector.ignored)
        #expect(found.stateHash == vector.stateHash)
        #expect(Array(found.stateCanonical.utf8) == Array(vector.stateCanonical.utf8))
    }

    @Test func theCasesShowWhatTheyAreAbout() throws {
        let cases = Dictionary(uniqueKeysWithValues: try FoldVectors.load().cases.map { ($0.name, $0) })
        let replacement = try #require(cases["fact-replacement"])
        #expect(replacement.stateCanonical.contains("Kovalenko") && !replacement.stateCanonical.contains(#""Koval""#))
        #expect(replacement.stateCanonical.contains("match.reject") && !replacement.stateCanonical.contains("match.assert"))
        let ignored = try #require(cases["ignored-facts"])
        #expect(Set(ignored.ignored.values) == ["unknownDispute", "notOpenerOrMediator", "unknownManifest", "duplicateSignature"])
        let fork = try #require(cases["fold-stops-at-equivocation"])
        #expect(fork.equivocations.count == 1 && fork.equivocations[0].seq == 3)
        #expect(fork.verdicts.values.allSatisfy { $0 == ["valid"] })
        #expect(fork.stateCanonical.contains("A-1") && !fork.stateCanonical.contains("A-2") && !fork.stateCanonical.contains("A-3"))
        let roles = try #require(cases["role-rejected"])
        #expect(roles.verdicts.values.filter { $0 == ["roleNotAllowed"] }.count == 5)
        #expect(roles.stateCanonical.contains("B-1") && roles.stateCanonical.contains("R-1") && !roles.stateCanonical.contains("M-1"))
        let final = try #require(cases["final-manifest-stays-final"])
        #expect(final.verdicts.values.allSatisfy { $0 == ["valid"] })
        #expect(final.ignored.count == 9 && Set(final.ignored.values) == ["finalized"])
        #expect(final.stateCanonical.contains(#""entry":"A-1","envelope""#), "A-1 stays on its list")
        #expect(!final.stateCanonical.contains(#""surname":"Kovalenko"}}]"#), "B-1 is not replaced")
        let phased = try #require(cases["phase-sealed"])
        #expect(phased.verdicts.values.allSatisfy { $0 == ["valid"] })
        #expect(phased.ignored.count == 6 && Set(phased.ignored.values) == ["finalized"])
        // A-1 and B-1 stay on their lists as Koval (Kovalenko only in the set-aside fact); B-2 is replaced.
        #expect(phased.stateCanonical.components(separatedBy: #""surname":"Koval""#).count == 3)
        #expect(phased.stateCanonical.components(separatedBy: "Kovalenko").count == 2)
        #expect(phased.stateCanonical.contains("Melnychuk"))
    }
}
