/// A step of long work the party is starting, for a progress display: what it does, to how many
/// items (envelopes, entries).
public struct PartyProgress: Sendable, Hashable {
    /// What the step does, e.g. `verifying`.
    public let step: String
    /// How many items it works on.
    public let count: Int

    /// Describes a step.
    public init(step: String, count: Int) {
        self.step = step
        self.count = count
    }
}
