import ParleyCrypto
import ParleyLog

extension ExchangeBundle {
    /// Reads a bundle, checking its form: the header, the announced count, each line a signed
    /// envelope of the exchange, the end line's count and digest, and nothing after it.
    ///
    /// - Parameters:
    ///   - bytes: The whole file.
    ///   - limits: Line length and envelope count limits.
    /// - Throws: ``SyncError`` whose message names the 1-based line and what is wrong:
    ///   ``SyncError/Code/malformedBundle`` (bad header or end line, data after the end),
    ///   ``SyncError/Code/unsupportedVersion``, ``SyncError/Code/countMismatch``,
    ///   ``SyncError/Code/digestMismatch``, ``SyncError/Code/truncated`` (no end line, or a last
    ///   line without its newline), ``SyncError/Code/malformedEnvelope``,
    ///   ``SyncError/Code/wrongExchange`` or ``SyncError/Code/tooLarge``.
    public init(reading bytes: some Collection<UInt8>, limits: Limits = .default) throws(SyncError) {
        var splitter = NDJSONLineSplitter(maxLineBytes: limits.maxLineBytes)
        let lines = try splitter.append(bytes)
        guard let headerLine = lines.first else {
            try splitter.finish()
            throw SyncError(code: .truncated, message: "the bundle is empty")
        }
        let header = try Self.header(headerLine, limits: limits)
        var envelopes: [SignedEnvelope] = []
        envelopes.reserveCapacity(min(header.count, lines.count))
        var hasher = SHA256()
        for index in 0..<header.count {
            let number = index + 2
            guard number <= lines.count else {
                try splitter.finish()
                throw SyncError(
                    code: .truncated,
                    message: "the bundle ends after \(index) of \(header.count) envelopes, without its end line"
                )
            }
            let line = lines[number - 1]
            let envelope: SignedEnvelope
            do {
                envelope = try SignedEnvelope(parsing: line)
            } catch {
                if Self.isEndLine(line) {
                    throw SyncError(
                        code: .countMismatch,
                        message: "line \(number): the end line comes after \(index) envelopes, but the header announces \(header.count)"
                    )
                }
                throw SyncError(
                    code: .malformedEnvelope, message: "line \(number) is not a signed envelope: \(error.message)", cause: error
                )
            }
            guard Self.belongs(envelope, to: header.exchange) else {
                throw SyncError(code: .wrongExchange, message: "line \(number): the envelope belongs to another exchange")
            }
            hasher.update(line)
            hasher.update([UInt8(ascii: "\n")])
            envelopes.append(envelope)
        }
        let endNumber = header.count + 2
        guard endNumber <= lines.count else {
            try splitter.finish()
            throw SyncError(code: .truncated, message: "line \(endNumber): the end line is missing")
        }
        let endLine = lines[endNumber - 1]
        if (try? SignedEnvelope(parsing: endLine)) != nil {
            throw SyncError(
                code: .countMismatch,
                message: "line \(endNumber): more envelopes than the \(header.count) the header announces"
            )
        }
        let end = try Self.end(endLine, number: endNumber)
        guard end.count == header.count else {
            throw SyncError(
                code: .countMismatch,
                message: "line \(endNumber): the end line counts \(end.count) envelopes, the header \(header.count)"
            )
        }
        guard end.sha256 == hasher.finalize() else {
            throw SyncError(code: .digestMismatch, message: "line \(endNumber): the envelope lines do not hash to the end line's sha256")
        }
        guard lines.count == endNumber, !splitter.hasPartialLine else {
            throw SyncError(code: .malformedBundle, message: "line \(endNumber + 1): data after the end line")
        }
        self.init(exchange: header.exchange, envelopes: envelopes, checkpoints: header.checkpoints)
    }

    private struct Header {
        var exchange: ExchangeID
        var count: Int
        var checkpoints: [SignedCheckpoint]
    }

    /// Reads line 1.
    private static func header(_ line: [UInt8], limits: Limits) throws(SyncError) -> Header {
        func bad(_ detail: String) -> SyncError {
            SyncError(code: .malformedBundle, message: "line 1 is not a bundle header: \(detail)")
        }
        guard let value = try? JSONValue(parsing: line), let members = value.objectValue else {
            throw bad("it is not a JSON object")
        }
        guard let version = members["parley_bundle"] else { throw bad("it has no `parley_bundle`") }
        guard let number = version.intValue else { throw bad("`parley_bundle` must be an integer") }
        guard number == formatVersion else {
            throw SyncError(
                code: .unsupportedVersion,
                message: "line 1: bundle version \(number) is not supported (this version reads \(formatVersion))"
            )
        }
        guard Set(members.keys) == ["parley_bundle", "exchange", "count", "checkpoints"] else {
            throw bad("it must have exactly `parley_bundle`, `exchange`, `count` and `checkpoints`")
        }
        guard let hex = members["exchange"]?.stringValue, let exchange = ExchangeID(hex: hex) else {
            throw bad("`exchange` must be 64 lowercase hex digits")
        }
        guard let count = members["count"]?.intValue, count >= 0 else {
            throw bad("`count` must be an integer ≥ 0")
        }
        guard count <= limits.maxCount else {
            throw SyncError(code: .tooLarge, message: "line 1: \(count) envelopes exceed the limit of \(limits.maxCount)")
        }
        guard let list = members["checkpoints"]?.arrayValue else {
            throw bad("`checkpoints` must be an array of signed checkpoints")
        }
        var checkpoints: [SignedCheckpoint] = []
        for (index, item) in list.enumerated() {
            let checkpoint: SignedCheckpoint
            do {
                checkpoint = try SignedCheckpoint(json: item)
            } catch {
                throw bad("`checkpoints[\(index)]` is not a signed checkpoint (\(error.message))")
            }
            guard checkpoint.checkpoint.exchange == exchange else {
                throw bad("`checkpoints[\(index)]` is of another exchange")
            }
            checkpoints.append(checkpoint)
        }
        return Header(exchange: exchange, count: count, checkpoints: checkpoints)
    }

    /// Reads the end line.
    private static func end(_ line: [UInt8], number: Int) throws(SyncError) -> (count: Int, sha256: [UInt8]) {
        let shape = "`{\"end\": {\"count\": k, \"sha256\": hex}}`"
        guard let value = try? JSONValue(parsing: line), let members = value.objectValue,
              members.count == 1, let end = members["end"]?.objectValue, end.count == 2,
              let count = end["count"]?.intValue, count >= 0,
              let hex = end["sha256"]?.stringValue
        else {
            throw SyncError(code: .malformedBundle, message: "line \(number) is not an end line \(shape)")
        }
        guard let digest = Hex.decode(hex, count: SHA256.byteCount) else {
            throw SyncError(code: .malformedBundle, message: "line \(number): `sha256` must be 64 lowercase hex digits")
        }
        return (count, digest)
    }

    /// Whether `line` looks like an end line (an object whose only member is `end`).
    private static func isEndLine(_ line: [UInt8]) -> Bool {
        guard let members = (try? JSONValue(parsing: line))?.objectValue else { return false }
        return members.count == 1 && members["end"] != nil
    }
}
