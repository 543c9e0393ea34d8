import Testing

@Suite struct ParleyCryptoPlaceholder {
    @Test func builds() { #expect(Bool(true)) }
}
