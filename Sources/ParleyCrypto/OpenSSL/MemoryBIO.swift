internal import COpenSSL

/// Owns one memory `BIO` (an in-memory buffer OpenSSL reads PEM from and writes PEM to) and frees
/// it in `deinit`. Not `Sendable`: reading and writing move its position.
final class MemoryBIO {
    /// The owned `BIO *`; valid for the life of this object.
    let pointer: OpaquePointer

    /// An empty memory BIO to write into.
    ///
    /// - Throws: ``CryptoError/Code/openSSL`` if OpenSSL cannot allocate it.
    init() throws {
        guard let pointer = BIO_new(BIO_s_mem()) else {
            throw CryptoError.openSSL("cannot allocate a memory BIO")
        }
        self.pointer = pointer
    }

    /// A memory BIO holding a copy of `text`'s UTF-8 bytes, to read from.
    ///
    /// - Throws: ``CryptoError/Code/openSSL`` if OpenSSL cannot allocate or fill it.
    convenience init(copying text: String) throws {
        try self.init()
        var text = text
        try text.withUTF8 { bytes in
            guard bytes.count <= Int(Int32.max),
                  BIO_write(pointer, bytes.baseAddress, Int32(bytes.count)) == Int32(bytes.count)
            else {
                throw CryptoError.openSSL("cannot fill a memory BIO")
            }
        }
    }

    deinit {
        // BIO_free on a memory BIO clears its buffer (OPENSSL_clear_free) before freeing it.
        BIO_free(pointer)
    }

    /// Everything written to the BIO so far, as text.
    func text() -> String {
        var data: UnsafeMutablePointer<CChar>?
        let length = parley_BIO_get_mem_data(pointer, &data)
        guard let data, length > 0 else { return "" }
        let bytes = UnsafeRawBufferPointer(start: data, count: length)
        return String(decoding: bytes, as: UTF8.self)
    }
}
