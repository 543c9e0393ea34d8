import Testing

@Suite struct ParleyCLIPlaceholder {
    @Test func builds() { #expect(Bool(true)) }
}
