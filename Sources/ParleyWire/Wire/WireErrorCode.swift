/// An error code of the wire protocol (`{"error":{"code": …}}`), with its HTTP status.
///
/// Codes are open: one this version does not know still decodes, keeps its text, and maps to 500.
public struct WireErrorCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The snake_case code, e.g. `seq_gap`.
    public let rawValue: String

    /// A code from its text.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The body is not the JSON the endpoint takes. 400.
    public static let malformedRequest = Self(rawValue: "malformed_request")
    /// An envelope is not a well-formed signed envelope. 400.
    public static let malformedEnvelope = Self(rawValue: "malformed_envelope")
    /// The body does not match its `Content-Digest`. 400.
    public static let digestMismatch = Self(rawValue: "digest_mismatch")
    /// The request signature is missing, malformed, by an unknown key or invalid. 401.
    public static let unauthenticated = Self(rawValue: "unauthenticated")
    /// The request signature's `created` is outside the server's window. 401.
    public static let staleRequest = Self(rawValue: "stale_request")
    /// The (key id, nonce) was already used within the window. 401.
    public static let replayedRequest = Self(rawValue: "replayed_request")
    /// An envelope's signature does not verify. 422.
    public static let badSignature = Self(rawValue: "bad_signature")
    /// The signer is not admitted. 403.
    public static let forbidden = Self(rawValue: "forbidden")
    /// The signer is not a participant of the exchange. 403.
    public static let notAParticipant = Self(rawValue: "not_a_participant")
    /// The author's role may not perform the operation. 403.
    public static let roleNotAllowed = Self(rawValue: "role_not_allowed")
    /// The server does not hold the exchange. 404.
    public static let unknownExchange = Self(rawValue: "unknown_exchange")
    /// Every participant erased the exchange and the server dropped its sealed envelopes
    /// (PROTOCOL.md §5.20): there is no log left to read or extend. 410.
    public static let exchangeErased = Self(rawValue: "exchange_erased")
    /// No such resource. 404.
    public static let notFound = Self(rawValue: "not_found")
    /// An envelope belongs to another exchange. 422.
    public static let wrongExchange = Self(rawValue: "wrong_exchange")
    /// An envelope's `seq` skips past the author's head. 409.
    public static let seqGap = Self(rawValue: "seq_gap")
    /// An envelope's `prev` is not the author's head. 409.
    public static let prevMismatch = Self(rawValue: "prev_mismatch")
    /// Two different envelopes claim the same place in an author's chain. 409.
    public static let equivocation = Self(rawValue: "equivocation")
    /// An envelope's author is not a participant of the exchange. 422.
    public static let unknownAuthor = Self(rawValue: "unknown_author")
    /// A body, line or batch exceeds the server's limits. 413.
    public static let tooLarge = Self(rawValue: "too_large")
    /// The method is not one the path takes (TRACE, PUT, a GET of a POST route…). 405.
    public static let methodNotAllowed = Self(rawValue: "method_not_allowed")
    /// The request body did not arrive in time. 408.
    public static let requestTimeout = Self(rawValue: "request_timeout")
    /// The signer (or, unauthenticated, the address) is past its request budget; retry after
    /// `Retry-After` seconds. 429.
    public static let rateLimited = Self(rawValue: "rate_limited")
    /// The server failed. 500.
    public static let `internal` = Self(rawValue: "internal")
    /// The server cannot serve now; retry later. 503.
    public static let unavailable = Self(rawValue: "unavailable")

    /// Every code this version knows, with its HTTP status.
    public static let statuses: [WireErrorCode: Int] = [
        .malformedRequest: 400, .malformedEnvelope: 400, .digestMismatch: 400,
        .unauthenticated: 401, .staleRequest: 401, .replayedRequest: 401,
        .badSignature: 422, .forbidden: 403, .notAParticipant: 403, .roleNotAllowed: 403,
        .unknownExchange: 404, .exchangeErased: 410, .notFound: 404, .wrongExchange: 422,
        .seqGap: 409, .prevMismatch: 409, .equivocation: 409, .unknownAuthor: 422,
        .tooLarge: 413, .methodNotAllowed: 405, .requestTimeout: 408, .rateLimited: 429,
        .internal: 500, .unavailable: 503,
    ]

    /// The HTTP status the server answers with; 500 for a code this version does not know.
    public var httpStatus: Int {
        Self.statuses[self] ?? 500
    }

    /// Whether this version knows the code.
    public var isKnown: Bool {
        Self.statuses[self] != nil
    }

    /// The snake_case text.
    public var description: String { rawValue }

    /// Decodes the code's text.
    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the code's text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
