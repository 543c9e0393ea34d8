/// The body of `manifest.sign`: a participant signs the proposed manifest with this hash.
///
/// JSON form: `{"manifest": <64 hex: the manifest hash>}`. Anyone who is a participant signs; the
/// envelope's own signature is the signature on the manifest. Each key counts once. A sign of a
/// hash no mediator proposed is valid in the log but has no effect (the state lists it as ignored).
public struct SignManifest: Sendable, Hashable, Codable {
    /// The manifest's hash.
    public var manifest: String

    /// Describes a signature.
    public init(manifest: String) {
        self.manifest = manifest
    }

    /// Decodes the JSON form strictly.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeBridged(from: decoder)
    }

    /// Encodes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try encodeBridged(to: encoder)
    }
}

extension SignManifest: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "manifest.sign body", members: ["manifest"])
        self.init(manifest: try reader.hash("manifest"))
    }

    var json: JSONValue {
        ["manifest": .string(manifest)]
    }
}
