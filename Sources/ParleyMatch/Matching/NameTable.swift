/// The given-name and patronymic equivalence table (`Resources/names.txt`).
///
/// Placeholder API, filled in by the matching work: the import code may rely on these
/// two questions for splitting a full-name column.
package struct NameTable: Sendable {
    /// The table shipped with Parley.
    package static let standard = NameTable()

    /// Whether `token` (any script, any case) is a given name the table knows.
    package func isGivenName(_ token: String) -> Bool { false }

    /// Whether `token` looks like a patronymic (a known one, or by its suffix).
    package func isPatronymic(_ token: String) -> Bool { false }
}
