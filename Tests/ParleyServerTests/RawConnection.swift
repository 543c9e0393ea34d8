#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A plain TCP connection to 127.0.0.1, for what an HTTP client will not do: send half a
/// request, stall, or send headers that promise a body it never sends.
///
/// Reads block in `poll`, so they run on a queue of their own, never on the cooperative pool
/// that the in-process server's handlers need. `@unchecked Sendable`: it owns a descriptor, and
/// a test uses each connection from one task at a time.
final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "raw-connection")
    /// Bytes of a response head a read ran out of time in the middle of (used only on `queue`),
    /// so that a head that arrives in pieces is still read whole by the next read.
    private var unread: [UInt8] = []

    /// Connects to `port` on 127.0.0.1.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends all of `bytes`; `false` if the peer closed.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Sends text.
    @discardableResult
    func send(_ text: String) -> Bool {
        send(Array(text.utf8))
    }

    /// Reads until the peer closes the connection or `seconds` pass.
    ///
    /// - Returns: What was read, and whether the peer closed (as opposed to the time running out).
    func readUntilClosed(within seconds: Double) async -> (bytes: [UInt8], closed: Bool) {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.blockingReadUntilClosed(within: seconds)) }
        }
    }

    /// Reads one HTTP response head (up to the blank line), within `seconds`.
    ///
    /// - Returns: The status code, or `nil` when none came.
    func readStatus(within seconds: Double) async -> Int? {
        await readHead(within: seconds)?.status
    }

    /// Reads one HTTP response head (up to the blank line), within `seconds`.
    ///
    /// - Returns: The status code and the header fields, or `nil` when no response head came.
    func readHead(within seconds: Double) async -> Head? {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.blockingReadHead(within: seconds)) }
        }
    }

    private func blockingReadUntilClosed(within seconds: Double) -> (bytes: [UInt8], closed: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        var bytes = unread
        unread = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
            guard poll(&poller, 1, remaining) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return (bytes, true) }
            bytes += buffer[..<count]
        }
        return (bytes, false)
    }

    private func blockingReadHead(within seconds: Double) -> Head? {
        let deadline = Date().addingTimeInterval(seconds)
        var bytes = unread
        unread = []
        var byte: UInt8 = 0
        var complete = false, closed = false
        while !complete, Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000))) > 0 else { continue }
            guard recv(descriptor, &byte, 1, 0) == 1 else {
                closed = true
                break
            }
            bytes.append(byte)
            complete = bytes.count >= 12 && bytes.suffix(4) == [13, 10, 13, 10]
        }
        if !complete, !closed {
            unread = bytes
            return nil
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 "), let status = Int(text.dropFirst(9).prefix(3)) else { return nil }
        let fields = text.split(separator: "\r\n").dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Head(status: status, fields: fields)
    }

    /// A response's status line and header fields.
    struct Head: Sendable {
        /// The status code.
        let status: Int
        /// The header fields in order, names lowercased, values trimmed.
        let fields: [(name: String, value: String)]

        /// The value of the field `name` (lowercase), if it was sent once.
        func value(_ name: String) -> String? {
            let values = fields.filter { $0.name == name }
            return values.count == 1 ? values[0].value : nil
        }
    }
}
