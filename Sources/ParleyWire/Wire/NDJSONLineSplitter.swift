/// Splits an NDJSON stream into lines as its bytes arrive, chunk by chunk.
///
/// Each line ends with `\n`; the lines handed out exclude it. A line longer than
/// ``maxLineBytes`` fails as soon as that is known, without buffering the rest. At the end of
/// the stream, ``finish()`` reports bytes after the last newline as a truncated line.
///
/// ```swift
/// var splitter = NDJSONLineSplitter(maxLineBytes: 1 << 20)
/// for try await chunk in body {
///     for line in try splitter.append(chunk) { try handle(line) }
/// }
/// try splitter.finish()
/// ```
public struct NDJSONLineSplitter: Sendable {
    /// The longest line accepted, in bytes, without its newline.
    public let maxLineBytes: Int

    /// Complete lines handed out so far.
    public private(set) var lineCount = 0

    private var partial: [UInt8] = []

    /// A splitter at the start of a stream.
    ///
    /// - Parameter maxLineBytes: The longest line accepted, in bytes, without its newline.
    public init(maxLineBytes: Int) {
        precondition(maxLineBytes >= 0, "a line limit cannot be negative")
        self.maxLineBytes = maxLineBytes
    }

    /// Feeds the next bytes of the stream.
    ///
    /// - Parameter chunk: The bytes, split anywhere.
    /// - Returns: The lines this chunk completes, in order, without their newlines.
    /// - Throws: ``SyncError/Code/tooLarge`` naming the (1-based) line that exceeds the limit.
    public mutating func append(_ chunk: some Collection<UInt8>) throws(SyncError) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = chunk.startIndex
        while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let piece = chunk[start..<newline]
            try checkLength(partial.count + piece.count)
            partial.append(contentsOf: piece)
            lines.append(partial)
            partial = []
            lineCount += 1
            start = chunk.index(after: newline)
        }
        let rest = chunk[start...]
        try checkLength(partial.count + rest.count)
        partial.append(contentsOf: rest)
        return lines
    }

    /// Ends the stream.
    ///
    /// - Throws: ``SyncError/Code/truncated`` if bytes follow the last newline (a line was cut).
    public func finish() throws(SyncError) {
        guard partial.isEmpty else {
            throw SyncError(
                code: .truncated,
                message: "line \(lineCount + 1) has no newline: the stream ended in the middle of it"
            )
        }
    }

    /// Whether bytes of an unfinished line are held.
    public var hasPartialLine: Bool { !partial.isEmpty }

    private func checkLength(_ length: Int) throws(SyncError) {
        guard length <= maxLineBytes else {
            throw SyncError(
                code: .tooLarge,
                message: "line \(lineCount + 1) is longer than the limit of \(maxLineBytes) bytes"
            )
        }
    }
}
