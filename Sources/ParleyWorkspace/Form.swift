import Foundation

/// A form as a browser posts it (`application/x-www-form-urlencoded`) or a query string: the
/// first value of each name. What does not decode is left out; the caller says what is missing.
struct Form: Sendable {
    /// The values by name.
    let values: [String: String]

    /// Parses `text` (`a=1&b=two+words`).
    init(_ text: Substring) {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decoded(parts[0]), values[name] == nil else { continue }
            values[name] = parts.count > 1 ? Self.decoded(parts[1]) ?? "" : ""
        }
        self.values = values
    }

    /// The value of `name`, if given.
    subscript(_ name: String) -> String? { values[name] }

    /// The value of `name`, which the form must give.
    func required(_ name: String) throws(WorkspaceError) -> String {
        guard let value = values[name], !value.isEmpty else {
            throw WorkspaceError(code: .badRequest, message: "the form has no \(name)")
        }
        return value
    }

    /// A value with `+` as a space and percent escapes decoded.
    private static func decoded(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// `text` escaped for a query string value.
    static func escaped(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/:")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
