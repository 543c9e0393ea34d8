import Foundation

/// A document of `protocol/vectors/` (snake_case keys): where it is and how it is read, for every
/// vector file the tests check and, with `PARLEY_WRITE_VECTORS=1`, write.
protocol ProtocolVectorFile: Decodable {
    /// The file's name in `protocol/vectors/`.
    static var fileName: String { get }
}

extension ProtocolVectorFile {
    /// The file, relative to this source file.
    static var fileURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("protocol/vectors/\(fileName)")
    }

    /// The file as it is in the repository.
    static func load() throws -> Self {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Self.self, from: Data(contentsOf: fileURL))
    }
}

extension ProtocolVectorFile where Self: Encodable {
    /// The file as it is in the repository, after writing `computed` to it when
    /// `PARLEY_WRITE_VECTORS=1` (pretty-printed, sorted keys, snake_case, a final newline).
    static func load(writing computed: Self) throws -> Self {
        if ProcessInfo.processInfo.environment["PARLEY_WRITE_VECTORS"] == "1" {
            var data = try EnvelopeVectors.encoder.encode(computed)
            data.append(0x0a)
            try data.write(to: fileURL)
        }
        return try load()
    }
}
