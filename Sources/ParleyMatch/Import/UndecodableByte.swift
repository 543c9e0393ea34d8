/// Where a byte sequence stopped being text in the encoding it was read with.
struct UndecodableByte: Error, Sendable {
    /// The index of the offending byte in the buffer that was decoded.
    var offset: Int
    /// The offending byte.
    var byte: UInt8
}
