import ParleyLog
import ParleyMatch

/// The manifest page's phase part: a mediator picks a phase of the terms that is not sealed,
/// sees who would cross in it and why, with its blockers, and proposes its manifest. The phases
/// and their counts are those `parley terms plan` draws (``PhaseDrawUp``); the manifest and the
/// proposal are the library's ``ManifestProposal``, as `parley finalize propose --phase` builds them.
extension Workspace {
    /// The values of the phase part of the manifest page, or `nil` when no terms with phases are
    /// in force or this party's role may not propose a manifest.
    ///
    /// - Parameters:
    ///   - snapshot: The state the page is drawn from.
    ///   - selected: The phase the page was asked for (`?phase=`, its name or number), if any.
    ///   - mayPropose: Whether this party's role may author a `manifest.propose`.
    func phaseProposal(_ snapshot: Snapshot, selected: String?, mayPropose: Bool) -> [String: Any]? {
        // The plan `parley terms plan` prints: on the terms' as_of, else the day priorities are measured on.
        guard mayPropose, case let .agreed(terms, _) = snapshot.state.currentTerms, let drawUp = snapshot.phasePlan else { return nil }
        let chosen = selected.flatMap { try? terms.phase(matching: $0).phase.name }
        var part: [String: Any] = [:]
        let open = drawUp.plans.filter { !$0.isSealed }
        part["phaseOptions"] = open.map { plan -> [String: Any] in
            let counts = plan.directions.map { direction in
                "\(direction.direction.rawValue): \(direction.people.count) of \(direction.expected)"
                    + (direction.missing > 0 ? " (short by \(direction.missing))" : "")
            }
            let label = "phase \(plan.number) of \(drawUp.plans.count): \(ReportFormatting.displayable(plan.phase.name)) — " + counts.joined(separator: ", ")
            return ["value": plan.phase.name, "label": label, "selected": plan.phase.name == chosen]
        }
        part["hasPhaseOptions"] = !open.isEmpty
        let sealed = drawUp.plans.filter(\.isSealed).map { "phase \($0.number) \(ReportFormatting.displayable($0.phase.name))" }
        if !sealed.isEmpty { part["sealed"] = sealed.joined(separator: ", ") }
        guard let selected, !selected.isEmpty else { return part }
        switch snapshot.proposal(phase: selected) {
        case let .success(proposal): part["phase"] = phaseValues(proposal, snapshot)
        case let .failure(refusal): part["phaseRefusal"] = refusal.message
        }
        return part
    }

    /// A phase manifest as the page shows it: who crosses each way in the phase's order with the
    /// category that placed them, its blockers, and whether it may be proposed from here.
    private func phaseValues(_ proposal: ManifestProposal, _ snapshot: Snapshot) -> [String: Any] {
        let manifest = proposal.manifest
        let name = manifest.phase?.phase.name ?? ""
        let proposed = snapshot.state.manifestStatus(proposal.hash) != nil
        let sealed = snapshot.state.sealedPhases.contains { $0.name == name }
        var values: [String: Any] = [
            "name": name, "number": manifest.phase?.number ?? 0, "hash": proposal.hash,
            "back": "/manifest?phase=" + Form.escaped(name),
            "waivable": Self.waivable(proposal.blockers),
            "phaseHasBlockers": !proposal.blockers.isEmpty,
            "phaseCanPropose": !proposed && !sealed,
        ]
        if sealed {
            values["phaseProposeNote"] = "this phase is sealed: its manifest was signed by every participant"
        } else if proposed {
            values["phaseProposeNote"] = "this manifest has been proposed (below)"
        }
        values["directions"] = Direction.allCases.map { direction -> [String: Any] in
            let people = manifest.people[direction] ?? []
            let shown = people.prefix(Self.pageSize)
            return [
                "name": direction.rawValue, "count": people.count, "expected": manifest.phase?.phase.counts[direction] ?? 0,
                "truncated": people.count > shown.count, "shown": shown.count,
                "people": shown.enumerated().map { number, person -> [String: Any] in
                    [
                        "number": number + 1, "request": Self.person(person.request), "release": Self.person(person.release),
                        "reason": person.reason?.description ?? "", "link": Self.link(direction, person.request.ref),
                    ]
                },
            ]
        }
        return values
    }
}
