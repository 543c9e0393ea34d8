public import ParleyCrypto
import ParleyMatch

/// A finalized manifest as a document people read, sign and print: who crosses each way, by
/// name, with the participants, their fingerprints and whether each has signed.
///
/// Built from the file alone (``FinalizedManifest``), after its offline check, so what it shows is
/// what the signatures cover: the people are the signed manifest's own (read strictly from a file
/// read from bytes; for a file assembled here, the manifest it was assembled from, whose canonical
/// form the file holds), and the status line says plainly when the file does not verify or a
/// signature is missing.
public struct ManifestDocument: Sendable {
    /// The file the document shows.
    public let file: FinalizedManifest
    /// The manifest: read strictly from the file, or the one a file assembled here was made from.
    public let manifest: Manifest
    /// The file's offline check.
    public let verification: ManifestVerification
    /// The exchange's participants, from the genesis the file carries, by key id.
    public let participants: [Participant]
    /// When the mediator proposed this manifest (the earliest valid proposal of its hash).
    public let proposedAt: Timestamp?
    /// When each participant with a valid signature signed.
    public let signedAt: [KeyID: Timestamp]

    /// Reads and checks `file`.
    ///
    /// - Parameter file: A finalized manifest.
    /// - Throws: ``LogError`` when the manifest in the file is not a well-formed manifest (a
    ///   manifest whose signatures fail is not an error: the document says so).
    public init(file: FinalizedManifest) throws(LogError) {
        try self.init(file: file, verification: file.verify())
    }

    /// Reads `file`, whose offline check (``FinalizedManifest/verify()``) the caller has made.
    ///
    /// - Parameters:
    ///   - file: A finalized manifest.
    ///   - verification: What `file.verify()` returned.
    /// - Throws: As ``init(file:)``.
    public init(file: FinalizedManifest, verification: ManifestVerification) throws(LogError) {
        self.file = file
        // A file assembled here holds the manifest it was made from (its bytes are that
        // manifest's canonical form): read back, it would be the same.
        if let source = file.source {
            self.manifest = source
        } else {
            self.manifest = try Manifest(json: file.manifest)
        }
        self.verification = verification
        if case let .createExchange(create) = file.genesis.envelope.operation {
            participants = create.participants.sorted { $0.keyID < $1.keyID }
        } else {
            participants = []
        }
        let hash = verification.manifestHash
        // Only envelopes validly signed by their author count: a forged copy in the file must not
        // move the dates shown.
        let keys = Dictionary(uniqueKeysWithValues: participants.map { ($0.keyID, $0) })
        func valid(_ envelope: SignedEnvelope, role: Role? = nil) -> Bool {
            guard let author = keys[envelope.envelope.author], role.map({ author.role == $0 }) ?? true else { return false }
            return envelope.isSigned(by: author.publicKey)
        }
        proposedAt = file.proposals.compactMap { proposal -> Timestamp? in
            guard case let .proposeManifest(body) = proposal.envelope.operation, body.manifest == hash,
                  valid(proposal, role: .mediator)
            else { return nil }
            return proposal.envelope.timestamp
        }.min { $0.rfc3339 < $1.rfc3339 }
        let signers = Set(verification.signers)
        var signedAt: [KeyID: Timestamp] = [:]
        for signature in file.signatures where signers.contains(signature.envelope.author) && valid(signature) {
            guard case let .signManifest(body) = signature.envelope.operation, body.manifest == hash else { continue }
            let author = signature.envelope.author
            if let earlier = signedAt[author], earlier.rfc3339 <= signature.envelope.timestamp.rfc3339 { continue }
            signedAt[author] = signature.envelope.timestamp
        }
        self.signedAt = signedAt
    }

    /// Whether every participant signed this manifest and nothing in the file was altered.
    public var isFinal: Bool {
        verification.isValid
    }

    /// One line on the document's standing: final, waiting for signatures, or not valid.
    public var statusLine: String {
        let total = participants.count
        if verification.isValid {
            return "Final: signed by all \(total) participants."
        }
        let failures = verification.problems.filter(\.isFailure)
        if failures.allSatisfy({ if case .missingSignature = $0 { true } else { false } }) {
            return "NOT FINAL: \(verification.signers.count) of \(total) participants have signed."
        }
        return "DOES NOT VERIFY: \(failures.count) problem\(failures.count == 1 ? "" : "s") (see `parley verify`); do not rely on this list."
    }

    /// The people of each direction as numbered lines for a terminal: each side's entry id and
    /// the name, date of birth and service number as that side wrote them (values made safe for a
    /// terminal).
    public func peopleText() -> String {
        let show = ReportFormatting.displayable
        var out = ""
        for direction in Direction.allCases {
            let people = manifest.people[direction] ?? []
            out += "\(direction.rawValue): \(people.count) \(people.count == 1 ? "person" : "people")\n"
            for (index, person) in people.enumerated() {
                out += "  \(index + 1). "
                out += [person.request, person.release].map { entry in
                    let born = ReportFormatting.dateOfBirth(of: entry.fields)
                    let number = entry.fields[.serviceNumber] ?? ""
                    return "\(entry.ref.list) \(show(entry.ref.entry)) \(show(ReportFormatting.name(of: entry.fields)))"
                        + (born.isEmpty ? "" : " \(show(born))") + (number.isEmpty ? "" : " \(show(number))")
                }.joined(separator: "  =  ")
                let priorities = priorityLabels(person)
                out += priorities.isEmpty ? "\n" : "  [\(priorities)]\n"
            }
        }
        return out
    }

    /// The document as one self-contained HTML page (inline CSS, no script, nothing external),
    /// made for print: A4, each direction from a new page, table headers repeated, and the
    /// manifest hash and the page number in the margin of every page.
    ///
    /// - Parameter generatedAt: When the page was made, or nil to leave it out.
    public func html(generatedAt: String? = nil) -> String {
        let e = HTMLReport.escaped
        let hash = verification.manifestHash
        let title = "Manifest: \(manifest.title)"
        var out = HTMLReport.opening(title: title, css: HTMLReport.css + "\n" + Self.css(hash: hash))
        out += """
        <header>
        <h1>\(e(title))</h1>
        <p class="status \(isFinal ? "final" : "not-final")">\(e(statusLine))</p>
        <table class="facts">
        <tbody>
        <tr><th scope="row">Exchange</th><td class="id">\(manifest.exchange.hex)</td></tr>
        <tr><th scope="row">Manifest hash</th><td class="id">\(e(hash))</td></tr>
        <tr><th scope="row">Reconciliation</th><td class="id">\(e(manifest.reconciliation))</td></tr>
        <tr><th scope="row">Proposed</th><td>\(e(proposedAt?.rfc3339 ?? "no valid proposal in the file"))</td></tr>
        <tr><th scope="row">Crossing</th><td>\(manifest.count(.toA)) to side A, \(manifest.count(.toB)) to side B</td></tr>
        <tr><th scope="row">Priority</th><td>\(e(priorityNote))</td></tr>
        \(phaseRow)</tbody>
        </table>
        </header>

        """
        out += terms() + participantsTable() + waivers()
        for direction in Direction.allCases {
            out += section(direction)
        }
        out += """
        <section class="check">
        <h2>How to check this document</h2>
        <p>This page shows the signed manifest file written by <code>parley finalize export -o manifest.json</code>.
        Anyone can check that file offline, with nothing else: <code>parley verify manifest.json --exchange \(manifest.exchange.hex)</code>
        prints the same manifest hash, every signature and the names above (<code>--names</code>). The hash printed at the
        foot of every page must be the one the participants signed; compare the participants' key fingerprints with them
        by telephone or in person.</p>
        </section>

        """
        return out + HTMLReport.closing(madeBy: "parley finalize export --format html", generatedAt: generatedAt)
    }

    /// A direction's heading: who crosses to whom.
    private static func heading(_ direction: Direction) -> String {
        switch direction {
        case .toA: "To side A"
        case .toB: "To side B"
        }
    }

    /// The terms in force, per direction and phase.
    private func terms() -> String {
        let e = HTMLReport.escaped
        guard let terms = manifest.terms else { return "<p class=\"terms\">No terms were set for this exchange.</p>\n" }
        var out = "<table class=\"terms\">\n<thead><tr><th scope=\"col\">Terms</th>"
            + Direction.allCases.map { "<th scope=\"col\">\(Self.heading($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        out += "<tr><th scope=\"row\">Agreed</th>" + Direction.allCases.map { "<td class=\"num\">\(terms.count($0))</td>" }.joined() + "</tr>\n"
        for phase in terms.phases {
            out += "<tr><th scope=\"row\">Phase \(e(phase.name))</th>"
                + Direction.allCases.map { "<td class=\"num\">\(phase.counts[$0] ?? 0)</td>" }.joined() + "</tr>\n"
        }
        out += "<tr><th scope=\"row\">In this manifest</th>"
            + Direction.allCases.map { "<td class=\"num\">\(manifest.count($0))</td>" }.joined() + "</tr>\n"
        return out + "</tbody>\n</table>\n"
    }

    /// The participants, their key fingerprints and their signatures.
    private func participantsTable() -> String {
        let e = HTMLReport.escaped
        var out = "<table class=\"participants\">\n<thead><tr><th scope=\"col\">Participant</th><th scope=\"col\">Role</th>"
            + "<th scope=\"col\">Side</th><th scope=\"col\">Key fingerprint</th><th scope=\"col\">Signature</th></tr></thead>\n<tbody>\n"
        for participant in participants {
            let signed = signedAt[participant.keyID].map { "signed \(e($0.rfc3339))" } ?? "<strong>not signed</strong>"
            out += "<tr><th scope=\"row\">\(e(participant.name))</th><td>\(participant.role.rawValue)</td>"
                + "<td>\(participant.side.rawValue)</td><td class=\"id\">\(e(Fingerprint(participant.keyID).text))</td>"
                + "<td>\(signed)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The blockers the mediator waived when proposing, with the recorded reasons.
    private func waivers() -> String {
        guard !verification.waivers.isEmpty else { return "" }
        let e = HTMLReport.escaped
        return "<section class=\"waivers\">\n<h2>Waived when proposed</h2>\n<ul>\n"
            + verification.waivers.map { "<li><code>\(e($0.blocker))</code>: \(e($0.reason))</li>\n" }.joined()
            + "</ul>\n</section>\n"
    }

    /// The row naming the phase a phase manifest covers (empty for the whole exchange).
    private var phaseRow: String {
        guard let phase = manifest.phase else { return "" }
        let total = manifest.terms?.phases.count ?? phase.number
        return "<tr><th scope=\"row\">Phase</th><td>\(phase.number) of \(total): \(HTMLReport.escaped(phase.phase.name)) "
            + "(drawn in the terms' priority order; sealed once every participant has signed)</td></tr>\n"
    }

    /// How the priority column is read: on which day, and which categories.
    private var priorityNote: String {
        if let day = manifest.terms?.asOf {
            return "categories read from the signed fields on \(day), the terms' as_of: seriously wounded, seriously ill, "
                + "woman, young (under \(PriorityCategory.youngUnder)), long held (\(PriorityCategory.longHeldYears) years or more), civilian"
        }
        return "categories read from the signed fields: seriously wounded, seriously ill, woman, civilian "
            + "(young and long held depend on a day, and the terms set no as_of)"
    }

    /// A person's priority categories in the order of the terms (the default order without).
    private func priorityLabels(_ person: Manifest.Person) -> String {
        let categories = manifest.priorities(of: person)
        let order = manifest.terms?.priorityOrder ?? PriorityCategory.defaultOrder
        return (order + PriorityCategory.allCases.filter { !order.contains($0) }).filter(categories.contains).map(\.rawValue).joined(separator: ", ")
    }

    /// One direction: a numbered table of the people who cross, each as both sides wrote them.
    private func section(_ direction: Direction) -> String {
        let people = manifest.people[direction] ?? []
        let requester = direction == .toA ? "A" : "B"
        let releaser = direction == .toA ? "B" : "A"
        var out = """
        <section class="direction" id="\(direction.rawValue)">
        <h2>\(Self.heading(direction)): \(people.count) \(people.count == 1 ? "person" : "people")</h2>

        """
        guard !people.isEmpty else { return out + "<p>Nobody crosses in this direction.</p>\n</section>\n" }
        out += """
        <table class="rows people">
        <thead>
        <tr><th scope="col" rowspan="2">No.</th><th scope="colgroup" colspan="4">As side \(requester) requested</th><th scope="colgroup" colspan="4">As side \(releaser) releases</th><th scope="col" rowspan="2">Priority</th></tr>
        <tr>\(String(repeating: "<th scope=\"col\">Id</th><th scope=\"col\">Name</th><th scope=\"col\">Born</th><th scope=\"col\">Service number</th>", count: 2))</tr>
        </thead>
        <tbody>

        """
        // Rows written on every core (a manifest of a register lists tens of thousands).
        out += Array(people.enumerated()).concurrentText(chunkSize: 2_048) { index, person in
            // In a phase manifest, the number is the place in the phase's priority order, with its reason.
            let reason = person.reason.map { "<br><small>\(HTMLReport.escaped($0.description))</small>" } ?? ""
            return "<tr><td class=\"num\">\(index + 1)\(reason)</td>" + Self.cells(person.request) + Self.cells(person.release)
                + "<td>\(HTMLReport.escaped(self.priorityLabels(person)))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// An entry's four cells: its id (and rank or registration id under it), name, date of birth,
    /// service number.
    private static func cells(_ entry: ReconciledEntry) -> String {
        let note = [entry.fields[.rank], entry.fields[.registrationID].map { "reg. \($0)" }].compactMap { $0 }.joined(separator: ", ")
        return HTMLReport.personCells(
            id: entry.ref.entry, note: note, name: ReportFormatting.name(of: entry.fields),
            born: ReportFormatting.dateOfBirth(of: entry.fields), serviceNumber: entry.fields[.serviceNumber] ?? ""
        )
    }

    /// The document's own rules: the status line, and the print layout with the hash and page
    /// number in every page's margin (the hash is hex, so it needs no escaping in CSS).
    private static func css(hash: String) -> String {
        """
        .status { font-size: 1.1rem; font-weight: bold; padding: .4rem .6rem; border: 2px solid; display: inline-block; }
        .status.final { color: #1b7a2e; }
        .status.not-final { color: #b00020; }
        table.facts, table.terms, table.participants { margin: 0 0 1rem; }
        table.people td:first-child { width: 3em; }
        section.check p { max-width: 50em; }
        @page {
          size: A4;
          margin: 14mm 12mm 18mm;
          @bottom-left { content: "Manifest \(hash)"; font: 7pt ui-monospace, monospace; }
          @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; }
        }
        @media print {
          section.direction { break-before: page; }
          .status { border-width: 1px; }
        }
        """
    }
}
