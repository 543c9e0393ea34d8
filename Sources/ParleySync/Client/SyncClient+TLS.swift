public import ParleyWire
public import AsyncHTTPClient
import NIOSSL

extension SyncClient {
    /// An HTTP client for an `https://` server whose certificate is issued by the CA in
    /// `caFile` instead of one the system trusts (a private CA, or a test's throwaway one).
    ///
    /// The certificate is verified in full against that CA, host name included. Without a CA
    /// file, the default client (``SyncClient/init(server:key:http:clock:meter:)``'s `.shared`)
    /// verifies against the system's trust roots. A connection that fails (a certificate the CA
    /// did not issue, a server not listening) fails the request at once instead of being retried.
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
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.httpVersion = .http1Only
        // A certificate the CA does not vouch for fails at once rather than being retried until
        // the request's deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
