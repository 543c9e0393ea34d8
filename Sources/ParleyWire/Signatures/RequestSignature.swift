public import ParleyCrypto
import Foundation
import RawStructuredFieldValues

/// A Parley request signature (RFC 9421 with RFC 9530's `Content-Digest`), as sent in the
/// `Signature-Input` and `Signature` header fields under the label `parley`.
///
/// ```text
/// Content-Digest: sha-256=:<base64 of SHA-256(body)>:
/// Signature-Input: parley=("@method" "@request-target" "content-digest");created=<unix s>;
///     nonce="<base64url of 16 random bytes>";keyid="<key id hex>";alg="ed25519";tag="parley/v1/request"
/// Signature: parley=:<base64 of the 64-byte Ed25519 signature>:
/// ```
///
/// The signature is Ed25519 over the RFC 9421 §2.5 signature base as is; the `tag` parameter is
/// the protocol's context string. Sign with ``sign(method:requestTarget:body:key:created:nonce:)``;
/// check with ``verify(method:requestTarget:headers:body:now:notBefore:window:publicKey:)``.
public struct RequestSignature: Hashable, Sendable {
    /// The dictionary key of Parley's signature in both headers.
    public static let label = "parley"
    /// The `tag` parameter: the context string of request signatures.
    public static let tag = "parley/v1/request"
    /// The `alg` parameter.
    public static let algorithm = "ed25519"
    /// The components every request signature covers: exactly these, in this order.
    public static let requiredComponents = ["@method", "@request-target", "content-digest"]
    /// The signature parameters: exactly these, in this order, each once.
    public static let parameterOrder = ["created", "nonce", "keyid", "alg", "tag"]
    /// How far `created` may be from the verifier's clock, in seconds.
    public static let defaultWindow: Int64 = 300
    /// Random bytes in a nonce.
    public static let nonceByteCount = 16

    /// The signer's key id (`keyid`).
    public let keyID: KeyID
    /// When it was signed, in seconds since 1970 (`created`).
    public let created: Int64
    /// The `nonce` parameter.
    public let nonce: String
    /// The `alg` parameter, if present.
    public let algorithm: String?
    /// The `tag` parameter, if present.
    public let tag: String?
    /// Whether the `Signature-Input` field was written exactly as RFC 8941 serializes what it
    /// holds (no extra white space, no repeated member or parameter), so that it has one reading.
    public let isSerialized: Bool
    /// The 64-byte signature.
    public let signature: [UInt8]
    /// The `Signature-Input` member: covered components and parameters, as parsed.
    let signatureInput: InnerList

    /// The covered components' names, in order.
    public var components: [String] {
        signatureInput.bareInnerList.compactMap(\.rfc9651BareItem.stringValue)
    }

    /// Reads the `parley` signature from the two header values.
    ///
    /// Checks form only: every parameter Parley needs is present with its RFC 8941 type. Values
    /// (`alg`, `tag`, the components, the time) are for
    /// ``verify(publicKey:method:requestTarget:headers:body:now:notBefore:window:)``.
    ///
    /// - Parameters:
    ///   - signatureInput: The `Signature-Input` field value.
    ///   - signature: The `Signature` field value.
    /// - Throws: ``SyncError/Code/malformedHeader`` saying which header and what is wrong.
    public init(signatureInput: String, signature: String) throws(SyncError) {
        let inputs = try StructuredFields.parseDictionary(signatureInput, field: "Signature-Input")
        let signatures = try StructuredFields.parseDictionary(signature, field: "Signature")
        guard case let .innerList(list)? = inputs[Self.label] else {
            throw Self.malformed("Signature-Input has no `\(Self.label)` inner list")
        }
        guard case let .item(item)? = signatures[Self.label], let bytes = StructuredFields.bytes(item.rfc9651BareItem) else {
            throw Self.malformed("Signature has no `\(Self.label)` byte sequence")
        }
        guard bytes.count == 64 else {
            throw Self.malformed("the `\(Self.label)` signature must be 64 bytes")
        }
        for component in list.bareInnerList where component.rfc9651BareItem.stringValue == nil {
            throw Self.malformed("Signature-Input: every covered component must be a string")
        }
        let parameters = list.rfc9651Parameters
        guard let created = parameters["created"]?.integerValue else {
            throw Self.malformed("Signature-Input: `created` must be an integer")
        }
        guard let nonce = parameters["nonce"]?.stringValue, Self.isNonce(nonce) else {
            throw Self.malformed("Signature-Input: `nonce` must be \(Self.nonceByteCount) random bytes in unpadded base64url")
        }
        guard let keyIDText = parameters["keyid"]?.stringValue, let keyID = KeyID(hex: keyIDText) else {
            throw Self.malformed("Signature-Input: `keyid` must be a string of 64 lowercase hex digits")
        }
        self.keyID = keyID
        self.created = created
        self.nonce = nonce
        self.algorithm = try Self.optionalString(parameters, "alg")
        self.tag = try Self.optionalString(parameters, "tag")
        self.isSerialized = (try? StructuredFields.serialize(inputs)) == signatureInput.trimmingSpacesAndTabs()
        self.signature = bytes
        self.signatureInput = list
    }

    private init(signatureInput: InnerList, keyID: KeyID, created: Int64, nonce: String, signature: [UInt8]) {
        self.keyID = keyID
        self.created = created
        self.nonce = nonce
        self.algorithm = Self.algorithm
        self.tag = Self.tag
        self.isSerialized = true
        self.signature = signature
        self.signatureInput = signatureInput
    }

    /// Signs a request.
    ///
    /// - Parameters:
    ///   - method: The HTTP method as sent, e.g. `POST`.
    ///   - requestTarget: The path and `?query` as sent, e.g. `/v1/exchanges/…/pull`.
    ///   - body: The body, possibly empty.
    ///   - key: The client's signing key.
    ///   - created: The client's clock, in seconds since 1970.
    ///   - nonce: 16 random bytes (see ``makeNonce(using:)``), sent as unpadded base64url.
    /// - Returns: The `Content-Digest`, `Signature-Input` and `Signature` values.
    /// - Throws: ``SyncError/Code/malformedHeader`` if the method or target holds a line break,
    ///   ``SyncError/Code/signingFailed`` if libcrypto fails.
    public static func sign(
        method: String, requestTarget: String, body: some Collection<UInt8>,
        key: SigningKey, created: Int64, nonce: [UInt8]
    ) throws(SyncError) -> SignedRequestHeaders {
        let contentDigest = ContentDigest.headerValue(for: body)
        var parameters = StructuredFields.Parameters()
        parameters["created"] = .integer(created)
        parameters["nonce"] = .string(base64URL(nonce))
        parameters["keyid"] = .string(key.publicKey.keyID.hex)
        parameters["alg"] = .string(algorithm)
        parameters["tag"] = .string(tag)
        var components = BareInnerList()
        for name in requiredComponents {
            components.append(Item(bareItem: RFC9651BareItem.string(name), parameters: StructuredFields.Parameters()))
        }
        let input = InnerList(bareInnerList: components, parameters: parameters)
        let base = try SignatureBase.make(signatureInput: input, componentValues: [method, requestTarget, contentDigest])
        let signature: [UInt8]
        do {
            signature = try key.signature(for: base)
        } catch {
            throw SyncError(code: .signingFailed, message: "the request could not be signed", cause: error)
        }
        let signed = RequestSignature(
            signatureInput: input, keyID: key.publicKey.keyID, created: created,
            nonce: base64URL(nonce), signature: signature
        )
        return SignedRequestHeaders(
            contentDigest: contentDigest,
            signatureInput: try signed.signatureInputHeaderValue(),
            signature: try signed.signatureHeaderValue()
        )
    }

    /// Fresh nonce bytes.
    ///
    /// - Parameter generator: The randomness; `SystemRandomNumberGenerator` outside tests.
    /// - Returns: ``nonceByteCount`` random bytes.
    public static func makeNonce(using generator: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<nonceByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The `Signature-Input` field value: `parley=(…);created=…`.
    ///
    /// - Throws: ``SyncError/Code/malformedHeader`` if a parameter cannot be serialized.
    public func signatureInputHeaderValue() throws(SyncError) -> String {
        try StructuredFields.serialize([Self.label: .innerList(signatureInput)])
    }

    /// The `Signature` field value: `parley=:<base64>:`.
    ///
    /// - Throws: Never in practice; ``SyncError/Code/malformedHeader`` if serialization fails.
    public func signatureHeaderValue() throws(SyncError) -> String {
        let item = Item(bareItem: StructuredFields.byteSequence(signature), parameters: StructuredFields.Parameters())
        return try StructuredFields.serialize([Self.label: .item(item)])
    }

    // MARK: - Helpers

    /// Whether `text` is ``nonceByteCount`` bytes in canonical unpadded base64url: 22 characters
    /// of the URL-safe alphabet whose last one carries 2 bits and 4 zero bits.
    static func isNonce(_ text: String) -> Bool {
        let characters = Array(text.utf8)
        guard characters.count == (nonceByteCount * 8 + 5) / 6 else { return false }
        let isAlphabet: (UInt8) -> Bool = { character in
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
            default: false
            }
        }
        guard characters.allSatisfy(isAlphabet), let last = characters.last else { return false }
        // 128 bits end in the 22nd character's top 2 bits: it is A, Q, g or w.
        return [UInt8(ascii: "A"), UInt8(ascii: "Q"), UInt8(ascii: "g"), UInt8(ascii: "w")].contains(last)
    }

    private static func optionalString(_ parameters: StructuredFields.Parameters, _ key: String) throws(SyncError) -> String? {
        guard let value = parameters[key] else { return nil }
        guard let text = value.stringValue else {
            throw malformed("Signature-Input: `\(key)` must be a string")
        }
        return text
    }

    static func malformed(
        _ message: String, function: String = #function, file: String = #fileID, line: Int = #line
    ) -> SyncError {
        SyncError(code: .malformedHeader, message: message, function: function, file: file, line: line)
    }

    /// Unpadded base64url (RFC 4648 §5).
    private static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
