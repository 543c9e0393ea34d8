import ParleyCrypto
@testable import ParleyWire
import RawStructuredFieldValues
import Testing

/// RFC 9421 Appendix B.2.6: "Signing a Request Using ed25519", byte for byte.
@Suite struct SignatureBaseTests {
    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF
        -----END PRIVATE KEY-----

        """
    static let publicKeyPEM = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=
        -----END PUBLIC KEY-----

        """
    static let signatureInput = #"sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519""#
    static let expectedBase = #"""
        "date": Tue, 20 Apr 2021 02:07:55 GMT
        "@method": POST
        "@path": /foo
        "@authority": example.com
        "content-type": application/json
        "content-length": 18
        "@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"
        """#
    static let expectedSignature = "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:"

    static let values = [
        "Tue, 20 Apr 2021 02:07:55 GMT", "POST", "/foo", "example.com", "application/json", "18",
    ]

    private func innerList() throws -> InnerList {
        guard case let .innerList(list)? = try SF.parse(Self.signatureInput)["sig-b26"] else {
            Issue.record("sig-b26 is not an inner list")
            throw CancellationError()
        }
        return list
    }

    @Test func signatureBaseMatchesTheRFC() throws {
        let base = try SignatureBase.make(signatureInput: try innerList(), componentValues: Self.values)
        #expect(String(decoding: base, as: UTF8.self) == Self.expectedBase)
        #expect(try StructuredFields.serialize(["sig-b26": .innerList(try innerList())])
            == Self.signatureInput)
    }

    @Test func signatureMatchesTheRFCByteForByte() throws {
        let key = try SigningKey(pkcs8PEM: Self.privateKeyPEM)
        #expect(key.publicKey == (try PublicKey(pem: Self.publicKeyPEM)))
        let base = try SignatureBase.make(signatureInput: try innerList(), componentValues: Self.values)
        let signature = try key.signature(for: base)
        let header = try StructuredFields.serialize(["sig-b26": .item(SF.item(SF.bytes(signature)))])
        #expect(header == Self.expectedSignature)
        #expect(key.publicKey.isValidSignature(signature, for: base))
    }

    @Test func theRFCSignatureVerifies() throws {
        guard case let .item(item)? = try SF.parse(Self.expectedSignature)["sig-b26"],
              let signature = StructuredFields.bytes(item.rfc9651BareItem)
        else {
            Issue.record("sig-b26 is not a byte sequence")
            return
        }
        let key = try PublicKey(pem: Self.publicKeyPEM)
        #expect(key.isValidSignature(signature, for: Array(Self.expectedBase.utf8)))
    }

    @Test func refusesBasesThatWouldBeAmbiguous() throws {
        let list = try innerList()
        var values = Self.values
        values[4] = "application/json\n\"@method\": GET"
        #expect(throws: SyncError(code: .malformedHeader, message: "")) {
            try SignatureBase.make(signatureInput: list, componentValues: values)
        }
        #expect(throws: SyncError(code: .malformedHeader, message: "")) {
            try SignatureBase.make(signatureInput: list, componentValues: Array(Self.values.dropLast()))
        }
        let twice = SF.innerList([SF.item(.string("date")), SF.item(.string("date"))])
        #expect(throws: SyncError(code: .malformedHeader, message: "")) {
            try SignatureBase.make(signatureInput: twice, componentValues: ["a", "b"])
        }
        let upper = SF.innerList([SF.item(.string("Date"))])
        #expect(throws: SyncError(code: .malformedHeader, message: "")) {
            try SignatureBase.make(signatureInput: upper, componentValues: ["a"])
        }
        let token = SF.innerList([SF.item(.token("date"))])
        #expect(throws: SyncError(code: .malformedHeader, message: "")) {
            try SignatureBase.make(signatureInput: token, componentValues: ["a"])
        }
    }
}
