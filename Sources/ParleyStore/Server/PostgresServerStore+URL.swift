import Foundation
internal import PostgresNIO

extension PostgresServerStore {
    /// Where to connect, read from a URL.
    struct Location {
        /// The client's configuration.
        var configuration: PostgresClient.Configuration
        /// `host:port/database`, for messages: never the user or the password.
        var description: String
    }

    /// Reads `postgres://user:password@host:port/database?sslmode=…` (or `postgresql://`).
    ///
    /// The port defaults to 5432, the database to the user's name. `sslmode` is libpq's:
    /// `disable`; `allow` and `prefer` (the default: TLS if the server offers it); `require` (TLS,
    /// certificate not checked); `verify-ca` (certificate checked, host name not); `verify-full`.
    ///
    /// - Parameter url: The URL.
    /// - Returns: The configuration, with TLS as `sslmode` asks.
    /// - Throws: ``StoreError/Code/cannotOpen`` for a URL of another form; the message never
    ///   quotes the URL, which holds the password.
    static func location(from url: String) throws(StoreError) -> Location {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme),
              let host = components.host, !host.isEmpty,
              let user = components.user, !user.isEmpty
        else {
            throw StoreError(
                code: .cannotOpen,
                message: "the Postgres URL must read postgres://user:password@host:port/database[?sslmode=…]"
            )
        }
        let port = components.port ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? nil : path
        var sslMode = "prefer"
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", let value = item.value else {
                throw StoreError(code: .cannotOpen, message: "the Postgres URL has a parameter other than sslmode")
            }
            sslMode = value
        }
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable":
            tls = .disable
        case "allow", "prefer":
            tls = .prefer(unverified)
        case "require":
            tls = .require(unverified)
        case "verify-ca":
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .noHostnameVerification
            tls = .require(configuration)
        case "verify-full":
            tls = .require(.makeClientConfiguration())
        default:
            throw StoreError(
                code: .cannotOpen,
                message: "the Postgres URL's sslmode must be disable, allow, prefer, require, verify-ca or verify-full"
            )
        }
        let configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: components.password, database: database, tls: tls
        )
        return Location(configuration: configuration, description: "\(host):\(port)/\(database ?? user)")
    }

    /// TLS that encrypts without checking the server's certificate: libpq's `prefer` and `require`.
    private static var unverified: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }
}
