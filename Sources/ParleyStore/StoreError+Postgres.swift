internal import PostgresNIO

extension StoreError {
    /// Maps any error thrown while using a Postgres store to a ``StoreError``.
    ///
    /// A lost or refused connection, a closed client and a pool that gave up connecting are
    /// ``Code/unavailable``; failed authentication or an unknown database ``Code/cannotOpen``; a
    /// unique violation while writing ``Code/chainMoved`` (another writer stored at the same place
    /// first); a serialization failure or deadlock ``Code/locked``; a full disk ``Code/diskFull``;
    /// a value that does not decode ``Code/corrupt``; otherwise `activity` decides. The message names
    /// the store and the SQLSTATE only: the server's own message may quote values, so it stays in
    /// ``cause``.
    ///
    /// - Parameters:
    ///   - error: The error thrown (a `StoreError` passes through unchanged; a transaction error is
    ///     unwrapped to the error inside it).
    ///   - activity: What the store was doing.
    ///   - store: The store, for the message (`Postgres store host:port/database`).
    static func mapping(postgres error: any Error, while activity: Activity, store: String) -> StoreError {
        if let error = error as? StoreError {
            return error
        }
        if let transaction = error as? PostgresTransactionError,
           let inner = transaction.closureError ?? transaction.commitError ?? transaction.beginError {
            return mapping(postgres: inner, while: activity, store: store)
        }
        if error is PostgresDecodingError {
            return StoreError(code: .corrupt, message: "\(store) is damaged: a stored value cannot be read", cause: error)
        }
        guard let psql = error as? PSQLError else {
            // Errors of the connection pool and of the channel underneath: nothing reached the server.
            return StoreError(code: .unavailable, message: "\(store) is unavailable", cause: error)
        }
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? "?????"
            let (code, message): (Code, String) = switch state {
            case "23505" where activity == .writing:
                (.chainMoved, "\(store) already holds an envelope at that place (another writer got there first); nothing was stored")
            case "40001", "40P01":
                (.locked, "\(store) could not serialize the transaction with another one; try again")
            case "53100":
                (.diskFull, "could not \(activity.phrase) \(store): the disk is full")
            case "3D000":
                (.cannotOpen, "cannot open \(store): the database does not exist")
            case _ where state.hasPrefix("28"):
                (.cannotOpen, "cannot open \(store): the server refused the user or the password")
            case _ where state.hasPrefix("08") || state.hasPrefix("57P"):
                (.unavailable, "\(store) is unavailable (SQLSTATE \(state))")
            default:
                (activity.fallbackCode, "could not \(activity.phrase) \(store) (SQLSTATE \(state))")
            }
            return StoreError(code: code, message: message, cause: psql)
        case .authMechanismRequiresPassword, .unsupportedAuthMechanism, .saslError:
            return StoreError(code: .cannotOpen, message: "cannot open \(store): authentication failed", cause: psql)
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown,
             .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return StoreError(code: .unavailable, message: "\(store) is unavailable (\(psql.code))", cause: psql)
        default:
            return StoreError(
                code: activity.fallbackCode, message: "could not \(activity.phrase) \(store) (\(psql.code))", cause: psql
            )
        }
    }
}
