import ParleyWire
import ParleyCrypto
import ParleyLog
import ParleyMatch

/// Reading and checking a push body: NDJSON of signed envelopes.
enum PushBody {
    /// The body's lines, within the limits.
    ///
    /// - Throws: ``ServerError`` `too_large` past a limit, `malformed_request` for an empty body.
    static func lines(of body: [UInt8], limits: ServerLimits) throws(ServerError) -> [ArraySlice<UInt8>] {
        var lines = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { throw ServerError(.malformedRequest, "a push must carry at least one envelope") }
        guard lines.count <= limits.maxBatch else {
            throw ServerError(.tooLarge, "a push may carry at most \(limits.maxBatch) envelopes; send them in several")
        }
        if let index = lines.firstIndex(where: { $0.count > limits.maxEnvelopeBytes }) {
            throw ServerError(
                .tooLarge, "envelope \(index) is larger than \(limits.maxEnvelopeBytes) bytes",
                details: ["index": .number(Double(index))]
            )
        }
        return lines
    }

    /// Parses every line as a signed envelope, on every core.
    ///
    /// - Throws: ``ServerError`` `malformed_envelope` naming the first line that is not one.
    static func parse(_ lines: [ArraySlice<UInt8>]) throws(ServerError) -> [SignedEnvelope] {
        let parsed = lines.concurrentMap(chunkSize: 256) { line in
            Result { () throws(LogError) in try SignedEnvelope(parsing: line) }
        }
        var envelopes: [SignedEnvelope] = []
        envelopes.reserveCapacity(parsed.count)
        for (index, result) in parsed.enumerated() {
            switch result {
            case let .success(envelope): envelopes.append(envelope)
            case let .failure(error):
                throw ServerError(
                    .malformedEnvelope, "envelope \(index) is not a signed envelope: \(error.message)",
                    details: ["index": .number(Double(index))]
                )
            }
        }
        return envelopes
    }
}

/// Reading a pull body: `{"have": {author: seq}, "checkpoint": size|null}`.
enum PullBody {
    /// The version vector and the size of the client's last checkpoint.
    ///
    /// - Throws: ``ServerError`` `malformed_request` naming what is wrong.
    static func parse(_ body: [UInt8]) throws(ServerError) -> (have: [KeyID: Int], checkpoint: Int?) {
        guard let value = try? JSONValue(parsing: body), let object = value.objectValue else {
            throw ServerError(.malformedRequest, "a pull body must be a JSON object")
        }
        guard Set(object.keys).isSubset(of: ["have", "checkpoint"]), let haveObject = object["have"]?.objectValue else {
            throw ServerError(.malformedRequest, "a pull body has `have` (an object) and optionally `checkpoint`")
        }
        var have: [KeyID: Int] = [:]
        for (key, seq) in haveObject {
            guard let author = KeyID(hex: key), let seq = seq.intValue, (0...WireInteger.maximum).contains(seq) else {
                throw ServerError(.malformedRequest, "`have` maps author key ids to the highest seq held")
            }
            have[author] = seq
        }
        var checkpoint: Int?
        if let member = object["checkpoint"], !member.isNull {
            guard let size = member.intValue, (0...WireInteger.maximum).contains(size) else {
                throw ServerError(.malformedRequest, "`checkpoint` must be a log size or null")
            }
            checkpoint = size
        }
        return (have, checkpoint)
    }
}
