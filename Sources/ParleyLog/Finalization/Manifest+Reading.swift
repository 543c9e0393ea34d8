import ParleyCrypto
import ParleyMatch

extension Manifest {
    /// Reads a manifest from its canonical form (e.g. the `manifest` of a finalized file), strictly.
    ///
    /// Reading checks the form only: whether the stated counts match the people listed is for
    /// ``FinalizedManifest/verify()``, and a manifest read back has the same ``hash`` only if
    /// nothing in it was changed.
    ///
    /// - Parameter json: The manifest object.
    /// - Throws: ``LogError/Code/malformedEnvelope`` naming the first rule broken.
    public init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(
            json, context: "manifest",
            members: ["version", "exchange", "title", "reconciliation", "participants", "terms", "directions"], optional: ["phase"]
        )
        var phase: Phase?
        if reader.has("phase") {
            let member = try JSONObjectReader(reader.value("phase"), context: "manifest phase", members: ["name", "number", "counts"])
            phase = Phase(
                phase: Terms.Phase(name: try member.string("name"), counts: try Terms.counts(member.value("counts"))),
                number: try member.integer("number", in: 1...Int(Int32.max))
            )
        }
        guard try reader.integer("version", in: 0...Int(Int32.max)) == 1 else { throw .malformed("unsupported manifest version") }
        guard let exchange = ExchangeID(hex: try reader.string("exchange")) else {
            throw .malformed("manifest `exchange` must be 64 lowercase hex digits")
        }
        var participants: [Participant] = []
        for value in try reader.array("participants") {
            participants.append(try Participant(json: value))
        }
        let terms: Terms? = reader.value("terms").isNull ? nil : try Terms(json: reader.value("terms"))
        var people: [Direction: [Person]] = [:]
        for value in try reader.array("directions") {
            let direction = try JSONObjectReader(value, context: "manifest direction", members: ["direction", "count", "people"])
            let name = try direction.enumeration("direction", as: Direction.self)
            _ = try direction.integer("count", in: 0...Terms.maxCount)
            guard people[name] == nil else { throw .malformed("manifest lists a direction twice") }
            var list: [Person] = []
            for person in try direction.array("people") {
                let pair = try JSONObjectReader(
                    person, context: "manifest person", members: phase == nil ? ["request", "release"] : ["request", "release", "reason"]
                )
                let reason = phase == nil ? nil : try PhaseReason(name: pair.string("reason"))
                list.append(Person(request: try Self.entry(pair.value("request")), release: try Self.entry(pair.value("release")), reason: reason))
            }
            people[name] = list
        }
        self.init(
            exchange: exchange, title: try reader.string("title"), participants: participants, terms: terms,
            reconciliation: try reader.hash("reconciliation"), people: people, phase: phase
        )
    }

    private static func entry(_ json: JSONValue) throws(LogError) -> ReconciledEntry {
        guard case var .object(members) = json, let envelope = members.removeValue(forKey: "envelope"),
              let fields = members.removeValue(forKey: "fields")
        else { throw .malformed("a manifest entry is a reference with `envelope` and `fields`") }
        let ref = try EntryRef(json: .object(members))
        guard let id = envelope.stringValue.flatMap(EnvelopeID.init(hex:)) else {
            throw .malformed("a manifest entry's `envelope` must be 64 lowercase hex digits")
        }
        guard let object = fields.objectValue else { throw .malformed("a manifest entry's `fields` must be an object") }
        var values: [Field: String] = [:]
        for (name, value) in object {
            guard let field = Field(rawValue: name), let text = value.stringValue else {
                throw .malformed("a manifest entry's fields are known field names with string values")
            }
            values[field] = text
        }
        return ReconciledEntry(ref: ref, envelope: id, fields: values)
    }
}
