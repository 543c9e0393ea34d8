import ParleyCrypto
import ParleyMatch

/// The JSON report of an exchange: a stable document for programs.
///
/// Structure (keys sorted, pretty printed as the diff's JSON report, UTF-8, a final newline):
/// ```
/// {
///   "version": 1,
///   "exchange": { "id": "<64 hex>", "title": "…" },
///   "reconciliation": "<64 hex>",                          // Reconciliation.hash
///   "generated_at": "…",                                   // only when options.generatedAt is set
///   "participants": [ { "key_id": "<64 hex>", "name": "…", "role": "mediator", "side": "neutral" } ],
///   "terms": {
///     "status": "agreed" | "none" | "conflicting",
///     "terms": <terms> | null,                             // the terms in force
///     "set_by": [ <party> ],                               // empty: from the genesis (or none)
///     "conflicting": [ { "set_by": <party>, "terms": <terms> } ]
///   },
///   "priorities_as_of": "2025-05-01",                      // ExchangeReport.prioritiesAsOf
///   "open_disputes": [                                     // by id
///     { "id": "<64 hex>", "reason": "status-contested", "opener": <party>,
///       "about": [ <ref> ], "note": "…", "note_unopened": false, "comments": 2 }
///   ],
///   "directions": [                                        // to-A, then to-B
///     { "direction": "to-A", "hash": "<64 hex>",
///       "counts": { "agreed": 1, "disputed": 0, "duplicate": 0, "unoffered": 0, "unrequested": 0 },
///       "agreed": 1, "terms_count": 1 | null, "meets_terms": true | null,
///       "priorities": { "civilian": 0, "long-held": 0, … },   // agreed rows, every category
///       "confirmed_by": [ <party> ],
///       "rows": [                                          // the reconciliation's order
///         { "outcome": "disputed", "match_outcome": "agreed",
///           "request": <entry> | null, "release": <entry> | null, "duplicate_of": <ref> | null,
///           "score": 12.34 | null, "reasons": [ "…" ],
///           "evidence": [ { "field": "surname", "agreement": "exact", "weight": 4.2,
///                           "a": "…" | null, "b": "…" | null } ],
///           "alternatives": [ <ref> ],
///           "decisions": [ { "same": true, "author": <party>, "envelope": "<64 hex>", "note": "…",
///                            "note_unopened": false } ],
///           "disputes": [ "<64 hex>" ],                    // open disputes about its entries
///           "registered": [ <entry> ],                     // registry entries that hold the person
///           "attestations": [ { "entry": <ref>, "kind": "registered", "date": "2025-03-03",
///                               "unopened": false, "author": <party>, "envelope": "<64 hex>" } ] }
///       ] }
///   ]
/// }
/// ```
/// `<party>` is `{"key_id": "<64 hex>", "name": "…"}` (the name is the participant's, or the
/// first 8 hex digits of an unknown key); `<ref>` is the protocol's entry reference
/// `{"side", "list", "author", "entry"}`; `<entry>` is `{"ref": <ref>, "record": "<id as the list wrote
/// it>", "envelope": "<64 hex of the list.put>", "fields": {"surname": "…", …}, "unopened": false}`
/// with the values exactly as the list gave them (`record` is the entry id decoded,
/// ``EntryRef/recordID``);
/// `<terms>` is the body of `terms.set`. On duplicate rows the evidence's `a` is the value on the
/// `duplicate_of` entry and `b` the row's own. Numbers are rounded to 2 decimal places; a
/// non-finite number is written as null. Content sealed under a content key this party holds no
/// share of yet (PROTOCOL.md §5.19) is marked, not guessed: an `"unopened": true` entry has empty
/// `fields`, a `"note_unopened": true` note is `""`, an `"unopened": true` attestation has a null
/// `kind` and `date`; each becomes readable once the author shares its key and the party syncs. `version` changes only when a key is removed or its
/// meaning changes; adding keys does not change it.
package struct ExchangeJSONReport {
    /// The version of the structure above.
    static let version = 1

    /// The report to write.
    let report: ExchangeReport
    /// The options; only `generatedAt` is used.
    let options: ReportOptions

    /// The whole JSON document, each direction's rows written on every core.
    func render() -> String {
        var json = PrettyJSON()
        json.object(document()) { json, key, value in
            guard key == "directions" else { return value.write(to: &json) }
            json.array(report.reconciliation.directions) { json, direction in
                json.object(self.direction(direction)) { json, key, value in
                    guard key == "rows" else { return value.write(to: &json) }
                    json.array(concurrently: direction.rows, chunkSize: 256) { json, row in self.row(row).write(to: &json) }
                }
            }
        }
        return json.document()
    }

    /// The document's members; `directions` is written by `render`, a direction at a time.
    private func document() -> [String: JSONValue] {
        let state = report.state
        var document: [String: JSONValue] = [
            "version": .number(Double(Self.version)),
            "exchange": ["id": .string(state.exchange.hex), "title": .string(state.title)],
            "reconciliation": .string(report.reconciliation.hash),
            "participants": .array(state.participants.map { participant in
                [
                    "key_id": .string(participant.keyID.hex), "name": .string(participant.name),
                    "role": .string(participant.role.rawValue), "side": .string(participant.side.rawValue),
                ]
            }),
            "terms": terms,
            "priorities_as_of": .string(report.prioritiesAsOf.description),
            "open_disputes": .array(report.openDisputes.map { dispute in
                [
                    "id": .string(dispute.id.hex), "reason": .string(dispute.open.body.reason.rawValue),
                    "opener": party(dispute.opener), "about": .array(dispute.about.map(\.json)),
                    "note": .string(dispute.open.body.note), "note_unopened": .bool(dispute.open.body.remark.isUnopened),
                    "comments": .number(Double(dispute.comments.count)),
                ]
            }),
            "directions": .null,  // written by `render`
        ]
        if let generatedAt = options.generatedAt { document["generated_at"] = .string(generatedAt) }
        return document
    }

    /// The terms in force.
    private var terms: JSONValue {
        switch report.reconciliation.terms {
        case .none:
            ["status": "none", "terms": .null, "set_by": [], "conflicting": []]
        case let .agreed(terms, setBy):
            ["status": "agreed", "terms": terms.json, "set_by": .array(setBy.map(party)), "conflicting": []]
        case let .conflicting(set):
            [
                "status": "conflicting", "terms": .null, "set_by": [],
                "conflicting": .array(set.map { ["set_by": party($0.author), "terms": $0.body.json] }),
            ]
        }
    }

    /// One direction's members; `rows` is written by `render`, a row at a time.
    private func direction(_ direction: DirectionReport) -> [String: JSONValue] {
        [
            "direction": .string(direction.direction.rawValue),
            "hash": .string(direction.hash),
            "counts": Self.counts(direction.counts),
            "agreed": .number(Double(direction.counts[.agreed] ?? 0)),
            "terms_count": direction.termsCount.map { .number(Double($0)) } ?? .null,
            "meets_terms": direction.meetsTerms.map(JSONValue.bool) ?? .null,
            "priorities": Self.counts(report.priorities(direction)),
            "confirmed_by": .array(direction.confirmedBy.map(party)),
            "rows": .null,  // written by `render`
        ]
    }

    /// One row.
    private func row(_ row: ReconciliationRow) -> JSONValue {
        [
            "outcome": .string(row.outcome.rawValue),
            "match_outcome": .string(row.matchOutcome.rawValue),
            "request": row.request.map(Self.entry) ?? .null,
            "release": row.release.map(Self.entry) ?? .null,
            "duplicate_of": row.duplicateOf?.json ?? .null,
            "score": Self.number(row.score),
            "reasons": .array(row.reasons.map(JSONValue.string)),
            "evidence": .array(row.evidence.map { item in
                [
                    "field": .string(item.field.rawValue), "agreement": .string(item.agreement.rawValue),
                    "weight": Self.number(item.weight), "a": item.a.map(JSONValue.string) ?? .null,
                    "b": item.b.map(JSONValue.string) ?? .null,
                ]
            }),
            "alternatives": .array(row.alternatives.map(\.json)),
            "decisions": .array(row.decisions.map { decision in
                [
                    "same": .bool(decision.body.same), "author": party(decision.author),
                    "envelope": .string(decision.envelope.hex), "note": .string(decision.body.pair.note),
                    "note_unopened": .bool(decision.body.pair.remark.isUnopened),
                ]
            }),
            "disputes": .array(row.disputes.map { .string($0.hex) }),
            "registered": .array(row.registered.map(Self.entry)),
            "attestations": .array(report.attestations(of: row).map { attestation in
                [
                    "entry": attestation.body.entry.json, "kind": attestation.body.kind.map { .string($0.rawValue) } ?? .null,
                    "date": attestation.body.date.map { .string($0.description) } ?? .null,
                    "unopened": .bool(attestation.body.isUnopened), "author": party(attestation.author),
                    "envelope": .string(attestation.envelope.hex),
                ]
            }),
        ]
    }

    /// A key and its display name.
    private func party(_ key: KeyID) -> JSONValue {
        ["key_id": .string(key.hex), "name": .string(report.name(of: key))]
    }

    /// An entry: its reference, the put that set it, its fields.
    private static func entry(_ entry: ReconciledEntry) -> JSONValue {
        [
            "ref": entry.ref.json,
            "record": .string(entry.ref.recordID),
            "envelope": .string(entry.envelope.hex),
            "fields": .object(Dictionary(uniqueKeysWithValues: entry.fields.map { ($0.key.rawValue, JSONValue.string($0.value)) })),
            // A put always has a field (PutEntry), so an entry without one is a sealed record
            // this party cannot open yet.
            "unopened": .bool(entry.fields.isEmpty),
        ]
    }

    /// Counts keyed by raw value.
    private static func counts<Key: RawRepresentable<String>>(_ counts: [Key: Int]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, JSONValue.number(Double($0.value))) }))
    }

    /// A number rounded to 2 decimal places, or null.
    private static func number(_ value: Double?) -> JSONValue {
        value.flatMap(ReportFormatting.rounded).map(JSONValue.number) ?? .null
    }
}
