import ParleyWire
public import Hummingbird
public import ParleyCrypto

/// The context of one request: Hummingbird's, plus who signed the request and its body.
public struct ParleyRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The key that signed the request, once ``RequestAuthenticator`` has checked it.
    public var signer: PublicKey?
    /// The request body, collected and checked against its `Content-Digest`.
    public var body: [UInt8] = []
    /// The peer's IP address, under which unauthenticated requests are budgeted.
    public let remoteAddress: String

    /// A context for a new request.
    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.remoteAddress = ConnectionGate.address(of: source.channel)
    }

    /// The authenticated signer.
    ///
    /// - Throws: ``ServerError`` `unauthenticated` if the request was not signed.
    func requireSigner() throws(ServerError) -> PublicKey {
        guard let signer else { throw ServerError(.unauthenticated, "the request must be signed") }
        return signer
    }
}
