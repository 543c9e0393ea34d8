public import ParleyCrypto
import ParleyLog

/// `POST /v1/exchanges/{id}/pull` body: what the client has.
///
/// `{"have": {"<author hex>": seq, …}, "checkpoint": M|null}`; `checkpoint` is the size of the
/// last checkpoint the client verified, for a consistency proof from it. The one reader and the
/// one writer of the body: the client writes it with ``encoded()``, the server reads it with
/// ``init(parsing:)``.
public struct PullRequest: Hashable, Sendable {
    /// The last `seq` the client holds of each author.
    public var have: [KeyID: Int]
    /// The size of the client's last verified checkpoint, if any.
    public var checkpoint: Int?

    /// Names the parts.
    public init(have: [KeyID: Int], checkpoint: Int?) {
        self.have = have
        self.checkpoint = checkpoint
    }

    /// The body: RFC 8785 canonical JSON, with `"checkpoint": null` when there is none.
    ///
    /// - Throws: ``SyncError/Code/malformedMessage`` for a seq or size outside 0 … 2^53 − 1,
    ///   which no server would take.
    public func encoded() throws(SyncError) -> [UInt8] {
        guard have.values.allSatisfy(Self.isWireInteger), checkpoint.map(Self.isWireInteger) ?? true else {
            throw SyncError(code: .malformedMessage, message: "a pull body's seqs and size are integers 0 … 2^53 − 1")
        }
        var versions: [String: JSONValue] = [:]
        for (author, seq) in have { versions[author.hex] = .number(Double(seq)) }
        let value: JSONValue = [
            "checkpoint": checkpoint.map { .number(Double($0)) } ?? .null,
            "have": .object(versions),
        ]
        do {
            return try CanonicalJSON.encode(value)
        } catch {
            throw SyncError(code: .malformedMessage, message: "a pull body cannot be serialized", cause: error)
        }
    }

    /// Reads a body strictly, as the protocol says: an I-JSON object with `have` (author key ids,
    /// 64 lowercase hex digits, to seqs) and optionally `checkpoint` (a size or `null`), nothing
    /// else; every seq and size an integer 0 … 2^53 − 1.
    ///
    /// - Throws: ``SyncError/Code/malformedMessage`` naming what is wrong (never a value).
    public init(parsing body: some Collection<UInt8>) throws(SyncError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: body)
        } catch {
            throw SyncError(code: .malformedMessage, message: "a pull body must be a JSON object: \(error.message)", cause: error)
        }
        guard let object = value.objectValue else {
            throw SyncError(code: .malformedMessage, message: "a pull body must be a JSON object")
        }
        guard Set(object.keys).isSubset(of: ["have", "checkpoint"]) else {
            throw SyncError(code: .malformedMessage, message: "a pull body has only `have` and `checkpoint`")
        }
        guard let versions = object["have"]?.objectValue else {
            throw SyncError(code: .malformedMessage, message: "a pull body must have `have`, an object of author key ids to seqs")
        }
        var have: [KeyID: Int] = [:]
        for (hex, seq) in versions {
            guard let author = KeyID(hex: hex) else {
                throw SyncError(code: .malformedMessage, message: "`have` maps author key ids (64 lowercase hex digits) to seqs")
            }
            guard let seq = seq.intValue, Self.isWireInteger(seq) else {
                throw SyncError(code: .malformedMessage, message: "`have` maps each author to the highest seq held, an integer 0 … 2^53 − 1")
            }
            have[author] = seq
        }
        var checkpoint: Int?
        if let size = object["checkpoint"], !size.isNull {
            guard let size = size.intValue, Self.isWireInteger(size) else {
                throw SyncError(code: .malformedMessage, message: "`checkpoint` must be a log size (an integer 0 … 2^53 − 1) or null")
            }
            checkpoint = size
        }
        self.init(have: have, checkpoint: checkpoint)
    }

    private static func isWireInteger(_ value: Int) -> Bool {
        (0...WireInteger.maximum).contains(value)
    }
}
