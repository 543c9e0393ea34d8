/// Writes zip archives of stored (uncompressed) entries, so tests can build workbooks from
/// XML text: the fuzz test mutates the XML itself rather than the compressed bytes.
enum StoredZip {
    /// An archive holding `parts` in order.
    static func make(_ parts: [(path: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        func le16(_ v: Int, _ into: inout [UInt8]) { into += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: Int, _ into: inout [UInt8]) { le16(v & 0xFFFF, &into); le16((v >> 16) & 0xFFFF, &into) }
        for (path, bytes) in parts {
            let name = Array(path.utf8)
            let crc = Int(crc32(bytes))
            func common(_ into: inout [UInt8]) {
                le16(20, &into); le16(0, &into); le16(0, &into); le16(0, &into); le16(0x21, &into)
                le32(crc, &into); le32(bytes.count, &into); le32(bytes.count, &into)
                le16(name.count, &into); le16(0, &into)
            }
            let offset = out.count
            le32(0x0403_4B50, &out)
            common(&out)
            out += name + bytes
            le32(0x0201_4B50, &directory)
            le16(20, &directory)
            common(&directory)
            le16(0, &directory); le16(0, &directory); le16(0, &directory); le32(0, &directory)
            le32(offset, &directory)
            directory += name
        }
        let start = out.count
        out += directory
        le32(0x0605_4B50, &out)
        le16(0, &out); le16(0, &out); le16(parts.count, &out); le16(parts.count, &out)
        le32(directory.count, &out); le32(start, &out); le16(0, &out)
        return out
    }

    /// CRC-32 (IEEE), bit by bit: slow, and plenty for test data.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
