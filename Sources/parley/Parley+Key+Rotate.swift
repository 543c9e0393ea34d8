import ArgumentParser
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleySync

extension Parley.Key {
    /// `parley key rotate`: hands this party's chains to a new identity key.
    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new identity key and hand every exchange's chain over to it.",
            discussion: """
            In each exchange where this party's key is in force, signs a key.rotate with the old \
            key, countersigned by the new one; from then on every verifier accepts only the new \
            key for this party's envelopes. The party keeps its id (the key id the exchange's \
            genesis named), its role and side. The new key becomes key.pem (mode 0600); the old \
            one is kept as key.previous.pem, which signs a sync request again if the server has \
            not seen the rotation yet. Sync afterwards so the others learn the new key. An \
            interrupted rotation resumes when run again.
            """
        )

        @OptionGroup var homeOptions: HomeOptions

        func run() throws {
            let party = try homeOptions.resolved.party(signing: true)
            let rotation = try party.rotateIdentity(at: Timestamp.now())
            Terminal.write("""
                new key id:  \(rotation.key.keyID.hex)
                fingerprint: \(rotation.key.keyID.fingerprint.text)
                rotated in \(rotation.rotated.count) exchange\(rotation.rotated.count == 1 ? "" : "s")\(rotation.rotated.map { " " + Display.short($0) }.joined()); the old key is kept as key.previous.pem

                """)
        }
    }
}
