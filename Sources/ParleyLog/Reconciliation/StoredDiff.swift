import ParleyCrypto
import ParleyMatch

/// Where a reconciliation keeps the matching engine's diffs between commands, so that an
/// unchanged pair of lists is not matched again (a replica keeps them in a table).
///
/// A diff is kept under a key that pins both lists' contents (``StoredDiff/key(_:_:)``): a
/// change to either list changes the key, so a kept diff is always the engine's answer for
/// exactly those lists.
public protocol DiffStore: Sendable {
    /// The diff kept under `key`, as bytes of ``StoredDiff/encoded(_:)``, if any.
    func diffBytes(for key: String) -> [UInt8]?
    /// Keeps a diff's bytes under `key`. A store that keeps only the latest diffs counts each
    /// shelf (``StoredDiff/Shelf/of(key:)``) on its own: the registry's checks, made again
    /// whenever a decision changes who is unoffered, must not push out the diffs of the lists,
    /// which cost seconds to make again at 100,000 people.
    func keep(diffBytes: [UInt8], for key: String)
}

/// The engine's diff of two lists in a compact binary form: each row refers to its records by
/// their index in the lists it was computed from (the reconciliation numbers records 0, 1, 2… in
/// list order), so it is read back against lists of the same sizes; the reconciliation reads
/// only those indexes, so it reads a kept diff back over records that carry their index alone.
public enum StoredDiff {
    /// What a kept diff matched: a direction's two lists, or unoffered people against the
    /// mediator's registry. Its key says which (``key(_:_:shelf:)``).
    public enum Shelf: String, Sendable {
        case lists
        case registry

        /// What the keys of this shelf's diffs begin with (``StoredDiff/key(_:_:shelf:)``): a
        /// store tells the shelves apart by the key alone.
        public var keyPrefix: String {
            switch self {
            case .lists: ""
            case .registry: "registry/"
            }
        }

        /// The shelf of a diff kept under `key`.
        public static func of(key: String) -> Shelf {
            key.hasPrefix(Shelf.registry.keyPrefix) ? .registry : .lists
        }
    }

    /// Bump when the matching engine, the way records are built from entries, or this format
    /// changes: kept diffs and kept reconciliation summaries under another version are never read.
    /// (2: entries' partial dates are read as `list import` reads them; 3: only-a rows name
    /// their nearest candidates; 4: the key marks entries this party could not open yet, and a
    /// diff kept by an earlier version may have been matched while they were sealed.)
    package static let version = "parley-diff/4"

    /// The key of the diff of `a` against `b`: the hex SHA-256 of the format version, the lists'
    /// names and every record's entry envelope id, in order, each followed by `!` when this party
    /// cannot open the entry yet (its record is empty until then, under the same envelope).
    static func key(_ a: (name: String, pins: [EntryPin]), _ b: (name: String, pins: [EntryPin]), shelf: Shelf = .lists) -> String {
        var bytes = Array("\(version)\n\(a.name)\n\(a.pins.count)\n\(b.name)\n\(b.pins.count)\n".utf8)
        bytes.reserveCapacity(bytes.count + 64 * (a.pins.count + b.pins.count))
        for pin in a.pins + b.pins {
            bytes += pin.envelope.utf8
            if pin.isUnopened { bytes.append(UInt8(ascii: "!")) }
        }
        return shelf.keyPrefix + Hex.encode(SHA256.hash(bytes))
    }

    /// The diff's bytes.
    static func encoded(_ diff: DiffResult) -> [UInt8] {
        var out = ByteWriter()
        out.int(diff.rows.count)
        for row in diff.rows {
            out.int(Outcome.allCases.firstIndex(of: row.outcome) ?? 0)
            out.record(row.a)
            out.record(row.b)
            out.record(row.duplicateOf)
            out.double(row.score)
            out.int(row.reasons.count)
            for reason in row.reasons { out.string(reason) }
            out.int(row.evidence.count)
            for evidence in row.evidence {
                out.int(Field.allCases.firstIndex(of: evidence.field) ?? 0)
                out.int(Agreement.allCases.firstIndex(of: evidence.agreement) ?? 0)
                out.double(evidence.weight)
                out.optionalString(evidence.a)
                out.optionalString(evidence.b)
            }
            for candidates in [row.alternatives, row.nearest] {
                out.int(candidates.count)
                for candidate in candidates {
                    out.string(candidate.list)
                    out.string(candidate.id)
                    out.double(candidate.score)
                }
            }
        }
        return out.bytes
    }

    /// The diff read back over `a` and `b`, the lists it was computed from or lists of records
    /// that carry only the same indexes (the rows take their records from them by index); `nil`
    /// if the bytes are not a diff of lists of these sizes.
    static func decoded(_ bytes: [UInt8], a: PersonList, b: PersonList) -> DiffResult? {
        var reader = ByteReader(bytes: bytes)
        func record(_ list: PersonList) -> Record?? {
            guard let index = reader.int() else { return nil }
            if index == 0 { return .some(nil) }
            guard index - 1 < list.records.count else { return nil }
            return .some(list.records[index - 1])
        }
        guard let count = reader.int(), count <= bytes.count else { return nil }
        var rows: [DiffRow] = []
        rows.reserveCapacity(count)
        for _ in 0..<count {
            guard let outcomeIndex = reader.int(), outcomeIndex < Outcome.allCases.count else { return nil }
            let outcome = Outcome.allCases[outcomeIndex]
            let duplicateList = outcome == .duplicateB ? b : a
            guard let ra = record(a), let rb = record(b), let rd = record(duplicateList), let score = reader.double() else { return nil }
            guard let reasonCount = reader.int(), reasonCount <= bytes.count else { return nil }
            var reasons: [String] = []
            for _ in 0..<reasonCount {
                guard let reason = reader.string() else { return nil }
                reasons.append(reason)
            }
            guard let evidenceCount = reader.int(), evidenceCount <= bytes.count else { return nil }
            var evidence: [FieldEvidence] = []
            for _ in 0..<evidenceCount {
                guard let field = reader.int(), field < Field.allCases.count,
                      let agreement = reader.int(), agreement < Agreement.allCases.count,
                      let weight = reader.double(), let weightValue = weight,
                      let va = reader.optionalString(), let vb = reader.optionalString()
                else { return nil }
                evidence.append(FieldEvidence(
                    field: Field.allCases[field], agreement: Agreement.allCases[agreement], weight: weightValue, a: va, b: vb
                ))
            }
            func candidates() -> [DiffRow.Alternative]? {
                guard let count = reader.int(), count <= bytes.count else { return nil }
                var out: [DiffRow.Alternative] = []
                for _ in 0..<count {
                    guard let list = reader.string(), let id = reader.string(), let score = reader.double(), let value = score else { return nil }
                    out.append(DiffRow.Alternative(list: list, id: id, score: value))
                }
                return out
            }
            guard let alternatives = candidates(), let nearest = candidates() else { return nil }
            rows.append(DiffRow(
                outcome: outcome, a: ra, b: rb, duplicateOf: rd, score: score, reasons: reasons,
                evidence: evidence, alternatives: alternatives, nearest: nearest
            ))
        }
        guard reader.isAtEnd else { return nil }
        return DiffResult(listA: a.name, listB: b.name, recordCounts: (a.records.count, b.records.count), rows: rows)
    }
}

/// Writes varints, doubles and length-prefixed UTF-8.
private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        var rest = UInt64(max(0, value))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A record by its id, which the reconciliation makes its index: 0 for none, index + 1.
    mutating func record(_ record: Record?) {
        int(record.flatMap { Int($0.id) }.map { $0 + 1 } ?? 0)
    }

    mutating func double(_ value: Double?) {
        guard let value else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
    }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        int(utf8.count)
        bytes += utf8
    }

    mutating func optionalString(_ value: String?) {
        guard let value else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        string(value)
    }
}

/// Reads what ``ByteWriter`` wrote; `nil` on anything else.
private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    var isAtEnd: Bool { position == bytes.count }

    mutating func int() -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 63 {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return Int(exactly: value) }
            shift += 7
        }
        return nil
    }

    /// A double or none: `nil` when unreadable, `.some(nil)` for none.
    mutating func double() -> Double?? {
        guard position < bytes.count else { return nil }
        let flag = bytes[position]
        position += 1
        if flag == 0 { return .some(nil) }
        guard flag == 1, position + 8 <= bytes.count else { return nil }
        var bits: UInt64 = 0
        for offset in 0..<8 { bits |= UInt64(bytes[position + offset]) << (8 * UInt64(offset)) }
        position += 8
        return .some(Double(bitPattern: bits))
    }

    mutating func string() -> String? {
        guard let count = int(), count <= bytes.count - position else { return nil }
        defer { position += count }
        return String(decoding: bytes[position..<position + count], as: UTF8.self)
    }

    /// A string or none: `nil` when unreadable, `.some(nil)` for none.
    mutating func optionalString() -> String?? {
        guard position < bytes.count else { return nil }
        let flag = bytes[position]
        position += 1
        if flag == 0 { return .some(nil) }
        guard flag == 1, let text = string() else { return nil }
        return .some(text)
    }
}
