import Testing

@Suite struct ParleyMatchPlaceholder {
    @Test func builds() { #expect(Bool(true)) }
}
