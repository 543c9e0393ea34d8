import ParleyWire
import Testing

@Suite struct ContentDigestTests {
    @Test func emptyBody() {
        #expect(ContentDigest.headerValue(for: []) == "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:")
    }

    /// RFC 9530 §2: `{"hello": "world"}`.
    @Test func rfc9530Example() throws {
        let body = SyncFixture.bytes("{\"hello\": \"world\"}")
        #expect(ContentDigest.headerValue(for: body) == "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")
        let digest = try ContentDigest(parsing: "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")
        #expect(digest.matches(body))
        #expect(!digest.matches(body.dropLast()))
    }

    @Test func otherAlgorithmsAreKeptButSHA256IsRequired() throws {
        let body = SyncFixture.bytes("x")
        let sha256 = ContentDigest.headerValue(for: body).dropFirst("sha-256=".count)
        let digest = try ContentDigest(parsing: "sha-512=:AAAA:, sha-256=\(sha256);p=1, unixsum=:AQ==:")
        #expect(digest.algorithms == ["sha-512", "sha-256", "unixsum"])
        #expect(digest.matches(body))
        #expect(digest.headerValue == ContentDigest.headerValue(for: body))
    }

    @Test("malformed or unusable fields are refused", arguments: [
        "", "sha-512=:AAAA:", "sha-256=:AAAA:", "sha-256=\"abc\"", "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:, md5=1",
        "sha-256=(:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:)", "SHA-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:",
    ])
    func malformed(_ header: String) {
        #expect(throws: SyncError(code: .malformedHeader, message: "")) { try ContentDigest(parsing: header) }
    }
}
