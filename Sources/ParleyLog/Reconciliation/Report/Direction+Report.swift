extension Direction {
    /// What the direction compares, in words: `to-A: side A's request against side B's release`.
    var reportTitle: String {
        "\(rawValue): side \(requester.rawValue)'s request against side \(releaser.rawValue)'s release"
    }
}
