/// The last line of a pull stream: `{"end": {"count": k}}`. A stream without it is truncated.
public struct PullEnd: Codable, Hashable, Sendable {
    /// The `end` member.
    public struct End: Codable, Hashable, Sendable {
        /// How many envelope lines the stream carried.
        public var count: Int

        /// Names the count.
        public init(count: Int) {
            self.count = count
        }

        enum CodingKeys: String, CodingKey {
            case count
        }

        /// Decodes the member.
        ///
        /// - Throws: `DecodingError` for a missing, non-integer or negative count.
        public init(from decoder: any Decoder) throws {
            self.count = try decoder.container(keyedBy: CodingKeys.self).decodeCount(forKey: .count)
        }
    }

    /// The `end` member.
    public var end: End

    /// The end of a stream of `count` envelopes.
    public init(count: Int) {
        self.end = End(count: count)
    }

    /// How many envelope lines the stream carried.
    public var count: Int { end.count }
}
