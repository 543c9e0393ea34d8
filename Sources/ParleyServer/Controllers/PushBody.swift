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
