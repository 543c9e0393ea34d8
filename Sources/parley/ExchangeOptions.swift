import ArgumentParser
import ParleyStore
import ParleyLog

/// The flag naming the exchange a command works on, shared by the workflow commands.
struct ExchangeOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The exchange (its id, or a unique prefix of it); may be left out when the replica holds only one.", valueName: "ID"
    ))
    var exchange: String?

    /// The exchange chosen: the one `name` names, else the replica's only exchange.
    ///
    /// - Throws: A one-line failure when `name` names none, or is nil and the replica holds no
    ///   exchange or several.
    static func resolve(_ name: String?, in replica: Replica) throws -> ExchangeID {
        if let name { return try replica.exchange(named: name) }
        let held = try replica.exchanges()
        switch held.count {
        case 1: return held[0]
        case 0: throw ValidationFailure("replica \(replica.path) holds no exchange yet: create one, or sync with `parley sync --exchange ID`")
        default: throw ValidationFailure("replica \(replica.path) holds \(held.count) exchanges: choose one with --exchange ID")
        }
    }
}
