import Foundation
import ParleyCrypto
@testable import ParleyWire
import RawStructuredFieldValues
import Testing

@Suite struct RequestSignatureTests {
    static let created: Int64 = 1_746_090_000
    static let nonce: [UInt8] = Array(0..<16)
    static let nonceText = "AAECAwQFBgcICQoLDA0ODw"
    static let method = "POST"
    static let target = "/v1/exchanges/abc/pull?x=1"
    static let body = SyncFixture.bytes(#"{"checkpoint":null,"have":{}}"#)
    static let key = SyncFixture.alice

    /// The request's headers by lowercase name.
    struct Request {
        var method = RequestSignatureTests.method
        var target = RequestSignatureTests.target
        var body = RequestSignatureTests.body
        var headers: [String: String]

        init(_ signed: SignedRequestHeaders) {
            headers = [
                "content-digest": signed.contentDigest,
                "signature-input": signed.signatureInput,
                "signature": signed.signature,
            ]
        }

        func verify(
            now: Int64 = RequestSignatureTests.created, notBefore: Int64? = nil,
            key: PublicKey? = RequestSignatureTests.key.publicKey
        ) -> RequestVerdict {
            RequestSignature.verify(
                method: method, requestTarget: target, headers: { headers[$0] }, body: body,
                now: now, notBefore: notBefore, publicKey: { $0 == key?.keyID ? key : nil }
            )
        }
    }

    static func signed() throws -> SignedRequestHeaders {
        try RequestSignature.sign(
            method: method, requestTarget: target, body: body, key: key, created: created, nonce: nonce
        )
    }

    static let valid = RequestVerdict.valid(VerifiedRequest(keyID: key.publicKey.keyID, nonce: "AAECAwQFBgcICQoLDA0ODw", created: created))

    @Test func headersHaveTheSpecifiedForm() throws {
        let signed = try Self.signed()
        #expect(signed.contentDigest == ContentDigest.headerValue(for: Self.body))
        #expect(signed.signatureInput == #"parley=("@method" "@request-target" "content-digest");created=1746090000;nonce="AAECAwQFBgcICQoLDA0ODw";keyid=""#
            + Self.key.publicKey.keyID.hex + #"";alg="ed25519";tag="parley/v1/request""#)
        #expect(signed.signature.hasPrefix("parley=:") && signed.signature.hasSuffix(":"))
        #expect(signed.fields.map(\.name) == ["Content-Digest", "Signature-Input", "Signature"])
    }

    @Test func signsTheRFC9421BaseDirectly() throws {
        let signed = try Self.signed()
        let parsed = try RequestSignature(signatureInput: signed.signatureInput, signature: signed.signature)
        let base = """
            "@method": POST
            "@request-target": /v1/exchanges/abc/pull?x=1
            "content-digest": \(signed.contentDigest)
            "@signature-params": \(signed.signatureInput.dropFirst("parley=".count))
            """
        #expect(Self.key.publicKey.isValidSignature(parsed.signature, for: Array(base.utf8)))
        #expect(parsed.keyID == Self.key.publicKey.keyID)
        #expect(parsed.created == Self.created)
        #expect(parsed.components == RequestSignature.requiredComponents)
        #expect(try parsed.signatureInputHeaderValue() == signed.signatureInput)
        #expect(try parsed.signatureHeaderValue() == signed.signature)
    }

    @Test func aSignedRequestVerifies() throws {
        let request = Request(try Self.signed())
        #expect(request.verify() == Self.valid)
        #expect(request.verify(now: Self.created + 300) == Self.valid)
        #expect(request.verify(now: Self.created - 300) == Self.valid)
        #expect(request.verify(notBefore: Self.created) == Self.valid)
        #expect(Self.valid.wireErrorCode == nil)
    }

    @Test func emptyBodiesAreSignedToo() throws {
        let signed = try RequestSignature.sign(
            method: "GET", requestTarget: "/v1/exchanges/abc/heads", body: [], key: Self.key, created: Self.created, nonce: Self.nonce
        )
        var request = Request(signed)
        (request.method, request.target, request.body) = ("GET", "/v1/exchanges/abc/heads", [])
        #expect(request.verify() == Self.valid)
        #expect(signed.contentDigest == "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:")
    }

    @Test func tamperingIsCaught() throws {
        let signed = try Self.signed()
        var request = Request(signed)
        request.method = "PUT"
        #expect(request.verify() == .unauthenticated(.badSignature))

        request = Request(signed)
        request.target = "/v1/exchanges/abc/pull?x=2"
        #expect(request.verify() == .unauthenticated(.badSignature))

        request = Request(signed)
        request.body = SyncFixture.bytes("{}")
        #expect(request.verify() == .digestMismatch)
        #expect(request.verify().wireErrorCode == .digestMismatch)

        // A digest that matches the new body, but is not the one signed.
        request.headers["content-digest"] = ContentDigest.headerValue(for: request.body)
        #expect(request.verify() == .unauthenticated(.badSignature))

        request = Request(signed)
        request.headers["signature"] = try RequestSignature.sign(
            method: Self.method, requestTarget: Self.target, body: Self.body, key: SyncFixture.bob,
            created: Self.created, nonce: Self.nonce
        ).signature
        #expect(request.verify() == .unauthenticated(.badSignature))
    }

    @Test func keysAreLookedUpByKeyID() throws {
        let request = Request(try Self.signed())
        #expect(request.verify(key: nil) == .unauthenticated(.unknownKey))
        #expect(request.verify(key: SyncFixture.bob.publicKey) == .unauthenticated(.unknownKey))
        let parsed = try RequestSignature(
            signatureInput: request.headers["signature-input"]!, signature: request.headers["signature"]!
        )
        let verdict = parsed.verify(
            publicKey: SyncFixture.bob.publicKey, method: Self.method, requestTarget: Self.target,
            headers: { request.headers[$0] }, body: Self.body, now: Self.created
        )
        #expect(verdict == .unauthenticated(.unknownKey))
        #expect(verdict.wireErrorCode == .unauthenticated)
    }

    @Test func staleRequestsAreRefused() throws {
        let request = Request(try Self.signed())
        #expect(request.verify(now: Self.created + 301) == .stale(.outsideWindow))
        #expect(request.verify(now: Self.created - 301) == .stale(.outsideWindow))
        #expect(request.verify(notBefore: Self.created + 1) == .stale(.beforeNotBefore))
        #expect(request.verify(now: Self.created + 301).wireErrorCode == .staleRequest)
    }

    @Test func missingAndMalformedHeaders() throws {
        let signed = try Self.signed()
        for name in ["signature-input", "signature", "content-digest"] {
            var request = Request(signed)
            request.headers[name] = nil
            #expect(request.verify() == .unauthenticated(.missingHeader(name)))
        }
        let malformed: [(String, String)] = [
            ("signature", "parley=:AAAA:"),
            ("signature", "other=:\(String(repeating: "A", count: 86))==:"),
            ("signature", "parley=(\"x\")"),
            ("signature", "parley=:!!:"),
            ("signature-input", "parley=\"not a list\""),
            ("signature-input", "sig1=(\"@method\");created=1"),
            ("signature-input", #"parley=("@method");created="1";nonce="n";keyid="\#(Self.key.publicKey.keyID.hex)""#),
            ("signature-input", #"parley=("@method");created=1;keyid="\#(Self.key.publicKey.keyID.hex)""#),
            ("signature-input", #"parley=("@method");created=1;nonce="n";keyid="ABC""#),
            ("signature-input", #"parley=(@method);created=1;nonce="n";keyid="\#(Self.key.publicKey.keyID.hex)""#),
            ("signature-input", #"parley=("@method");created=1;nonce="n";keyid="\#(Self.key.publicKey.keyID.hex)";alg=ed25519"#),
            ("signature-input", #"parley=("@method");created=1;nonce="n";keyid="\#(Self.key.publicKey.keyID.hex)";expires=?1"#),
        ]
        for (name, value) in malformed {
            var request = Request(signed)
            request.headers[name] = value
            guard case .unauthenticated(.malformed) = request.verify() else {
                Issue.record("\(name): \(value) gave \(request.verify())")
                continue
            }
        }
        #expect(throws: SyncError(code: .malformedHeader, message: "")) {
            try RequestSignature(signatureInput: signed.signatureInput, signature: "parley=:AAAA:")
        }
    }

    // MARK: - Signatures with other parameters or components

    /// Headers signed by Alice over `components` with `parameters` (default: Parley's).
    private func crafted(
        components: [String] = RequestSignature.requiredComponents,
        values: [String: String] = [:],
        parameters: [(String, SF.BareItem)]? = nil
    ) throws -> Request {
        let parameters = parameters ?? [
            ("created", .integer(Self.created)), ("nonce", .string(Self.nonceText)), ("keyid", .string(Self.key.publicKey.keyID.hex)),
            ("alg", .string("ed25519")), ("tag", .string("parley/v1/request")),
        ]
        let input = SF.innerList(components.map { SF.item(.string($0)) }, parameters)
        let digest = ContentDigest.headerValue(for: Self.body)
        let componentValues = components.map { name in
            switch name {
            case "@method": Self.method
            case "@request-target": Self.target
            case "content-digest": digest
            default: values[name] ?? ""
            }
        }
        let signature = try Self.key.signature(for: SignatureBase.make(signatureInput: input, componentValues: componentValues))
        var request = Request(try Self.signed())
        request.headers["signature-input"] = try StructuredFields.serialize(["parley": .innerList(input)])
        request.headers["signature"] = try StructuredFields.serialize(["parley": .item(SF.item(SF.bytes(signature)))])
        for (name, value) in values { request.headers[name] = value }
        return request
    }

    @Test func theCraftedBaselineVerifies() throws {
        let verdict = try crafted().verify()
        #expect(verdict == .valid(VerifiedRequest(keyID: Self.key.publicKey.keyID, nonce: Self.nonceText, created: Self.created)))
    }

    @Test func wrongAlgorithmOrTag() throws {
        let base: [(String, SF.BareItem)] = [
            ("created", .integer(Self.created)), ("nonce", .string(Self.nonceText)), ("keyid", .string(Self.key.publicKey.keyID.hex)),
        ]
        #expect(try crafted(parameters: base + [("tag", .string("parley/v1/request"))]).verify()
            == .unauthenticated(.wrongAlgorithm))
        #expect(try crafted(parameters: base + [("alg", .string("rsa-pss-sha512")), ("tag", .string("parley/v1/request"))]).verify()
            == .unauthenticated(.wrongAlgorithm))
        #expect(try crafted(parameters: base + [("alg", .string("ed25519"))]).verify() == .unauthenticated(.wrongTag))
        #expect(try crafted(parameters: base + [("alg", .string("ed25519")), ("tag", .string("parley/v1/envelope"))]).verify()
            == .unauthenticated(.wrongTag))
    }

    @Test func requiredComponentsMustBeCovered() throws {
        #expect(try crafted(components: ["@method", "@request-target"]).verify()
            == .unauthenticated(.componentNotCovered("content-digest")))
        #expect(try crafted(components: ["@request-target", "content-digest"]).verify()
            == .unauthenticated(.componentNotCovered("@method")))
        #expect(try crafted(components: ["@method", "content-digest"]).verify()
            == .unauthenticated(.componentNotCovered("@request-target")))
    }

    /// One request has one signature base: exactly the protocol's components and parameters, in
    /// its order, in serialized form; anything else is refused even when validly signed.
    @Test func extraOrReorderedComponentsAreRefused() throws {
        let extra = try crafted(components: RequestSignature.requiredComponents + ["content-type"], values: ["content-type": "application/json"])
        #expect(extra.verify() == .unauthenticated(.componentsNotAsSpecified))
        let derived = try crafted(components: RequestSignature.requiredComponents + ["@authority"])
        #expect(derived.verify() == .unauthenticated(.componentsNotAsSpecified))
        let reordered = try crafted(components: ["@request-target", "@method", "content-digest"])
        #expect(reordered.verify() == .unauthenticated(.componentsNotAsSpecified))
    }

    static let parameters: [(String, SF.BareItem)] = [
        ("created", .integer(created)), ("nonce", .string(nonceText)), ("keyid", .string(key.publicKey.keyID.hex)),
        ("alg", .string("ed25519")), ("tag", .string("parley/v1/request")),
    ]

    @Test func expiresIsRefused() throws {
        var parameters = Self.parameters
        parameters.insert(("expires", .integer(Self.created + 10)), at: 1)
        #expect(try crafted(parameters: parameters).verify() == .unauthenticated(.parametersNotAsSpecified))
        #expect(try crafted(parameters: Self.parameters + [("expires", .integer(Self.created + 10))]).verify()
            == .unauthenticated(.parametersNotAsSpecified))
    }

    @Test func everyOtherOrderOfTheParametersIsRefused() throws {
        var orders = 0
        for order in permutations(Array(Self.parameters.indices)) where order != Array(Self.parameters.indices) {
            #expect(try crafted(parameters: order.map { Self.parameters[$0] }).verify() == .unauthenticated(.parametersNotAsSpecified))
            orders += 1
        }
        #expect(orders == 119)
        #expect(try crafted(parameters: Self.parameters).verify()
            == .valid(VerifiedRequest(keyID: Self.key.publicKey.keyID, nonce: Self.nonceText, created: Self.created)))
    }

    @Test func aSignatureInputNotInSerializedFormIsRefused() throws {
        let request = try crafted()
        let input = try #require(request.headers["signature-input"])
        let spellings = [
            input.replacingOccurrences(of: #"("@method" "#, with: #"( "@method"  "#),
            input.replacingOccurrences(of: ";created=", with: ";created=1;created="),
            input + #";created=\#(Self.created)"#,
            input.replacingOccurrences(of: "parley=", with: "parley=?0, parley="),
        ]
        for spelling in spellings {
            var altered = request
            altered.headers["signature-input"] = spelling
            #expect(altered.verify() == .unauthenticated(.notSerialized), "\(spelling)")
        }
        // Another label's signature beside Parley's, in serialized form, is let be.
        var other = request
        other.headers["signature-input"] = #"other=("@method");created=1, "# + input
        #expect(other.verify() == .valid(VerifiedRequest(keyID: Self.key.publicKey.keyID, nonce: Self.nonceText, created: Self.created)))
    }

    /// The protocol's nonce is 16 random bytes: anything else is refused, not remembered.
    @Test(arguments: ["", "!!!", "n", "AAECAwQFBgcICQoLDA0OD", "AAECAwQFBgcICQoLDA0ODx", "AAECAwQFBgcICQoLDA0ODw==",
                      "AAECAwQFBgcICQoLDA0ODwAA", "AAECAwQFBgcICQoLDA0OD+"])
    func noncesMustBeSixteenBytes(nonce: String) throws {
        let base: [(String, SF.BareItem)] = [
            ("created", .integer(Self.created)), ("nonce", .string(nonce)), ("keyid", .string(Self.key.publicKey.keyID.hex)),
            ("alg", .string("ed25519")), ("tag", .string("parley/v1/request")),
        ]
        guard case .unauthenticated(.malformed) = try crafted(parameters: base).verify() else {
            Issue.record("nonce \(nonce.debugDescription) was accepted")
            return
        }
    }

    @Test func everySixteenByteNonceIsAccepted() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = RequestSignature.makeNonce(using: &generator)
            #expect(RequestSignature.isNonce(Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")))
        }
    }

    @Test func noncesComeFromTheInjectedGenerator() {
        var generator = CountingGenerator()
        let nonce = RequestSignature.makeNonce(using: &generator)
        #expect(nonce.count == 16)
        var again = CountingGenerator()
        #expect(RequestSignature.makeNonce(using: &again) == nonce)
    }
}

/// Every order of `elements`.
func permutations<T>(_ elements: [T]) -> [[T]] {
    guard elements.count > 1 else { return [elements] }
    return elements.indices.flatMap { index in
        var rest = elements
        let first = rest.remove(at: index)
        return permutations(rest).map { [first] + $0 }
    }
}

/// A deterministic generator for tests.
struct CountingGenerator: RandomNumberGenerator {
    var state: UInt64 = 0x9e37_79b9_7f4a_7c15

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}
