import ParleyMatch

extension PhaseDrawUp {
    /// The plan as text for a terminal: per phase and direction, who crosses in order (entry ids
    /// as the lists wrote them, never names) with the reason, and what each direction is short.
    ///
    /// - Parameters:
    ///   - phase: The phase to show; every phase when `nil`.
    ///   - asOfFromTerms: Whether ``asOf`` is the terms' `as_of` (else the caller's day).
    /// - Returns: The text, ending in a newline.
    public func text(phase: String? = nil, asOfFromTerms: Bool) -> String {
        let order = terms.priorityOrder
        var out = "order: \(order.isEmpty ? "none (by entry)" : order.map(\.rawValue).joined(separator: ", ")), then remaining by entry"
        out += terms.priorities == nil ? " (the default order)\n" : " (the terms' order)\n"
        out += "priorities as of \(asOf)" + (asOfFromTerms ? " (the terms' as_of)\n" : " (the terms set no as_of: another day may draw otherwise)\n")
        for plan in plans where phase == nil || plan.phase.name == phase {
            out += "\nphase \(plan.number) of \(plans.count): \(ReportFormatting.displayable(plan.phase.name))"
            out += plan.isSealed ? " (sealed: its manifest's people)\n" : "\n"
            for part in plan.directions {
                out += "  \(part.direction.rawValue): \(part.people.count) of \(part.expected)"
                if part.missing > 0 {
                    out += " (short by \(part.missing): \(part.available) agreed \(part.available == 1 ? "person" : "people") left to draw)"
                }
                out += "\n"
                for person in part.people {
                    let request = ReportFormatting.displayable(person.candidate.request.recordID)
                    let release = ReportFormatting.displayable(person.candidate.release.recordID)
                    let also = Self.categories(of: person.candidate, order: order).filter { person.reason != .priority($0) }
                    out += "    \(person.position). \(request) = \(release)  \(person.reason)"
                    out += also.isEmpty ? "\n" : " (also \(also.map(\.rawValue).joined(separator: ", ")))\n"
                }
            }
        }
        out += "\nundrawn: " + Direction.allCases.map { "\($0.rawValue) \(undrawn[$0] ?? 0)" }.joined(separator: ", ") + "\n"
        return out
    }

    /// The plan as one JSON document (RFC 8785 bytes, then a newline):
    ///
    /// ```
    /// {"as_of": "YYYY-MM-DD", "as_of_from_terms": <bool>, "order": [<category>…],
    ///  "phases": [{"name", "number", "sealed", "meets_terms",
    ///              "directions": [{"direction", "expected", "drawn", "missing", "available",
    ///                              "people": [{"position", "request": <entry reference + "record_id">,
    ///                                          "release": …, "reason",
///                                          "categories": [<category>…: the order's in its order, then the others]}]}]}],
    ///  "undrawn": {"to-A": n, "to-B": n}}
    /// ```
    ///
    /// - Parameters:
    ///   - phase: The phase to show; every phase when `nil`.
    ///   - asOfFromTerms: Whether ``asOf`` is the terms' `as_of`.
    public func json(phase: String? = nil, asOfFromTerms: Bool) -> String {
        func entry(_ ref: EntryRef) -> JSONValue {
            guard case var .object(members) = ref.json else { preconditionFailure("a reference is an object") }
            members["record_id"] = .string(ref.recordID)
            return .object(members)
        }
        let order = terms.priorityOrder
        let document: JSONValue = [
            "as_of": .string(asOf.description),
            "as_of_from_terms": .bool(asOfFromTerms),
            "order": .array(order.map { .string($0.rawValue) }),
            "phases": .array(plans.filter { phase == nil || $0.phase.name == phase }.map { plan in
                [
                    "name": .string(plan.phase.name),
                    "number": .number(Double(plan.number)),
                    "sealed": .bool(plan.isSealed),
                    "meets_terms": .bool(plan.meetsTerms),
                    "directions": .array(plan.directions.map { part in
                        [
                            "direction": .string(part.direction.rawValue),
                            "expected": .number(Double(part.expected)),
                            "drawn": .number(Double(part.people.count)),
                            "missing": .number(Double(part.missing)),
                            "available": .number(Double(part.available)),
                            "people": .array(part.people.map { person in
                                [
                                    "position": .number(Double(person.position)),
                                    "request": entry(person.candidate.request),
                                    "release": entry(person.candidate.release),
                                    "reason": .string(person.reason.description),
                                    "categories": .array(Self.categories(of: person.candidate, order: order).map { .string($0.rawValue) }),
                                ]
                            }),
                        ]
                    }),
                ]
            }),
            "undrawn": .object(Dictionary(uniqueKeysWithValues: Direction.allCases.map { ($0.rawValue, JSONValue.number(Double(undrawn[$0] ?? 0))) })),
        ]
        // Strings here are entry ids and phase names from verified bodies, so they serialize.
        guard let bytes = try? CanonicalJSON.encode(document) else { preconditionFailure("a phase plan has a value that RFC 8785 cannot serialize") }
        return String(decoding: bytes, as: UTF8.self) + "\n"
    }

    /// A person's categories: those of the order in its order, then the others.
    private static func categories(of candidate: PhaseCandidate, order: [PriorityCategory]) -> [PriorityCategory] {
        (order + PriorityCategory.allCases.filter { !order.contains($0) }).filter(candidate.categories.contains)
    }
}
