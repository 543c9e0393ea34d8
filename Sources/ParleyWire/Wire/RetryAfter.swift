/// The protocol's `Retry-After` rule: a `429 rate_limited` or `503 unavailable` answer may say,
/// in seconds, when to try again; a client waits that long and retries with a new signature.
public enum RetryAfter {
    /// How long to wait before retrying, or `nil` when the answer asks for no retry: another
    /// status, no `Retry-After`, or one that is not delta-seconds (an HTTP date is not followed).
    /// A wait of 0 counts as 1 s, so that retries never spin.
    ///
    /// - Parameters:
    ///   - status: The response's status code.
    ///   - header: The `Retry-After` field value, if any.
    /// - Returns: The wait.
    public static func delay(status: Int, header: String?) -> Duration? {
        guard status == 429 || status == 503, let header else { return nil }
        guard let seconds = WireInteger.parse(header.trimmingSpacesAndTabs()) else { return nil }
        return .seconds(max(seconds, 1))
    }
}
