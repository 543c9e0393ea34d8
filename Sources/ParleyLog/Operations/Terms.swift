public import ParleyMatch

/// The terms of an exchange: how many people cross each way, optionally in phases, the date on
/// which ages and time held are measured for the priority categories, and optionally the order of
/// those categories in which phases are drawn up.
///
/// JSON form (the body of `terms.set`): `{"counts": {"to-A": <n>, "to-B": <n>}, "phases":
/// [{"name": <non-empty string>, "counts": {"to-A": <n>, "to-B": <n>}}, …], "as_of": "YYYY-MM-DD"|null}`,
/// plus the optional member `"priorities": [<category>, …]` (distinct ``PriorityCategory`` names,
/// most urgent first; absent: ``PriorityCategory/defaultOrder``; never `null`).
/// Counts are integers from 0 to 1,000,000; phase names are distinct; when there are phases their
/// counts add up to `counts`. Only a mediator sets terms; each mediator's latest `terms.set`
/// replaces its earlier ones. If the genesis's free `terms` object has exactly this form, it gives
/// the terms until a mediator sets them.
public struct Terms: Sendable, Hashable, Codable {
    /// One phase of an exchange.
    public struct Phase: Sendable, Hashable {
        /// Its name, e.g. "phase 1".
        public var name: String
        /// How many cross each way in it.
        public var counts: [Direction: Int]

        /// Describes a phase.
        public init(name: String, counts: [Direction: Int]) {
            self.name = name
            self.counts = counts
        }
    }

    /// The largest count.
    public static let maxCount = 1_000_000

    /// How many cross each way in all.
    public var counts: [Direction: Int]
    /// The phases, in order; empty when the exchange has one.
    public var phases: [Phase]
    /// The date on which ages and time held are measured for priorities, if agreed.
    public var asOf: CalendarDate?
    /// The order of the priority categories in which phases are drawn up, as the mediator set it;
    /// `nil` when the terms leave it to ``PriorityCategory/defaultOrder``.
    public var priorities: [PriorityCategory]?

    /// Describes terms.
    public init(counts: [Direction: Int], phases: [Phase] = [], asOf: CalendarDate? = nil, priorities: [PriorityCategory]? = nil) {
        self.counts = counts
        self.phases = phases
        self.asOf = asOf
        self.priorities = priorities
    }

    /// The order in which phases are drawn up: the mediator's, else the default one.
    public var priorityOrder: [PriorityCategory] {
        priorities ?? PriorityCategory.defaultOrder
    }

    /// The phase named `name`, with its number (1 for the first).
    public func phase(named name: String) -> (number: Int, phase: Phase)? {
        phases.firstIndex { $0.name == name }.map { ($0 + 1, phases[$0]) }
    }

    /// The phase `text` names: by name, else by its number (1 for the first).
    ///
    /// - Throws: ``LogError/Code/invalidOperation`` naming the phases when none matches.
    public func phase(matching text: String) throws(LogError) -> (number: Int, phase: Phase) {
        if let found = phase(named: text) { return found }
        if let number = Int(text), phases.indices.contains(number - 1) { return (number, phases[number - 1]) }
        let names = phases.enumerated().map { "\($0.offset + 1) `\($0.element.name)`" }.joined(separator: ", ")
        throw LogError(code: .invalidOperation, message: "the terms have no phase `\(text)` (phases: \(names.isEmpty ? "none" : names))")
    }

    /// How many cross in `direction` (0 when the terms do not say).
    public func count(_ direction: Direction) -> Int {
        counts[direction] ?? 0
    }

    /// Decodes the JSON form strictly.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeBridged(from: decoder)
    }

    /// Encodes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try encodeBridged(to: encoder)
    }

    /// What is wrong with these terms, if anything.
    var problem: String? {
        let all = [counts] + phases.map(\.counts)
        if all.contains(where: { $0.count != Direction.allCases.count || $0.values.contains { !(0...Self.maxCount).contains($0) } }) {
            return "terms counts must give both directions, each from 0 to \(Self.maxCount)"
        }
        if phases.contains(where: \.name.isEmpty) || Set(phases.map(\.name)).count != phases.count {
            return "terms phase names must be non-empty and distinct"
        }
        if !phases.isEmpty, Direction.allCases.contains(where: { direction in
            phases.reduce(0) { $0 + ($1.counts[direction] ?? 0) } != counts[direction]
        }) {
            return "terms phase counts must add up to the counts"
        }
        if let priorities, Set(priorities).count != priorities.count {
            return "terms priorities must be distinct"
        }
        return nil
    }
}

extension Terms: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "terms", members: ["counts", "phases", "as_of"], optional: ["priorities"])
        var phases: [Phase] = []
        for value in try reader.array("phases") {
            let phase = try JSONObjectReader(value, context: "terms phase", members: ["name", "counts"])
            phases.append(Phase(name: try phase.string("name"), counts: try Self.counts(phase.value("counts"))))
        }
        let asOf: CalendarDate? = reader.value("as_of").isNull ? nil : try reader.date("as_of")
        var priorities: [PriorityCategory]?
        if reader.has("priorities") {
            priorities = try reader.array("priorities").map { value throws(LogError) in
                guard let category = value.stringValue.flatMap(PriorityCategory.init(rawValue:)) else {
                    throw .malformed("terms member `priorities` must list priority categories (\(PriorityCategory.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return category
            }
        }
        self.init(counts: try Self.counts(reader.value("counts")), phases: phases, asOf: asOf, priorities: priorities)
        if let problem { throw .malformed(problem) }
    }

    static func counts(_ json: JSONValue) throws(LogError) -> [Direction: Int] {
        let reader = try JSONObjectReader(json, context: "terms counts", members: Set(Direction.allCases.map(\.rawValue)))
        var counts: [Direction: Int] = [:]
        for direction in Direction.allCases {
            counts[direction] = try reader.integer(direction.rawValue, in: 0...maxCount)
        }
        return counts
    }

    static func countsJSON(_ counts: [Direction: Int]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, JSONValue.number(Double($0.value))) }))
    }

    var json: JSONValue {
        var members: [String: JSONValue] = [
            "counts": Self.countsJSON(counts),
            "phases": .array(phases.map { ["name": .string($0.name), "counts": Self.countsJSON($0.counts)] }),
            "as_of": asOf.map { .string($0.description) } ?? .null,
        ]
        // Absent when not set, so terms without an order keep the bytes (and hashes) they had.
        if let priorities {
            members["priorities"] = .array(priorities.map { .string($0.rawValue) })
        }
        return .object(members)
    }
}
