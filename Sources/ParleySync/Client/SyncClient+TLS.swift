public import ParleyWire
public import AsyncHTTPClient
import NIOCore
import NIOSSL

extension SyncClient {
    /// The HTTP client every ``SyncClient`` uses unless given another: the system's trust roots,
    /// and the connection rules of ``httpConfiguration(tls:)``. Shared by the whole process: never
    /// shut it down (`HTTPClient.shared`, which refuses to be, follows redirects and retries a
    /// refused connection for 90 s).
    package static let sharedHTTPClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration(tls: nil))

    /// How Parley talks HTTP to a sync server, one way for every client:
    /// - a server that is down or refuses the connection fails the request at once (within 10 s
    ///   for one that does not answer), instead of being retried until a deadline: `parley sync`
    ///   with the server away says so in a moment, and the next sync tries again;
    /// - redirects are not followed: a signed request goes only to the server it was signed for;
    /// - a response that stalls for 90 s fails (a long poll waits at most 60 s);
    /// - HTTP/1.1, no compression (the server sends none).
    ///
    /// - Parameter tls: The TLS configuration for `https://`; `nil`: the system's defaults.
    static func httpConfiguration(tls: TLSConfiguration?) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(90)),
            decompression: .disabled
        )
        configuration.httpVersion = .http1Only
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// An HTTP client for an `https://` server whose certificate is issued by the CA in
    /// `caFile` instead of one the system trusts (a private CA, or a test's throwaway one).
    ///
    /// The certificate is verified in full against that CA, host name included. Without a CA
    /// file, the default client (``sharedHTTPClient``) verifies against the system's trust roots.
    /// Either fails a connection that fails (a certificate the CA did not issue, a server not
    /// listening) at once instead of retrying it (``httpConfiguration(tls:)``).
    /// The caller shuts the client down when done.
    ///
    /// - Parameter caFile: A PEM file of one or more CA certificates.
    /// - Returns: The client.
    /// - Throws: ``SyncError/Code/unreachable`` naming the file when it holds no PEM certificate.
    public static func httpClient(trusting caFile: String) throws(SyncError) -> HTTPClient {
        let roots: [NIOSSLCertificate]
        do {
            roots = try NIOSSLCertificate.fromPEMFile(caFile)
        } catch {
            throw SyncError(code: .unreachable, message: "\(caFile): not a PEM CA certificate, or it cannot be read", cause: error)
        }
        guard !roots.isEmpty else {
            throw SyncError(code: .unreachable, message: "\(caFile): holds no certificate")
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(roots)
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        // A certificate the CA does not vouch for fails at once, as a refused connection does.
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration(tls: tls))
    }
}
