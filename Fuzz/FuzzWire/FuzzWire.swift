import ParleyLog
import ParleyWire

/// libFuzzer entry: the sync wire decoders — NDJSON line splitting, push bodies (an envelope
/// per line), pull bodies, and every JSON message a client or server reads.
///
/// Properties: never crashes; the lines of a stream do not depend on where its chunks end; a
/// pull body the server takes is written back by the client as the same request.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWire(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let limit = 1 << 16
    // The stream whole, then in chunks cut where the first byte says.
    var whole = NDJSONLineSplitter(maxLineBytes: limit)
    let lines = try? whole.append(bytes)
    var chunked = NDJSONLineSplitter(maxLineBytes: limit)
    let step = max(1, Int(bytes.first ?? 1) % 17)
    var pieces: [[UInt8]]? = []
    var start = 0
    while start < bytes.count, pieces != nil {
        let end = min(bytes.count, start + step)
        if let more = try? chunked.append(bytes[start..<end]) { pieces! += more } else { pieces = nil }
        start = end
    }
    if let lines, let pieces, lines != pieces {
        fatalError("the lines of a stream depend on where its chunks end")
    }
    for line in lines ?? [] {
        // A push body line.
        _ = try? SignedEnvelope(parsing: line)
        // Pull stream lines.
        _ = try? WireJSON.decode(PullHeader.self, from: line)
        _ = try? WireJSON.decode(PullEnd.self, from: line)
    }
    // Whole bodies.
    // A pull body the server takes is written back by the client as the same request.
    if let request = try? PullRequest(parsing: bytes), (try? PullRequest(parsing: request.encoded())) != request {
        fatalError("a pull body does not survive being written again")
    }
    _ = try? WireJSON.decode(PushResponse.self, from: bytes)
    _ = try? WireJSON.decode(HeadsResponse.self, from: bytes)
    _ = try? WireJSON.decode(CheckpointResponse.self, from: bytes)
    _ = try? WireJSON.decode(WaitResponse.self, from: bytes)
    _ = try? WireJSON.decode(ServerInfo.self, from: bytes)
    _ = try? WireJSON.decode(ErrorBody.self, from: bytes)
    _ = try? WireJSON.decode(HeadsFile.self, from: bytes)
    return 0
}
