import ParleyCrypto
import ParleyLog
import Testing

extension ExchangeScenario {
    /// The standard lists with A-2/B-2 agreed by hand and the terms met (two to A, one to B).
    static func agreed() throws -> ExchangeScenario {
        var scenario = try standard()
        try scenario.sign(hqA, .assertMatch(MatchPair(request: ref(hqA, .request, "A-2"), release: ref(hqB, .release, "B-2"))))
        try scenario.sign(mediator, .setTerms(Terms(counts: [.toA: 2, .toB: 1])))
        return scenario
    }

    /// The manifest this scenario's state builds.
    static func manifest(_ scenario: ExchangeScenario) -> Manifest {
        let state = scenario.state()
        return Manifest(reconciliation: Reconciliation(state: state), state: state)
    }

    /// ``agreed()`` finalized: proposed by the mediator and signed by `signers` (everyone by default).
    static func finalized(
        signers: [SigningKey] = everyone
    ) throws -> (scenario: ExchangeScenario, manifest: Manifest, file: FinalizedManifest) {
        var scenario = try agreed()
        let manifest = manifest(scenario)
        try scenario.sign(mediator, .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: scenario.report().heads)))
        for key in signers {
            try scenario.sign(key, .signManifest(SignManifest(manifest: manifest.hash)))
        }
        let report = scenario.report()
        let file = try #require(FinalizedManifest(manifest: manifest, state: report.state!, envelopes: report.envelopes))
        return (scenario, manifest, file)
    }
}
