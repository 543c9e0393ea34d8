import ParleyLog

/// What went wrong in the workspace: a code to branch on and a message safe to show a person
/// (it names files, routes and ids, never record contents or key material).
package struct WorkspaceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case notFound = "not-found"
            case badRequest = "bad-request"
            case refused
            case forbidden
            case store
        }

        private let value: Value

        /// No such page, pair, dispute or manifest.
        package static let notFound = Code(value: .notFound)
        /// A form or a query that does not parse.
        package static let badRequest = Code(value: .badRequest)
        /// The library refused the action (a role, a state, a rule); nothing was signed.
        package static let refused = Code(value: .refused)
        /// The request is not from this party's browser session (token, cookie, Host, Origin).
        package static let forbidden = Code(value: .forbidden)
        /// The replica or the home could not be read or written.
        package static let store = Code(value: .store)

        /// The code's name.
        package var description: String { value.rawValue }
    }

    /// The code.
    package let code: Code
    /// The message, safe to show.
    package let message: String
    /// Where it was thrown.
    package let location: String

    /// An error with `code` and `message`.
    package init(code: Code, message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.location = "\(file):\(line)"
    }

    /// The library's refusal, as every face shows it (``Refusal/lines``, one per line).
    init(_ refusal: Refusal, file: String = #fileID, line: Int = #line) {
        self.init(code: .refused, message: refusal.lines.joined(separator: "\n"), file: file, line: line)
    }

    /// The message.
    package var description: String { message }

    /// Errors are equal when their codes are.
    package static func == (lhs: WorkspaceError, rhs: WorkspaceError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only.
    package func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
