public import ParleyLog

/// The name of one of the replica's settings (``Replica/meta(_:)``).
public struct MetaKey: Hashable, Sendable, CustomStringConvertible {
    /// The name as stored.
    public let name: String

    /// A setting's name.
    ///
    /// - Parameter name: A short, stable, dotted name such as `party.key-id`.
    public init(_ name: String) {
        self.name = name
    }

    /// The party's own key id (hex).
    public static let ownKeyID = MetaKey("party.key-id")

    /// The server the party syncs `exchange` with (a URL).
    public static func server(for exchange: ExchangeID) -> MetaKey {
        MetaKey("exchange.\(exchange.hex).server")
    }

    /// The name.
    public var description: String { name }
}

extension MetaKey {
    /// The key (raw public key, hex) of the server at `url`, pinned the first time the party synced
    /// with it.
    public static func serverKey(for url: String) -> MetaKey {
        MetaKey("server.\(url).key")
    }

    /// The server handovers (a JSON list of ``ServerHandover`` forms, oldest first) the party
    /// followed from the key it first pinned for the server at `url` to the one pinned now.
    public static func serverHandovers(for url: String) -> MetaKey {
        MetaKey("server.\(url).handovers")
    }

    /// The checkpoints the party accepted for `exchange` (a ``CheckpointLedger`` as JSON).
    public static func checkpoints(for exchange: ExchangeID) -> MetaKey {
        MetaKey("exchange.\(exchange.hex).checkpoints")
    }
}
