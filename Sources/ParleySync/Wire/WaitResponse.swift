/// `GET /v1/exchanges/{id}/wait?size=N&timeout=S`: the log's size once it exceeds `N`, or at the
/// timeout. `{"size": M}`
public struct WaitResponse: Codable, Hashable, Sendable {
    /// The server log's size.
    public var size: Int

    /// Names the size.
    public init(size: Int) {
        self.size = size
    }
}
