/// `GET /v1/exchanges/{id}/wait?size=N&timeout=S`: the log's size once it exceeds `N`, or at the
/// timeout. `{"size": M}`
public struct WaitResponse: Codable, Hashable, Sendable {
    /// The server log's size.
    public var size: Int

    /// Names the size.
    public init(size: Int) {
        self.size = size
    }

    enum CodingKeys: String, CodingKey {
        case size
    }

    /// Decodes the response.
    ///
    /// - Throws: `DecodingError` for a missing, non-integer or negative size.
    public init(from decoder: any Decoder) throws {
        self.size = try decoder.container(keyedBy: CodingKeys.self).decodeCount(forKey: .size)
    }
}
