import ParleyStore

/// The one error type of `ParleyParty`: why a party could not open its home or an exchange, or
/// why the commit path refused a write, as a stable ``Code`` with a message safe to show a user.
///
/// Messages name files and exchanges, never record contents or key material. A store failure
/// underneath is kept in ``cause``. Two errors are equal when their codes are equal.
public struct PartyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case notSetUp
            case wrongKey
            case badKey
            case exists
            case noExchange
            case notAllowed
            case unverified
            case store
        }

        private let wrapped: Wrapped

        private init(_ wrapped: Wrapped) {
            self.wrapped = wrapped
        }

        /// The home has no key or no replica (run `parley init`).
        public static var notSetUp: Self { Self(.notSetUp) }
        /// The key file is not the key the replica belongs to.
        public static var wrongKey: Self { Self(.wrongKey) }
        /// The key file cannot be read, is too open, or is not a key.
        public static var badKey: Self { Self(.badKey) }
        /// A home is being made where one exists.
        public static var exists: Self { Self(.exists) }
        /// The exchange asked for is not in the replica, or is not named uniquely.
        public static var noExchange: Self { Self(.noExchange) }
        /// The party may not sign the operation (its role or the exchange's state forbids it);
        /// nothing was signed or stored.
        public static var notAllowed: Self { Self(.notAllowed) }
        /// The replica's copy of the exchange does not verify (a fork, or no valid genesis), so
        /// nothing can be signed on it.
        public static var unverified: Self { Self(.unverified) }
        /// The replica could not be read or written (``PartyError/cause`` holds the store's error).
        public static var store: Self { Self(.store) }

        /// The code's name, e.g. `notAllowed`.
        public var description: String {
            switch wrapped {
            case .notSetUp: "notSetUp"
            case .wrongKey: "wrongKey"
            case .badKey: "badKey"
            case .exists: "exists"
            case .noExchange: "noExchange"
            case .notAllowed: "notAllowed"
            case .unverified: "unverified"
            case .store: "store"
            }
        }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, in words safe to show a user.
    public var message: String
    /// The error underneath, if any.
    public var cause: (any Error)?

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: What went wrong, safe to show.
    ///   - cause: The underlying error, if any.
    public init(code: Code, message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// Compares codes only.
    public static func == (lhs: PartyError, rhs: PartyError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code only, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }

    /// `PartyError(code): message`.
    public var description: String {
        "PartyError(\(code)): \(message)"
    }
}

extension PartyError {
    /// A store failure, with the store's message (which names the replica).
    static func store(_ error: StoreError) -> PartyError {
        PartyError(code: .store, message: error.message, cause: error)
    }
}

/// Runs `body`, turning a store failure into a ``PartyError``.
func stored<T>(_ body: () throws(StoreError) -> T) throws(PartyError) -> T {
    do {
        return try body()
    } catch {
        throw .store(error)
    }
}
