import Foundation
import ParleyCrypto
import ParleyLog
import ParleyMatch
import Testing

/// The manifest form a proposal names (PROTOCOL.md §5.11, §10.3): left out for this release's
/// form, so proposals keep their bytes; any other form is a valid proposal that a participant
/// whose release does not build it refuses to sign, saying why, instead of finding another hash.
@Suite struct ManifestFormTests {
    typealias S = ExchangeScenario

    /// `{"manifest": …, "basis": […], "waivers": [], "form": <form>}` read as a proposal body.
    private func parsed(form: JSONValue?) throws -> ProposeManifest {
        var body: [String: JSONValue] = [
            "manifest": .string(String(repeating: "ab", count: 32)),
            "basis": [["author": .string(S.mediator.publicKey.keyID.hex), "seq": 1, "id": .string(String(repeating: "cd", count: 32))]],
            "waivers": [],
        ]
        if let form { body["form"] = form }
        return try JSONDecoder().decode(ProposeManifest.self, from: Data(try CanonicalJSON.encode(.object(body))))
    }

    @Test func theFormIsLeftOutForThisReleasesAndNamedOtherwise() throws {
        let plain = try parsed(form: nil)
        #expect(plain.form == nil && plain.proposedForm == Manifest.form)
        #expect(!(try JSONEncoder().encode(plain)).containsForm)
        let later = try parsed(form: 3)
        #expect(later.form == 3 && later.proposedForm == 3)
        #expect(try JSONEncoder().encode(later).containsForm)
        #expect(try JSONDecoder().decode(ProposeManifest.self, from: JSONEncoder().encode(later)) == later)
        // Naming this release's form, or no form, is malformed: one proposal, one body.
        for bad: JSONValue in [.number(Double(Manifest.form)), 0, -1, 1.5, "3", .number(Double(ProposeManifest.maxForm + 1))] {
            #expect(throws: DecodingError.self, "form \(bad)") { try parsed(form: bad) }
        }
        #expect(ProposeManifest(manifest: plain.manifest, basis: plain.basis, form: Manifest.form).form == nil)
    }

    @Test func aManifestOfAnotherFormIsRefusedWithItsReasonAndItsEnvelopeStaysValid() throws {
        var scenario = try S.agreed()
        let manifest = S.manifest(scenario)
        let proposal = ProposeManifest(manifest: manifest.hash, basis: scenario.report().heads, form: 3)
        let mediator = S.mediator.publicKey.keyID
        // The proposer's own signer does not make it…
        let refused = try #require(scenario.state().refusal(of: .proposeManifest(proposal), by: mediator))
        #expect(refused.code == .otherManifestForm && refused.message.contains("form 3"), "\(refused.message)")
        // …but a release that builds form 3 would, and every verifier folds it.
        try scenario.sign(S.mediator, .proposeManifest(proposal))
        #expect(scenario.report().entries.allSatisfy { $0.verdict == .valid })
        let state = scenario.state()
        #expect(state.manifestStatus(manifest.hash) != nil)
        let sign = try #require(state.refusal(of: .signManifest(SignManifest(manifest: manifest.hash)), by: S.hqB.publicKey.keyID))
        #expect(sign.code == .otherManifestForm, "\(sign.message)")
        #expect(sign.message.contains("proposed in manifest form 3") && sign.message.contains("builds form \(Manifest.form)"))
        // The review says the same, and does not rebuild the proposal from its basis.
        let review = ManifestReview(proposal: proposal, state: state, envelopes: scenario.envelopes)
        #expect(review.verdict == .otherForm(3) && review.proposedManifest == nil)
        #expect(review.verdict.words(naming: { $0.hex }, unopened: 0).contains("needs a release that builds form 3"))
        // The same hash in this release's form: signed as ever.
        var plain = try S.agreed()
        try plain.sign(S.mediator, .proposeManifest(ProposeManifest(manifest: manifest.hash, basis: plain.report().heads)))
        #expect(plain.state().refusal(of: .signManifest(SignManifest(manifest: manifest.hash)), by: S.hqB.publicKey.keyID) == nil)
    }
}

extension Data {
    /// Whether this JSON holds a `form` member.
    fileprivate var containsForm: Bool {
        String(decoding: self, as: UTF8.self).contains(#""form":"#)
    }
}
