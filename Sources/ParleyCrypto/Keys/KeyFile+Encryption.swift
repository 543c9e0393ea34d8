extension KeyFile {
    /// Writes the encryption key `key` to a new file at `path` with mode `0600`, atomically, with
    /// the same discipline as an identity key (see ``write(_:to:replacing:)``).
    ///
    /// The file is what `openssl genpkey -algorithm x25519 -out key.pem` makes, with mode `0600`.
    ///
    /// - Parameters:
    ///   - key: The key to store.
    ///   - path: Where to store it; its directory must exist.
    ///   - replacing: Whether to replace a file already at `path`; by default never, since losing
    ///     the key loses every content key shared to it.
    /// - Throws: ``CryptoError/Code/keyFileExists`` if a file is at `path` and `replacing` is
    ///   false; ``CryptoError/Code/keyFileWriteFailed`` if the file cannot be written.
    public static func write(_ key: EncryptionKey, to path: String, replacing: Bool = false) throws {
        try writePEM(key.pkcs8PEM(), to: path, replacing: replacing)
    }

    /// Reads the encryption key stored at `path`, with the same checks as ``read(from:)``.
    ///
    /// - Parameter path: A file as ``write(_:to:replacing:)-(EncryptionKey,_,_)`` or
    ///   `openssl genpkey -algorithm x25519` writes it.
    /// - Returns: The key.
    /// - Throws: ``CryptoError/Code/keyFileMissing``, ``CryptoError/Code/keyFileUnreadable`` or
    ///   ``CryptoError/Code/keyFilePermissions`` as for an identity key;
    ///   ``CryptoError/Code/invalidKey`` if it does not hold an unencrypted X25519 private key in
    ///   PEM (an identity key file is refused).
    public static func readEncryptionKey(from path: String) throws -> EncryptionKey {
        try readPEM(from: path, holding: "an X25519 private key") { try EncryptionKey(pkcs8PEM: $0) }
    }
}
