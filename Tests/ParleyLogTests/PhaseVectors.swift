import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch

/// The public phase vectors in `protocol/vectors/phases.json` (PROTOCOL.md §5.10, §10.5): terms
/// bodies with a priority order, valid (with their canonical bytes) and malformed, and draw-up
/// cases from candidates given directly.
struct PhaseVectors: Codable, Equatable, ProtocolVectorFile {
    static let fileName = "phases.json"

    /// A valid `terms.set` body and its RFC 8785 bytes.
    struct ValidTerms: Codable, Equatable {
        var body: String
        var canonical: String
    }

    /// A candidate: its entries, categories and held since (`yyyy`, `yyyy-mm` or `yyyy-mm-dd`).
    struct Candidate: Codable, Equatable {
        var request: EntryRef
        var release: EntryRef
        var categories: [String]
        var heldSince: String?
    }

    /// One direction's candidates.
    struct DirectionCandidates: Codable, Equatable {
        var direction: String
        var candidates: [Candidate]
    }

    /// A sealed phase: its name and the entries of its people.
    struct Sealed: Codable, Equatable {
        var name: String
        var entries: [EntryRef]
    }

    /// A drawn person: the request entry and the reason.
    struct Person: Codable, Equatable {
        var request: EntryRef
        var reason: String
    }

    /// One direction of one phase.
    struct DirectionPlan: Codable, Equatable {
        var direction: String
        var expected: Int
        var missing: Int
        var people: [Person]
    }

    /// One phase.
    struct Phase: Codable, Equatable {
        var name: String
        var sealed: Bool
        var directions: [DirectionPlan]
    }

    /// A draw-up case.
    struct Case: Codable, Equatable {
        var name: String
        var description: String
        var terms: String
        var candidates: [DirectionCandidates]
        var sealed: [Sealed]
        var phases: [Phase]
        var undrawn: [String: Int]
    }

    var description: String
    var validTerms: [ValidTerms]
    var malformedTerms: [String]
    var drawUp: [Case]

    /// The draw-up of a case's inputs with this implementation, as the file writes it.
    static func outcome(terms text: String, candidates: [DirectionCandidates], sealed: [Sealed]) throws -> (phases: [Phase], undrawn: [String: Int]) {
        let terms = try JSONDecoder().decode(Terms.self, from: Data(text.utf8))
        var byDirection: [Direction: [PhaseCandidate]] = [:]
        for group in candidates {
            let direction = try Direction(rawValue: group.direction).orThrow()
            byDirection[direction] = try group.candidates.map { candidate in
                PhaseCandidate(
                    request: candidate.request, release: candidate.release,
                    categories: Set(try candidate.categories.map { try PriorityCategory(rawValue: $0).orThrow() }),
                    heldSince: try candidate.heldSince.map { try CalendarDate(parsingRecordValue: $0).orThrow() }
                )
            }
        }
        let drawUp = PhaseDrawUp(
            candidates: byDirection, terms: terms, sealed: sealed.map { SealedPhase(name: $0.name, entries: Set($0.entries)) },
            asOf: terms.asOf ?? CalendarDate(year: 2025, month: 5, day: 1)!
        )
        let phases = drawUp.plans.map { plan in
            Phase(name: plan.phase.name, sealed: plan.isSealed, directions: plan.directions.map { part in
                DirectionPlan(
                    direction: part.direction.rawValue, expected: part.expected, missing: part.missing,
                    people: part.people.map { Person(request: $0.candidate.request, reason: $0.reason.description) }
                )
            })
        }
        return (phases, Dictionary(uniqueKeysWithValues: drawUp.undrawn.map { ($0.key.rawValue, $0.value) }))
    }

    /// Recomputes every vector with this implementation.
    static func compute() throws -> PhaseVectors {
        let validBodies = [
            #"{"as_of":"2025-05-01","counts":{"to-A":3,"to-B":2},"phases":[{"counts":{"to-A":2,"to-B":1},"name":"1"},{"counts":{"to-A":1,"to-B":1},"name":"2"}],"priorities":["civilian","seriously-wounded"]}"#,
            #"{"priorities":[],"phases":[],"counts":{"to-B":0,"to-A":1},"as_of":null}"#,
            #"{"as_of":null,"counts":{"to-A":1,"to-B":1},"phases":[]}"#,
        ]
        let valid = try validBodies.map { body in
            let terms = try JSONDecoder().decode(Terms.self, from: Data(body.utf8))
            let value = try JSONValue(parsing: try JSONEncoder().encode(terms))
            return ValidTerms(body: body, canonical: String(decoding: try CanonicalJSON.encode(value), as: UTF8.self))
        }
        let base = #""as_of":null,"counts":{"to-A":1,"to-B":1},"phases":[]"#
        let malformed = [
            "{\(base),\"priorities\":null}", "{\(base),\"priorities\":\"woman\"}", "{\(base),\"priorities\":[\"woman\",\"woman\"]}",
            "{\(base),\"priorities\":[\"women\"]}", "{\(base),\"priorities\":[\"seriously_wounded\"]}", "{\(base),\"priorities\":[1]}",
            "{\(base),\"priority\":[\"woman\"]}",
        ]
        let a = KeyID(hex: String(repeating: "a", count: 64))!, b = KeyID(hex: String(repeating: "b", count: 64))!
        func candidate(_ n: String, _ categories: [String], _ held: String? = nil, to direction: Direction = .toA) -> Candidate {
            let (requester, releaser) = direction == .toA ? (a, b) : (b, a)
            return Candidate(
                request: EntryRef(list: direction.requestList, author: requester, entry: "R-\(n)"),
                release: EntryRef(list: direction.releaseList, author: releaser, entry: "L-\(n)"),
                categories: categories, heldSince: held
            )
        }
        let people = [
            candidate("1", []), candidate("2", ["civilian"]), candidate("3", ["young", "civilian"]),
            candidate("4", ["long-held"], "2020"), candidate("5", ["long-held", "young"], "2016-03-09"),
            candidate("6", ["woman"]), candidate("7", ["seriously-ill", "woman"]), candidate("8", ["seriously-wounded", "civilian"]),
            candidate("9", []), candidate("10", ["seriously-wounded"]), candidate("11", ["long-held"], "2016-03"),
        ]
        let toB = [candidate("1", ["woman"], to: .toB), candidate("2", [], to: .toB)]
        let phased = #"{"as_of":"2025-05-01","counts":{"to-A":11,"to-B":3},"phases":[{"counts":{"to-A":4,"to-B":1},"name":"first"},{"counts":{"to-A":7,"to-B":2},"name":"second"}]}"#
        let inputs: [(name: String, description: String, terms: String, candidates: [DirectionCandidates], sealed: [Sealed])] = [
            (
                "default-order", "The default order; the long held by time held, longest first (2016 read as 2016-01-01); ties by request entry reference (entry ids as bytes: R-10 before R-8); to-B one short in the second phase.",
                phased, [DirectionCandidates(direction: "to-A", candidates: people.reversed()), DirectionCandidates(direction: "to-B", candidates: toB)], []
            ),
            (
                "mediator-order", "The mediator's order (civilians, then women); the rest remaining.",
                phased.replacingOccurrences(of: "}]}", with: #"}],"priorities":["civilian","woman"]}"#),
                [DirectionCandidates(direction: "to-A", candidates: people), DirectionCandidates(direction: "to-B", candidates: toB)], []
            ),
            (
                "sealed-first-phase", "The first phase is sealed with R-1 and R-9 (by either entry): it lists them and the second phase draws from the others; one to-A person stays undrawn.",
                phased, [DirectionCandidates(direction: "to-A", candidates: people), DirectionCandidates(direction: "to-B", candidates: toB)],
                [Sealed(name: "first", entries: [people[0].request, people[8].release])]
            ),
        ]
        let cases = try inputs.map { input in
            let (phases, undrawn) = try outcome(terms: input.terms, candidates: input.candidates, sealed: input.sealed)
            return Case(name: input.name, description: input.description, terms: input.terms, candidates: input.candidates, sealed: input.sealed, phases: phases, undrawn: undrawn)
        }
        return PhaseVectors(
            description: "Parley phase vectors (protocol version 1): terms.set bodies with the optional priority order (PROTOCOL.md §5.10), "
                + "valid with their RFC 8785 bytes and malformed; and phase draw-ups (§10.5) from candidates given directly, "
                + "each phase's people by request entry with their reasons, what each direction is short, and what stays undrawn.",
            validTerms: valid, malformedTerms: malformed, drawUp: cases
        )
    }
}
