/// The body of `manifest.propose`: a mediator proposes the manifest with this hash for signing.
///
/// JSON form: `{"manifest": <64 hex: the manifest hash>, "waivers": [<waiver>, …]}` (see
/// ``Manifest/hash`` and ``Waiver``); no two waivers name the same blocker. Only a mediator
/// proposes. The manifest itself is not carried: every participant builds it from its own state
/// and signs only if it gets the same hash.
public struct ProposeManifest: Sendable, Hashable, Codable {
    /// The manifest's hash.
    public var manifest: String
    /// The blockers the mediator waives, with reasons.
    public var waivers: [Waiver]

    /// Describes a proposal.
    public init(manifest: String, waivers: [Waiver] = []) {
        self.manifest = manifest
        self.waivers = waivers
    }

    /// Decodes the JSON form strictly.
    public init(from decoder: any Decoder) throws {
        self = try Self.decodeBridged(from: decoder)
    }

    /// Encodes the JSON form.
    public func encode(to encoder: any Encoder) throws {
        try encodeBridged(to: encoder)
    }

    /// What is wrong with this body, if anything.
    var problem: String? {
        if Set(waivers.map(\.blocker)).count != waivers.count { return "manifest.propose waives a blocker twice" }
        return waivers.lazy.compactMap(\.problem).first
    }
}

extension ProposeManifest: JSONBridged {
    init(json: JSONValue) throws(LogError) {
        let reader = try JSONObjectReader(json, context: "manifest.propose body", members: ["manifest", "waivers"])
        var waivers: [Waiver] = []
        for value in try reader.array("waivers") {
            waivers.append(try Waiver(json: value))
        }
        self.init(manifest: try reader.hash("manifest"), waivers: waivers)
        if let problem { throw .malformed(problem) }
    }

    var json: JSONValue {
        ["manifest": .string(manifest), "waivers": .array(waivers.map(\.json))]
    }
}
