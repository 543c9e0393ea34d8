/// A release entry near an unoffered request, with the engine's score of the pair.
public struct NearestCandidate: Hashable, Sendable {
    /// The release entry.
    public let entry: ReconciledEntry
    /// The pair's score in bits; below the match threshold unless the entry matched another request.
    public let score: Double
}
