/// What a person typed for something named by a hash (an exchange, a manifest, a dispute, a key,
/// a reconciliation): the whole hash or a prefix of at least ``minimumDigits`` hex digits, in
/// either case. Every command and page resolves ids through it, so they all take the same forms
/// and say the same things when a prefix names nothing or several.
public struct IDPrefix: Hashable, Sendable, CustomStringConvertible {
    /// The fewest hex digits a prefix may have.
    public static let minimumDigits = 8
    /// The most candidates an ambiguous prefix lists.
    static let listed = 10

    /// The digits, lowercase.
    public let digits: String
    /// What the id names, for messages: `exchange`, `manifest`, `dispute`…
    public let kind: String

    /// Reads what was typed.
    ///
    /// - Parameters:
    ///   - text: The id or prefix as typed.
    ///   - kind: What it names, for messages (`exchange`, `manifest`…).
    /// - Throws: ``LogError/Code/noMatch`` when `text` is not hex digits, or has fewer than
    ///   ``minimumDigits`` (a short prefix names nothing: it would too easily name the wrong thing).
    public init(_ text: String, kind: String) throws(LogError) {
        let digits = text.lowercased()
        guard !digits.isEmpty, digits.count <= 64, digits.allSatisfy({ $0.isHexDigit && $0.isASCII }) else {
            throw LogError(code: .noMatch, message: "no \(kind) matches `\(Self.shown(text))`: a \(kind) is named by its id in hex digits")
        }
        guard digits.count >= Self.minimumDigits else {
            throw LogError(
                code: .noMatch,
                message: "no \(kind) matches `\(digits)`: give at least \(Self.minimumDigits) hex digits of its id (\(digits.count) given)"
            )
        }
        self.digits = digits
        self.kind = kind
    }

    /// Whether `id` (lowercase hex) starts with the prefix.
    public func matches(_ id: String) -> Bool {
        id.hasPrefix(digits)
    }

    /// The one candidate whose id starts with the prefix.
    ///
    /// - Parameters:
    ///   - candidates: Where to look.
    ///   - id: A candidate's id, lowercase hex.
    /// - Returns: The candidate.
    /// - Throws: ``LogError/Code/noMatch`` when none matches; ``LogError/Code/ambiguousID`` when
    ///   several do, listing them (the first ``listed``).
    public func resolve<T>(among candidates: [T], id: (T) -> String) throws(LogError) -> T {
        let found = candidates.filter { self.matches(id($0)) }
        switch found.count {
        case 1:
            return found[0]
        case 0:
            throw LogError(code: .noMatch, message: "no \(kind) matches \(digits)")
        default:
            throw LogError(
                code: .ambiguousID,
                message: "\(found.count) \(kind)s match \(digits): \(Self.listing(found.map(id))); give more digits"
            )
        }
    }

    /// The candidates of an ambiguous name as a message lists them: sorted, the first
    /// ``listed``, then `…` when there are more.
    static func listing(_ candidates: [String]) -> String {
        let sorted = candidates.sorted()
        return sorted.prefix(listed).joined(separator: ", ") + (sorted.count > listed ? ", …" : "")
    }

    /// The digits.
    public var description: String { digits }

    /// Text a person typed, made safe to quote in a message (short, printable ASCII only).
    private static func shown(_ text: String) -> String {
        String(text.prefix(70).map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_:/".contains($0)) ? $0 : "?" })
    }
}
