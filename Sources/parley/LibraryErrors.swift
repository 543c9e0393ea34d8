public import Foundation
public import ParleyCrypto
public import ParleyLog
public import ParleyParty
public import ParleyStore
public import ParleyWire

// The libraries' errors carry a message safe to show a user; `Parley.main` prints an error's
// `errorDescription` as its one line, so these show that message and nothing else (no code names,
// no SQLite cause).

extension StoreError: LocalizedError {
    /// The store's message, which names the replica and what failed.
    public var errorDescription: String? { message }
}

extension LogError: LocalizedError {
    /// The log's message, which names the rule broken and never the input.
    public var errorDescription: String? { message }
}

extension CryptoError: LocalizedError {
    /// The crypto library's message, which names the file and never key material.
    public var errorDescription: String? { message }
}

extension SyncError: LocalizedError {
    /// The sync's message, which names the server and what it did or did not do.
    public var errorDescription: String? { message }
}

extension PartyError: LocalizedError {
    /// The party's message, which names the home, the replica or the exchange.
    public var errorDescription: String? { message }
}
