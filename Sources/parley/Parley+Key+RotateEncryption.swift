import ArgumentParser
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleySync

extension Parley.Key {
    /// `parley key rotate-encryption --exchange ID`: replaces this party's encryption key in one exchange.
    struct RotateEncryption: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-encryption",
            abstract: "Make a new encryption key for one exchange and announce it; what is sealed from now on opens with it only.",
            discussion: """
            For an encryption key that may be in other hands (a copied replica, a lost laptop's \
            backup). Signs a key.encryption with the new key and a new content key for what this \
            party seals from now on, shared to every participant. The others make new content keys \
            too when they next sync, shared to the new key, so the replaced key opens nothing sealed \
            after the rotation. The replaced key stays in the replica, retired, to open what was \
            shared to it before; erasing the exchange destroys both. On an exchange an older home \
            sealed to its home-wide key (encryption.pem), this moves it to a key of the exchange's \
            own. Sync afterwards so the others learn the new key. If the whole home may have been \
            copied, its identity key (key.pem) is in other hands too: rotate it as well (`parley \
            key rotate`, or `parley key recover` with a recovery key).
            """
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        func run() throws {
            let party = try homeOptions.resolved.party(signing: true)
            let exchange = try ExchangeOptions.resolve(exchangeOptions.exchange, in: party.replica)
            let rotation = try party.rotateExchangeKey(in: exchange, at: Timestamp.now())
            Terminal.write("""
                exchange \(Display.short(exchange)): new encryption key \(rotation.key.keyID.hex.prefix(16)) announced, \
                with a new content key shared to every participant (\(rotation.signed) envelope\(rotation.signed == 1 ? "" : "s") signed)
                \(rotation.retired ? "the replaced key is kept, retired, to open what was shared to it before" : "the home-wide key (encryption.pem) that sealed this exchange is left as it is"); sync so the others learn the new one

                """)
        }
    }
}
