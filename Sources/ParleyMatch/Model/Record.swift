/// One person as a list gives them: the source fields exactly as given, and the parsed dates.
///
/// Source values are never overwritten: normalization for matching derives new forms
/// (see `NormalizedRecord`) and leaves `fields` as the list had it.
public struct Record: Sendable, Hashable {
    /// The record's id: the list's id column, else its row number.
    public var id: String
    /// The 1-based line (CSV) or row (xlsx) of the file where the record starts.
    public var line: Int
    /// Source values by field, exactly as given (empty cells are absent).
    public var fields: [Field: String]
    /// Parsed date of birth, when the list gives one.
    public var dateOfBirth: CalendarDate?
    /// Parsed capture date, when the list gives one.
    public var captureDate: CalendarDate?
    /// Parsed date since which the person is held, when the list gives one.
    public var heldSince: CalendarDate?

    /// Creates a record.
    public init(
        id: String, line: Int, fields: [Field: String],
        dateOfBirth: CalendarDate? = nil, captureDate: CalendarDate? = nil,
        heldSince: CalendarDate? = nil
    ) {
        self.id = id
        self.line = line
        self.fields = fields
        self.dateOfBirth = dateOfBirth
        self.captureDate = captureDate
        self.heldSince = heldSince
    }

    /// The source value of a field, or nil when the list left it empty.
    public subscript(field: Field) -> String? {
        fields[field]
    }
}
