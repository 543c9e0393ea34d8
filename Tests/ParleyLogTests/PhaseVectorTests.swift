import Foundation
import ParleyLog
import Testing

/// Checks `protocol/vectors/phases.json` against this implementation; `PARLEY_WRITE_VECTORS=1`
/// rewrites it.
@Suite struct PhaseVectorTests {
    @Test func vectorFileMatchesTheImplementation() throws {
        let computed = try PhaseVectors.compute()
        let file = try PhaseVectors.load(writing: computed)
        #expect(file == computed)
        for vector in file.validTerms {
            let terms = try JSONDecoder().decode(Terms.self, from: Data(vector.body.utf8))
            #expect(String(decoding: try CanonicalJSON.encode(try JSONValue(parsing: try JSONEncoder().encode(terms))), as: UTF8.self) == vector.canonical)
        }
        for body in file.malformedTerms {
            #expect(throws: DecodingError.self, "\(body)") { try JSONDecoder().decode(Terms.self, from: Data(body.utf8)) }
        }
        #expect(file.drawUp.count == 3)
        for vector in file.drawUp {
            let (phases, undrawn) = try PhaseVectors.outcome(terms: vector.terms, candidates: vector.candidates, sealed: vector.sealed)
            #expect(phases == vector.phases, "\(vector.name)")
            #expect(undrawn == vector.undrawn, "\(vector.name)")
        }
    }
}
