/// The three header fields that authenticate a Parley request.
public struct SignedRequestHeaders: Hashable, Sendable {
    /// `Content-Digest`: `sha-256=:<base64>:`.
    public let contentDigest: String
    /// `Signature-Input`: `parley=("@method" "@request-target" "content-digest");created=…`.
    public let signatureInput: String
    /// `Signature`: `parley=:<base64 of 64 bytes>:`.
    public let signature: String

    /// Names the three values.
    public init(contentDigest: String, signatureInput: String, signature: String) {
        self.contentDigest = contentDigest
        self.signatureInput = signatureInput
        self.signature = signature
    }

    /// The fields as (name, value) pairs, in the order to send them.
    public var fields: [(name: String, value: String)] {
        [("Content-Digest", contentDigest), ("Signature-Input", signatureInput), ("Signature", signature)]
    }
}
