import Foundation
import ParleyLog

/// Turns wire messages into bytes and back.
///
/// Writes RFC 8785 canonical JSON (one spelling per message, no newline). Reads strictly: the
/// bytes must be I-JSON (no duplicate member names, valid Unicode) before they are decoded.
public enum WireJSON {
    /// The canonical JSON bytes of a message.
    ///
    /// - Parameter message: E.g. a ``PullHeader``.
    /// - Returns: The JSON text as UTF-8, without a newline.
    /// - Throws: ``SyncError/Code/malformedMessage`` if the message cannot be encoded (e.g. a
    ///   non-finite number in a checkpoint).
    public static func encode(_ message: some Encodable) throws(SyncError) -> [UInt8] {
        do {
            return try CanonicalJSON.encode(message)
        } catch {
            throw SyncError(code: .malformedMessage, message: "the message cannot be encoded as JSON", cause: error)
        }
    }

    /// Reads a message.
    ///
    /// - Parameters:
    ///   - type: The message type.
    ///   - bytes: One JSON text (a body, or one NDJSON line without its newline).
    /// - Returns: The message.
    /// - Throws: ``SyncError/Code/malformedMessage`` naming the type when the bytes are not
    ///   I-JSON or not that message.
    public static func decode<Message: Decodable>(
        _ type: Message.Type, from bytes: some Collection<UInt8>
    ) throws(SyncError) -> Message {
        let data = Data(bytes)
        do {
            _ = try JSONValue(parsing: data)
        } catch {
            throw SyncError(code: .malformedMessage, message: "\(Message.self): \(error.message)", cause: error)
        }
        do {
            return try JSONDecoder().decode(Message.self, from: data)
        } catch {
            throw SyncError(
                code: .malformedMessage, message: "the JSON is not a valid \(Message.self)\(Self.path(of: error))",
                cause: error
            )
        }
    }

    /// ` (at a.b.c)` for a decoding error with a coding path, else empty; never a value.
    private static func path(of error: any Error) -> String {
        let context: DecodingError.Context? = switch error as? DecodingError {
        case let .dataCorrupted(context)?: context
        case let .keyNotFound(key, context)?:
            DecodingError.Context(codingPath: context.codingPath + [key], debugDescription: context.debugDescription)
        case let .typeMismatch(_, context)?: context
        case let .valueNotFound(_, context)?: context
        default: nil
        }
        guard let context, !context.codingPath.isEmpty else { return "" }
        return " (at `" + context.codingPath.map(\.stringValue).joined(separator: ".") + "`)"
    }
}
