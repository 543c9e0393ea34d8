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
                    json.array(concurrently: direction.rows, chunkSize: 256) { json, row in self.write(row, to: &json) }
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

    /// One row, written straight into the text: its keys are fixed and sorted once (``Self/rowKeys``),
    /// so a report of 180,000 rows builds no tree per row (it took most of `--format json`).
    private func write(_ row: ReconciliationRow, to json: inout PrettyJSON) {
        json.object(Self.rowKeys) { json, member in
            switch member {
            case 0: json.string(row.outcome.rawValue)
            case 1: json.string(row.matchOutcome.rawValue)
            case 2: Self.write(row.request, to: &json)
            case 3: Self.write(row.release, to: &json)
            case 4: if let ref = row.duplicateOf { Self.write(ref, to: &json) } else { json.null() }
            case 5: json.number(row.score.flatMap(ReportFormatting.rounded))
            case 6: json.array(row.reasons) { $0.string($1) }
            case 7: JSONReport.write(row.evidence, to: &json)
            case 8: json.array(row.alternatives) { json, ref in Self.write(ref, to: &json) }
            case 9:
                json.array(row.decisions) { json, decision in
                    json.object(Self.decisionKeys) { json, member in
                        switch member {
                        case 0: json.bool(decision.body.same)
                        case 1: write(party: decision.author, to: &json)
                        case 2: json.string(decision.envelope.hex)
                        case 3: json.string(decision.body.pair.note)
                        default: json.bool(decision.body.pair.remark.isUnopened)
                        }
                    }
                }
            case 10: json.array(row.disputes) { $0.string($1.hex) }
            case 11: json.array(row.registered) { json, entry in Self.write(entry, to: &json) }
            default:
                json.array(report.attestations(of: row)) { json, attestation in
                    json.object(Self.attestationKeys) { json, member in
                        switch member {
                        case 0: Self.write(attestation.body.entry, to: &json)
                        case 1: json.string(attestation.body.kind?.rawValue)
                        case 2: json.string(attestation.body.date?.description)
                        case 3: json.bool(attestation.body.isUnopened)
                        case 4: write(party: attestation.author, to: &json)
                        default: json.string(attestation.envelope.hex)
                        }
                    }
                }
            }
        }
    }

    /// A key and its display name (`<party>` above), as ``party(_:)`` gives it.
    private func write(party key: KeyID, to json: inout PrettyJSON) {
        json.object(Self.partyKeys) { json, member in
            json.string(member == 0 ? key.hex : report.name(of: key))
        }
    }

    /// An entry (`<entry>` above): its reference, the put that set it, its fields.
    private static func write(_ entry: ReconciledEntry?, to json: inout PrettyJSON) {
        guard let entry else { return json.null() }
        json.object(entryKeys) { json, member in
            switch member {
            case 0: write(entry.ref, to: &json)
            case 1: json.string(entry.ref.recordID)
            case 2: json.string(entry.envelope.hex)
            case 3:
                json.object(fieldKeys, where: { entry.fields[fields[$0]] != nil }) { json, member in
                    json.string(entry.fields[fields[member]])
                }
            // A put always has a field (PutEntry), so an entry without one is a sealed record
            // this party cannot open yet.
            default: json.bool(entry.fields.isEmpty)
            }
        }
    }

    /// An entry reference (`<ref>` above), as `EntryRef.json` gives it.
    private static func write(_ ref: EntryRef, to json: inout PrettyJSON) {
        json.object(refKeys) { json, member in
            switch member {
            case 0: json.string(ref.list.side.rawValue)
            case 1: json.string(ref.list.kind.rawValue)
            case 2: json.string(ref.author.hex)
            default: json.string(ref.entry)
            }
        }
    }

    private static let rowKeys = PrettyJSON.Keys([
        "outcome", "match_outcome", "request", "release", "duplicate_of", "score", "reasons", "evidence", "alternatives",
        "decisions", "disputes", "registered", "attestations",
    ])
    private static let decisionKeys = PrettyJSON.Keys(["same", "author", "envelope", "note", "note_unopened"])
    private static let attestationKeys = PrettyJSON.Keys(["entry", "kind", "date", "unopened", "author", "envelope"])
    private static let partyKeys = PrettyJSON.Keys(["key_id", "name"])
    private static let entryKeys = PrettyJSON.Keys(["ref", "record", "envelope", "fields", "unopened"])
    private static let refKeys = PrettyJSON.Keys(["side", "list", "author", "entry"])
    private static let fields = Field.allCases
    private static let fieldKeys = PrettyJSON.Keys(fields.map(\.rawValue))

    /// A key and its display name.
    private func party(_ key: KeyID) -> JSONValue {
        ["key_id": .string(key.hex), "name": .string(report.name(of: key))]
    }

    /// Counts keyed by raw value.
    private static func counts<Key: RawRepresentable<String>>(_ counts: [Key: Int]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, JSONValue.number(Double($0.value))) }))
    }
}
