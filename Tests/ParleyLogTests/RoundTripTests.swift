import ParleyLog
import Testing

/// A seeded generator, so every run checks the same values.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct RoundTripTests {
    private static func randomScalar(using rng: inout SplitMix64) -> Unicode.Scalar {
        while true {
            let value: UInt32 = switch rng.next() % 4 {
            case 0: UInt32(rng.next() % 0x80)
            case 1: UInt32(rng.next() % 0x800)
            case 2: UInt32(rng.next() % 0x10000)
            default: UInt32(rng.next() % 0x110000)
            }
            let noncharacter = (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
            if !noncharacter, let scalar = Unicode.Scalar(value) { return scalar }
        }
    }

    private static func randomString(using rng: inout SplitMix64) -> String {
        var string = String.UnicodeScalarView()
        for _ in 0..<(rng.next() % 12) {
            string.append(randomScalar(using: &rng))
        }
        return String(string)
    }

    private static func randomValue(depth: Int, using rng: inout SplitMix64) -> JSONValue {
        switch rng.next() % (depth < 4 ? 7 : 5) {
        case 0: return .null
        case 1: return .bool(rng.next() & 1 == 0)
        case 2:
            let double = Double(bitPattern: rng.next())
            return .number(double.isFinite ? double : Double(Int64(bitPattern: rng.next()) >> 20) / 1000)
        case 3, 4: return .string(randomString(using: &rng))
        case 5: return .array((0..<(rng.next() % 5)).map { _ in randomValue(depth: depth + 1, using: &rng) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<(rng.next() % 6) {
                members[randomString(using: &rng)] = randomValue(depth: depth + 1, using: &rng)
            }
            return .object(members)
        }
    }

    /// value → canonical → parse gives the value back, and canonicalizing again changes nothing.
    @Test func randomValuesRoundTrip() throws {
        var rng = SplitMix64(state: 0x5EED)
        for _ in 0..<2_000 {
            let value = Self.randomValue(depth: 0, using: &rng)
            let canonical = try value.canonicalBytes()
            let parsed = try JSONValue(parsing: canonical)
            #expect(parsed == value)
            #expect(try parsed.canonicalBytes() == canonical)
            #expect(CanonicalJSON.isCanonical(canonical))
        }
    }

    /// The UTF-16 member order holds for random names, checked against Swift's own UTF-16 view.
    @Test func membersAreInUTF16Order() throws {
        var rng = SplitMix64(state: 0x0DE7)
        for _ in 0..<300 {
            var members: [String: JSONValue] = [:]
            for _ in 0..<(2 + rng.next() % 10) {
                members[Self.randomString(using: &rng)] = .null
            }
            let canonical = try JSONValue.object(members).canonicalBytes()
            let expected = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            let names = try expected.map { String(decoding: try JSONValue.string($0).canonicalBytes(), as: UTF8.self) }
            let expectedText = "{" + names.map { $0 + ":null" }.joined(separator: ",") + "}"
            #expect(String(decoding: canonical, as: UTF8.self) == expectedText)
        }
    }
}
