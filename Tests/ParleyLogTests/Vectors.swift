import Testing
import Foundation

/// Loads the JSON vector files under `Vectors/` in this target's resources.
enum Vectors {
    /// One canonicalization vector: JSON text and its canonical form per RFC 8785.
    struct Canonicalization: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let input: String
        let canonical: String
        var testDescription: String { name }
    }

    /// One row of RFC 8785 Appendix B: a double's bits and its JSON form (`nil` for NaN/Infinity).
    struct AppendixB: Decodable, Sendable, CustomTestStringConvertible {
        let bits: String
        let json: String?
        let note: String
        var value: Double { Double(bitPattern: UInt64(bits, radix: 16)!) }
        var testDescription: String { "\(bits) \(json ?? "error") \(note)" }
    }

    /// One generated number: bits, ECMAScript `String(v)`, and `v.toExponential(24)`.
    struct Number: Sendable {
        let bits: String
        let ecmascript: String
        let precise: String
        var value: Double { Double(bitPattern: UInt64(bits, radix: 16)!) }
    }

    /// `merkle.json`, written by `scripts/make-merkle-vectors.py` (an independent Python reference).
    struct Merkle: Decodable, Sendable {
        struct Consistency: Decodable, Sendable, CustomTestStringConvertible {
            let from: Int
            let to: Int
            let proof: [String]
            var testDescription: String { "\(from)→\(to)" }
        }

        struct Inclusion: Decodable, Sendable {
            let index: Int
            let size: Int
            let proof: [String]
        }

        let leafIds: [String]
        let leafHashes: [String]
        let roots: [String]
        let consistency: [Consistency]
        let inclusion: [Inclusion]
    }

    static func merkle() throws -> Merkle {
        try load("merkle", as: Merkle.self, snakeCase: true)
    }

    /// The raw bytes of a vector file in this target's resources.
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }

    static func canonicalization() throws -> [Canonicalization] {
        try load("canonicalization", as: [Canonicalization].self)
    }

    static func appendixB() throws -> [AppendixB] {
        try load("rfc8785-appendix-b", as: [AppendixB].self)
    }

    static func numbers() throws -> [Number] {
        try load("numbers-ecmascript", as: [[String]].self).map {
            Number(bits: $0[0], ecmascript: $0[1], precise: $0[2])
        }
    }

    private static func load<T: Decodable>(_ name: String, as type: T.Type, snakeCase: Bool = false) throws -> T {
        let decoder = JSONDecoder()
        if snakeCase {
            decoder.keyDecodingStrategy = .convertFromSnakeCase
        }
        return try decoder.decode(type, from: data(name))
    }
}
