internal import COpenSSL

/// Reads and empties libcrypto's error queue (one per thread).
enum OpenSSLErrorQueue {
    /// OpenSSL's own text for the oldest queued error (the root cause), e.g.
    /// `error:1E08010C:DECODER routines::unsupported`, or `nil` if the queue is empty.
    /// Empties the queue either way, so a later failure does not report a stale reason.
    static func drain() -> String? {
        let code = ERR_get_error()
        defer { ERR_clear_error() }
        guard code != 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        let text = buffer.withUnsafeMutableBufferPointer { buffer -> String in
            ERR_error_string_n(code, buffer.baseAddress, buffer.count)
            return String(cString: buffer.baseAddress!)
        }
        return text
    }

    /// Empties the queue without reading it, after an expected failure (a bad signature).
    static func clear() {
        ERR_clear_error()
    }
}

extension CryptoError {
    /// An error for a libcrypto call that failed, carrying OpenSSL's reason and emptying its queue.
    ///
    /// - Parameters:
    ///   - what: What was being done, e.g. `Ed25519 signing failed`.
    ///   - code: The code to report (``CryptoError/Code/openSSL`` unless the input is to blame).
    ///   - path: The file involved, if any.
    static func openSSL(
        _ what: String,
        code: Code = .openSSL,
        path: String? = nil,
        file: String = #fileID,
        line: Int = #line
    ) -> CryptoError {
        let reason = OpenSSLErrorQueue.drain().map { " (OpenSSL: \($0))" } ?? ""
        return CryptoError(code: code, message: what + reason, path: path, file: file, line: line)
    }
}
