import NIOSSL
import ParleyWire

/// The PEM files a server serves HTTPS with (`parley serve --tls-cert --tls-key`).
public struct TLSFiles: Sendable, Hashable {
    /// The certificate chain, leaf first (PEM).
    public var certificatePath: String
    /// The certificate's private key (PEM).
    public var keyPath: String

    /// Names the two files.
    public init(certificatePath: String, keyPath: String) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }

    /// NIOSSL's server configuration: TLS 1.2 or later, the chain and key from the files.
    ///
    /// - Throws: ``ServerError`` `internal` naming the file that cannot be read as PEM.
    func serverConfiguration() throws(ServerError) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw ServerError(.internal, "\(certificatePath): not a PEM certificate chain, or it cannot be read")
        }
        guard !chain.isEmpty else { throw ServerError(.internal, "\(certificatePath): holds no certificate") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw ServerError(.internal, "\(keyPath): not a PEM private key, or it cannot be read")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)
        )
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
