import Foundation

/// A zip archive read in memory: its directory, every offset and size checked against the bytes,
/// and its parts inflated and CRC-checked on request.
///
/// Not ZIPFoundation's `Archive`: fed hostile bytes (the fuzz tests), on Linux it traps when an
/// offset points past the end of in-memory data, reads past its input chunk when inflating,
/// and loops forever on a truncated deflate stream. Lists come from outside, so the reader
/// must only ever fail with an error. Parts are inflated by the system zlib (`Inflate`), never
/// beyond the size their entry declares. ZIP64 archives are not read (a list is far below 4 GiB).
struct ZipDirectory {
    /// One stored file.
    struct Entry {
        var method: Int
        var crc: Int
        var uncompressedSize: Int
        /// Where the compressed bytes lie in the archive.
        var data: Range<Int>
    }

    /// Why an archive or a part cannot be read.
    struct Failure: Error, Sendable {
        var reason: String
    }

    /// The entries by path; the first entry wins when a path occurs twice.
    private(set) var entries: [String: Entry] = [:]
    private let bytes: [UInt8]

    /// Reads an archive's directory.
    ///
    /// - Throws: `Failure` when the bytes are no zip archive or any entry lies outside them.
    init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        guard let eocd = ZipDirectory.findEndRecord(bytes),
              let count = u16(eocd + 10), let size = u32(eocd + 12), let offset = u32(eocd + 16) else {
            throw Failure(reason: "no zip end record")
        }
        guard count != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else {
            throw Failure(reason: "ZIP64 archives are not read")
        }
        guard offset + size <= eocd else { throw Failure(reason: "the central directory lies outside the file") }
        var at = offset
        for _ in 0..<count {
            guard u32(at) == 0x0201_4B50, let method = u16(at + 10), 
                  let crc = u32(at + 16), let compressed = u32(at + 20),
                  let uncompressed = u32(at + 24), let nameLength = u16(at + 28), let extraLength = u16(at + 30),
                  let commentLength = u16(at + 32), let local = u32(at + 42),
                  at + 46 + nameLength <= offset + size else {
                throw Failure(reason: "a central directory entry is malformed")
            }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            at += 46 + nameLength + extraLength + commentLength
            guard u32(local) == 0x0403_4B50, let localName = u16(local + 26), let localExtra = u16(local + 28) else {
                throw Failure(reason: "a local header is malformed")
            }
            let start = local + 30 + localName + localExtra
            guard start + compressed <= bytes.count else { throw Failure(reason: "an entry lies outside the file") }
            if entries[name] == nil {
                entries[name] = Entry(method: method, crc: crc,
                                      uncompressedSize: uncompressed, data: start..<(start + compressed))
            }
        }
    }

    /// The uncompressed bytes of the part at `path`, or nil when the archive has none.
    ///
    /// - Parameters:
    ///   - path: The part's path in the archive.
    ///   - limit: The most bytes the part may inflate to.
    /// - Throws: `Failure` for an unknown compression method, a corrupt stream, a size or CRC
    ///   mismatch, or a part over the limit.
    func extract(_ path: String, limit: Int) throws(Failure) -> Data? {
        guard let entry = entries[path] else { return nil }
        guard entry.uncompressedSize <= limit else { throw Failure(reason: "\(path) is too large") }
        let stored = bytes[entry.data]
        let content: [UInt8]
        switch entry.method {
        case 0:
            content = Array(stored)
        case 8:
            do {
                content = try Inflate.decompress(stored, limit: entry.uncompressedSize)
            } catch {
                throw Failure(reason: "\(path) is corrupt")
            }
        default:
            throw Failure(reason: "\(path) uses an unknown compression")
        }
        guard content.count == entry.uncompressedSize, Int(Inflate.crc32(content)) == entry.crc else {
            throw Failure(reason: "\(path) is corrupt")
        }
        return Data(content)
    }

    /// The offset of the end-of-central-directory record: the last signature within the
    /// 22 + 65,535 bytes that may hold it.
    private static func findEndRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var at = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while at >= lowest {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x05, bytes[at + 3] == 0x06 { return at }
            at -= 1
        }
        return nil
    }

    private func u16(_ at: Int) -> Int? {
        guard at >= 0, at + 2 <= bytes.count else { return nil }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    private func u32(_ at: Int) -> Int? {
        guard at >= 0, at + 4 <= bytes.count else { return nil }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
    }
}
