/// What checking a request's signature found: a verified request, or why it is refused.
///
/// Replays are not judged here: pass a valid request's key id, nonce and `created` to a
/// ``ReplayGuard``.
public enum RequestVerdict: Hashable, Sendable {
    /// The signature is valid, recent, and the body matches its digest.
    case valid(VerifiedRequest)
    /// The request does not prove who sent it (answer `unauthenticated`, 401).
    case unauthenticated(UnauthenticatedReason)
    /// The signature was made outside the accepted time (answer `stale_request`, 401).
    case stale(StaleReason)
    /// The body does not hash to the signed `Content-Digest` (answer `digest_mismatch`, 400).
    case digestMismatch

    /// Why a request is unauthenticated; each description is safe to show.
    public enum UnauthenticatedReason: Hashable, Sendable, CustomStringConvertible {
        /// A header the protocol requires is absent (its lowercase name).
        case missingHeader(String)
        /// A signature header or the digest breaks its grammar; the text says how.
        case malformed(String)
        /// No admitted key has the signature's key id.
        case unknownKey
        /// `alg` is missing or not `ed25519`.
        case wrongAlgorithm
        /// `tag` is missing or not `parley/v1/request`.
        case wrongTag
        /// A component the protocol requires is not covered (its name).
        case componentNotCovered(String)
        /// A covered component this verifier cannot compute (its name).
        case unsupportedComponent(String)
        /// The covered components are not exactly the protocol's, in its order, without parameters.
        case componentsNotAsSpecified
        /// The signature parameters are not exactly the protocol's, in its order, each once.
        case parametersNotAsSpecified
        /// `Signature-Input` is not written as RFC 8941 serializes it (white space, a repeated
        /// member or parameter), so it has more than one spelling.
        case notSerialized
        /// The signature does not verify with the key.
        case badSignature

        /// A sentence for logs and error bodies.
        public var description: String {
            switch self {
            case let .missingHeader(name): "the request has no `\(name)` header"
            case let .malformed(detail): detail
            case .unknownKey: "the signing key is not known here"
            case .wrongAlgorithm: "the signature's `alg` must be `\(RequestSignature.algorithm)`"
            case .wrongTag: "the signature's `tag` must be `\(RequestSignature.tag)`"
            case let .componentNotCovered(name): "the signature does not cover `\(name)`"
            case let .unsupportedComponent(name): "the signature covers `\(name)`, which is not supported"
            case .componentsNotAsSpecified:
                "the signature must cover exactly \(RequestSignature.requiredComponents.map { "`\($0)`" }.joined(separator: ", ")), in that order"
            case .parametersNotAsSpecified:
                "the signature parameters must be exactly \(RequestSignature.parameterOrder.map { "`\($0)`" }.joined(separator: ", ")), in that order"
            case .notSerialized: "`Signature-Input` must be written as RFC 8941 serializes it (no extra white space or repeated keys)"
            case .badSignature: "the signature does not verify"
            }
        }
    }

    /// Why a request is stale; each description is safe to show.
    public enum StaleReason: Hashable, Sendable, CustomStringConvertible {
        /// `created` is further than the window from the verifier's clock.
        case outsideWindow
        /// `created` is before the earliest time the verifier accepts (e.g. its start).
        case beforeNotBefore

        /// A sentence for logs and error bodies.
        public var description: String {
            switch self {
            case .outsideWindow: "the signature's `created` is too far from the server's clock"
            case .beforeNotBefore: "the signature was created before the server started"
            }
        }
    }

    /// The protocol's error code for a refusal, `nil` for ``valid(_:)``.
    public var wireErrorCode: WireErrorCode? {
        switch self {
        case .valid: nil
        case .unauthenticated: .unauthenticated
        case .stale: .staleRequest
        case .digestMismatch: .digestMismatch
        }
    }
}
