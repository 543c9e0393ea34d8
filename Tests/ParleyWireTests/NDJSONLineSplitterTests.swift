import ParleyWire
import Testing

@Suite struct NDJSONLineSplitterTests {
    private func text(_ lines: [[UInt8]]) -> [String] {
        lines.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func splitsAcrossChunksAtEveryCut() throws {
        let stream = SyncFixture.bytes("{\"a\":1}\n\n[2,3]\n\"x\"\n")
        for cut in 0...stream.count {
            for second in cut...stream.count {
                var splitter = NDJSONLineSplitter(maxLineBytes: 16)
                var lines = try splitter.append(stream[0..<cut])
                lines += try splitter.append(stream[cut..<second])
                lines += try splitter.append(stream[second...])
                try splitter.finish()
                #expect(text(lines) == ["{\"a\":1}", "", "[2,3]", "\"x\""])
                #expect(splitter.lineCount == 4)
            }
        }
    }

    @Test func byteByByte() throws {
        var splitter = NDJSONLineSplitter(maxLineBytes: 8)
        var lines: [[UInt8]] = []
        for byte in SyncFixture.bytes("ab\ncd\n") {
            lines += try splitter.append([byte])
        }
        try splitter.finish()
        #expect(text(lines) == ["ab", "cd"])
    }

    @Test func aTruncatedLastLineIsReported() throws {
        var splitter = NDJSONLineSplitter(maxLineBytes: 16)
        #expect(text(try splitter.append(SyncFixture.bytes("one\ntw"))) == ["one"])
        #expect(splitter.hasPartialLine)
        #expect(throws: SyncError(code: .truncated, message: "")) { try splitter.finish() }
        do {
            try splitter.finish()
        } catch {
            #expect(error.message.contains("line 2"))
        }
    }

    @Test func linesAtTheLimitPassAndLongerOnesFailEarly() throws {
        var splitter = NDJSONLineSplitter(maxLineBytes: 4)
        #expect(text(try splitter.append(SyncFixture.bytes("abcd\n"))) == ["abcd"])
        #expect(try splitter.append(SyncFixture.bytes("abc")).isEmpty)
        // Fails before the newline arrives.
        #expect(throws: SyncError(code: .tooLarge, message: "")) { try splitter.append(SyncFixture.bytes("de")) }
        var other = NDJSONLineSplitter(maxLineBytes: 4)
        do {
            _ = try other.append(SyncFixture.bytes("ok\nabcde\n"))
            Issue.record("a 5-byte line passed a 4-byte limit")
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.message.contains("line 2"))
        }
    }

    @Test func anEmptyStreamIsComplete() throws {
        var splitter = NDJSONLineSplitter(maxLineBytes: 4)
        #expect(try splitter.append([UInt8]()).isEmpty)
        try splitter.finish()
    }
}
