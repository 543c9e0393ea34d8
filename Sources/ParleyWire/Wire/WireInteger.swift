/// The protocol's integers: sizes, seqs and seconds are 0 … 2^53 − 1.
package enum WireInteger {
    /// 2^53 − 1, the largest integer every JSON reader holds exactly.
    package static let maximum = (1 << 53) - 1

    /// A query value as such an integer: decimal digits only (no sign, no spaces), at most
    /// ``maximum``; anything else, an overflow included, is `nil`.
    package static func parse(_ text: some StringProtocol) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 16, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        guard let value = Int(text), value <= maximum else { return nil }
        return value
    }
}
