#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import COpenSSL

/// Reads and writes a ``SigningKey`` as a PEM file (unencrypted PKCS#8) that only its owner may read.
///
/// The file is what `openssl genpkey -algorithm ed25519 -out key.pem` makes, with mode `0600`.
/// Like OpenSSH, ``read(from:)`` refuses a file that group or others may read or write.
public enum KeyFile {
    /// The largest file ``read(from:)`` reads; an Ed25519 key in PEM is about 120 bytes.
    static let maximumByteCount = 64 * 1024

    /// Writes `key` to a new file at `path` with mode `0600`, atomically.
    ///
    /// The key goes first to a temporary file with mode `0600` in the same directory, is flushed to
    /// disk, then takes the final name in one step, so no reader ever sees a partial key or a key
    /// file with looser permissions.
    ///
    /// - Parameters:
    ///   - key: The key to store.
    ///   - path: Where to store it; its directory must exist.
    ///   - replacing: Whether to replace a file already at `path`. By default an existing key is
    ///     never overwritten, since losing it loses an identity.
    /// - Throws: ``CryptoError/Code/keyFileExists`` if a file is at `path` and `replacing` is
    ///   false; ``CryptoError/Code/keyFileWriteFailed`` if the file cannot be written.
    public static func write(_ key: SigningKey, to path: String, replacing: Bool = false) throws {
        try writePEM(key.pkcs8PEM(), to: path, replacing: replacing)
    }

    /// Writes the private key `pem` to a new file at `path` with mode `0600`, atomically, as
    /// ``write(_:to:replacing:)`` describes; shared by every kind of key file.
    static func writePEM(_ pem: String, to path: String, replacing: Bool) throws {
        let directory = directoryName(of: path)
        var template = Array("\(directory)/.\(baseName(of: path)).tmp-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw systemError(.keyFileWriteFailed, "cannot create a file in \(directory)", path: path)
        }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var linked = false
        defer {
            if !linked { unlink(temporary) }
        }
        do {
            defer { close(descriptor) }
            guard fchmod(descriptor, 0o600) == 0 else {
                throw systemError(.keyFileWriteFailed, "cannot set mode 0600 on a new key file", path: path)
            }
            var pem = pem
            try pem.withUTF8 { try writeAll($0, to: descriptor, path: path) }
            guard fsync(descriptor) == 0 else {
                throw systemError(.keyFileWriteFailed, "cannot flush key file \(path) to disk", path: path)
            }
        }
        if replacing {
            guard rename(temporary, path) == 0 else {
                throw systemError(.keyFileWriteFailed, "cannot put key file in place at \(path)", path: path)
            }
            linked = true
        } else {
            // link() fails if the name is taken, which rename() would silently replace.
            guard link(temporary, path) == 0 else {
                if errno == EEXIST {
                    throw CryptoError(
                        code: .keyFileExists,
                        message: "a file is already at \(path); not replacing it",
                        path: path
                    )
                }
                throw systemError(.keyFileWriteFailed, "cannot put key file in place at \(path)", path: path)
            }
        }
        syncDirectory(directory)
    }

    /// Reads the key stored at `path`.
    ///
    /// - Parameter path: A file as ``write(_:to:replacing:)`` or `openssl genpkey` writes it.
    /// - Returns: The key.
    /// - Throws: ``CryptoError/Code/keyFileMissing`` if nothing is at `path`;
    ///   ``CryptoError/Code/keyFileUnreadable`` if it cannot be read or is not a regular file;
    ///   ``CryptoError/Code/keyFilePermissions`` if group or others have any access to it (the
    ///   message names the path and the mode); ``CryptoError/Code/invalidKey`` if it does not hold
    ///   an unencrypted Ed25519 private key in PEM.
    public static func read(from path: String) throws -> SigningKey {
        try readPEM(from: path, holding: "an Ed25519 private key") { try SigningKey(pkcs8PEM: $0) }
    }

    /// Reads the private key file at `path` with the checks ``read(from:)`` describes and hands
    /// its text to `parse`; shared by every kind of key file.
    ///
    /// - Parameters:
    ///   - kind: What the file should hold, for the message when `parse` refuses it.
    ///   - parse: Makes the key from the PEM text.
    static func readPEM<Key>(from path: String, holding kind: String, _ parse: (String) throws -> Key) throws -> Key {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ENOTDIR {
                throw CryptoError(code: .keyFileMissing, message: "no key file at \(path)", path: path)
            }
            throw systemError(.keyFileUnreadable, "cannot open key file \(path)", path: path)
        }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw systemError(.keyFileUnreadable, "cannot inspect key file \(path)", path: path)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw CryptoError(code: .keyFileUnreadable, message: "\(path) is not a regular file", path: path)
        }
        let mode = Int(status.st_mode & 0o7777)
        guard mode & 0o077 == 0 else {
            let octal = "0" + String(mode, radix: 8)
            throw CryptoError(
                code: .keyFilePermissions,
                message: "key file \(path) has mode \(octal), which gives group or others access; "
                    + "it must be accessible to its owner only (chmod 600 \(path))",
                path: path
            )
        }

        var bytes = try readAll(descriptor, path: path)
        defer { bytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
        do {
            return try parse(String(decoding: bytes, as: UTF8.self))
        } catch {
            throw CryptoError(
                code: .invalidKey,
                message: "key file \(path): \((error as? CryptoError)?.message ?? "not \(kind)")",
                path: path
            )
        }
    }

    /// Reads the whole open file, up to ``maximumByteCount``.
    private static func readAll(_ descriptor: Int32, path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        defer { chunk.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw systemError(.keyFileUnreadable, "cannot read key file \(path)", path: path)
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
            guard bytes.count <= maximumByteCount else {
                throw CryptoError(
                    code: .invalidKey,
                    message: "key file \(path) is too large to hold a key",
                    path: path
                )
            }
        }
    }

    /// Writes all of `bytes` to the open file, retrying short and interrupted writes.
    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw systemError(.keyFileWriteFailed, "cannot write key file \(path)", path: path)
            }
            offset += written
        }
    }

    /// Flushes a directory entry change to disk; best effort, as some file systems refuse it.
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// An error for a failed system call, with the system's reason (`strerror(errno)`).
    private static func systemError(
        _ code: CryptoError.Code, _ what: String, path: String, line: Int = #line
    ) -> CryptoError {
        let reason = String(cString: strerror(errno))
        return CryptoError(code: code, message: "\(what): \(reason)", path: path, line: line)
    }

    /// The directory part of `path`: `.` for a bare name, `/` for a file at the root.
    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// The last component of `path`.
    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

/// `read(2)`, under a name that `KeyFile.read(from:)` does not shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// `write(2)`, under a name that `KeyFile.write(_:to:replacing:)` does not shadow.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
