import Testing

@Suite struct ParleyLogPlaceholder {
    @Test func builds() { #expect(Bool(true)) }
}
