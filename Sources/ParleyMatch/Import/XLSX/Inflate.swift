/// A raw DEFLATE (RFC 1951) decoder for zip entries, after Mark Adler's `puff.c`.
///
/// Written here rather than taken from ZIPFoundation, whose Linux inflate loop reads past its
/// input chunk and never ends on a truncated stream; this one checks every read and write
/// against its bounds and stops with `Failure` on any malformed stream or at the output limit.
struct Inflate {
    /// The stream is malformed, truncated, or inflates beyond the limit.
    struct Failure: Error, Sendable {}

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    private struct Huffman {
        var count = [Int](repeating: 0, count: 16)
        var symbol: [Int]

        /// Builds the code from code lengths; returns it with 0 when complete, > 0 when
        /// incomplete, < 0 when over-subscribed.
        static func make(_ lengths: ArraySlice<Int>) -> (Huffman, Int) {
            var h = Huffman(symbol: [Int](repeating: 0, count: lengths.count))
            for length in lengths { h.count[length] += 1 }
            if h.count[0] == lengths.count { return (h, 0) }
            var left = 1
            for length in 1...15 {
                left <<= 1
                left -= h.count[length]
                if left < 0 { return (h, left) }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + h.count[length] }
            for (symbol, length) in lengths.enumerated() where length != 0 {
                h.symbol[offsets[length]] = symbol
                offsets[length] += 1
            }
            return (h, left)
        }
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                     67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
                                      5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
                                       769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
                                        11, 11, 12, 12, 13, 13]
    private static let fixedCodes: (Huffman, Huffman) = {
        var lengths = [Int](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        return (Huffman.make(lengths[...]).0, Huffman.make([Int](repeating: 5, count: 30)[...]).0)
    }()

    private let input: [UInt8]
    private let limit: Int
    private var position = 0
    private var bitBuffer = 0
    private var bitCount = 0
    private var output: [UInt8] = []

    /// Inflates a raw DEFLATE stream.
    ///
    /// - Parameters:
    ///   - input: The compressed bytes.
    ///   - limit: The most bytes the output may have.
    /// - Returns: The decompressed bytes.
    /// - Throws: `Failure` for a malformed or truncated stream, or output beyond `limit`.
    static func decompress(_ input: ArraySlice<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        var state = Inflate(input: Array(input), limit: limit)
        var last = 0
        repeat {
            last = try state.bits(1)
            switch try state.bits(2) {
            case 0: try state.stored()
            case 1: try state.codes(fixedCodes.0, fixedCodes.1)
            case 2: try state.dynamic()
            default: throw Failure()
            }
        } while last == 0
        return state.output
    }

    private init(input: [UInt8], limit: Int) {
        self.input = input
        self.limit = limit
    }

    private mutating func bits(_ need: Int) throws(Failure) -> Int {
        while bitCount < need {
            guard position < input.count else { throw Failure() }
            bitBuffer |= Int(input[position]) << bitCount
            position += 1
            bitCount += 8
        }
        let value = bitBuffer & ((1 << need) - 1)
        bitBuffer >>= need
        bitCount -= need
        return value
    }

    private mutating func stored() throws(Failure) {
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw Failure() }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let check = Int(input[position + 2]) | Int(input[position + 3]) << 8
        position += 4
        guard length == ~check & 0xFFFF, position + length <= input.count,
              output.count + length <= limit else { throw Failure() }
        output += input[position..<(position + length)]
        position += length
    }

    private mutating func decode(_ h: Huffman) throws(Failure) -> Int {
        var code = 0
        var first = 0
        var index = 0
        for length in 1...15 {
            code |= try bits(1)
            let count = h.count[length]
            if code - count < first {
                let at = index + (code - first)
                guard h.symbol.indices.contains(at) else { throw Failure() }
                return h.symbol[at]
            }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw Failure()
    }

    private mutating func codes(_ lengths: Huffman, _ distances: Huffman) throws(Failure) {
        while true {
            var symbol = try decode(lengths)
            if symbol < 256 {
                guard output.count < limit else { throw Failure() }
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                symbol -= 257
                guard symbol < 29 else { throw Failure() }
                let length = Self.lengthBase[symbol] + (try bits(Self.lengthExtra[symbol]))
                let d = try decode(distances)
                guard d < 30 else { throw Failure() }
                let distance = Self.distanceBase[d] + (try bits(Self.distanceExtra[d]))
                guard distance <= output.count, output.count + length <= limit else { throw Failure() }
                var from = output.count - distance
                for _ in 0..<length {
                    output.append(output[from])
                    from += 1
                }
            }
        }
    }

    private mutating func dynamic() throws(Failure) {
        let lengthCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeCount = try bits(4) + 4
        guard lengthCount <= 286, distanceCount <= 30 else { throw Failure() }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var lengths = [Int](repeating: 0, count: 320)
        for i in 0..<codeCount { lengths[order[i]] = try bits(3) }
        let (codeLengths, incomplete) = Huffman.make(lengths[0..<19])
        guard incomplete == 0 else { throw Failure() }
        var index = 0
        while index < lengthCount + distanceCount {
            var symbol = try decode(codeLengths)
            if symbol < 16 {
                lengths[index] = symbol
                index += 1
                continue
            }
            var repeated = 0
            switch symbol {
            case 16:
                guard index > 0 else { throw Failure() }
                repeated = lengths[index - 1]
                symbol = 3 + (try bits(2))
            case 17:
                symbol = 3 + (try bits(3))
            default:
                symbol = 11 + (try bits(7))
            }
            guard index + symbol <= lengthCount + distanceCount else { throw Failure() }
            for _ in 0..<symbol {
                lengths[index] = repeated
                index += 1
            }
        }
        guard lengths[256] != 0 else { throw Failure() }
        let (lengthCode, lengthLeft) = Huffman.make(lengths[0..<lengthCount])
        guard lengthLeft == 0 || (lengthLeft > 0 && lengthCount - lengthCode.count[0] == 1) else { throw Failure() }
        let (distanceCode, distanceLeft) = Huffman.make(lengths[lengthCount..<(lengthCount + distanceCount)])
        guard distanceLeft == 0 || (distanceLeft > 0 && distanceCount - distanceCode.count[0] == 1) else {
            throw Failure()
        }
        try codes(lengthCode, distanceCode)
    }
}
