internal import CZlib

/// Raw DEFLATE (RFC 1951) decoding of zip entries through the system zlib, the most fuzzed
/// decompressor there is.
///
/// The output is written in chunks and refused the moment it would pass the limit, so a
/// part that claims to be small but inflates to gigabytes (a zip bomb) costs at most the limit.
enum Inflate {
    /// The stream is malformed, truncated, or inflates beyond the limit.
    struct Failure: Error, Sendable {}

    /// The size of the buffer zlib writes into before it is appended to the output.
    private static let chunkSize = 64 << 10

    /// Inflates a raw DEFLATE stream.
    ///
    /// - Parameters:
    ///   - input: The compressed bytes.
    ///   - limit: The most bytes the output may have.
    /// - Returns: The decompressed bytes.
    /// - Throws: `Failure` for a malformed or truncated stream, or output beyond `limit`.
    static func decompress(_ input: ArraySlice<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        guard input.count <= Int(UInt32.max) else { throw Failure() }
        var stream = z_stream()
        guard parley_inflateInit2(&stream, -MAX_WBITS) == Z_OK else { throw Failure() }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, 16 << 20))
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let finished = input.withUnsafeBufferPointer { source -> Bool in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunkSize - Int(stream.avail_out)
                guard output.count + produced <= limit else { return false }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END: return true
                case Z_OK: if produced == 0 && stream.avail_in == 0 { return false }  // truncated
                default: return false  // Z_DATA_ERROR, Z_BUF_ERROR (truncated), Z_NEED_DICT, Z_MEM_ERROR
                }
            }
        }
        guard finished else { throw Failure() }
        return output
    }

    /// CRC-32 (IEEE 802.3), as zip entries are checked with, through zlib.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            var crc = CZlib.crc32(0, nil, 0)
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let length = min(buffer.count - offset, 1 << 30)
                crc = CZlib.crc32(crc, base + offset, UInt32(length))
                offset += length
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }
}
