import ParleyWire
import Hummingbird
import ParleyLog
import ParleyWire

extension Response {
    /// A response whose body is `value` as canonical JSON and a newline.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) throws(ServerError) -> Response {
        let bytes: [UInt8]
        do {
            bytes = try CanonicalJSON.encode(value)
        } catch {
            throw ServerError(.internal, "the server could not encode its response")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes + [0x0A])))
    }

    /// A response whose body is a wire message (ParleySync's types, which the client decodes) as
    /// canonical JSON and a newline.
    static func json(_ message: some Encodable, status: HTTPResponse.Status = .ok) throws(ServerError) -> Response {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: WireJSON.encode(message))
        } catch {
            throw ServerError(.internal, "the server could not encode its response")
        }
        return try json(value, status: status)
    }
}
