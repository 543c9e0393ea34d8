/// The ANSI escapes the text reports colour with.
package enum ANSI {
    /// Back to plain.
    package static let reset = "\u{1B}[0m"
    /// Bold.
    package static let bold = "\u{1B}[1m"
    /// Dim.
    package static let dim = "\u{1B}[2m"
    /// Red.
    package static let red = "\u{1B}[31m"
    /// Green.
    package static let green = "\u{1B}[32m"
    /// Yellow.
    package static let yellow = "\u{1B}[33m"

    /// Text wrapped in a colour when colour is on.
    /// - Parameters:
    ///   - text: The text.
    ///   - colour: One of the escapes above, or nil for plain.
    ///   - enabled: Whether colour is on.
    /// - Returns: The text, coloured or as it was.
    package static func paint(_ text: String, _ colour: String?, enabled: Bool) -> String {
        guard enabled, let colour else { return text }
        return colour + text + reset
    }
}
