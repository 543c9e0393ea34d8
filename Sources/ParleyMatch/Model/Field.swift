/// A field of a captive's record, as DESIGN.md lists them.
///
/// The raw value is the field's canonical column name: it names the field in `--map`,
/// in error messages and in every machine-readable output.
public enum Field: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case surname
    case givenName = "given_name"
    case patronymic
    case dateOfBirth = "date_of_birth"
    case serviceNumber = "service_number"
    case rank
    case unit
    case category
    case sex
    case captureDate = "capture_date"
    case capturePlace = "capture_place"
    case detentionPlace = "detention_place"
    case seriouslyWounded = "seriously_wounded"
    case seriouslyIll = "seriously_ill"
    case heldSince = "held_since"
    case registrationID = "registration_id"
    case notes
    /// A whole name in one cell ("ПІБ", "ФИО", "full name"), kept as the list gave it.
    ///
    /// When a list has a full-name column instead of separate name columns, import splits
    /// it into `surname`, `givenName` and `patronymic`; those parts are derived, this is
    /// the source.
    case fullName = "full_name"

    /// Fields holding a date, read with the date parser rather than kept as free text only.
    public var isDate: Bool {
        self == .dateOfBirth || self == .captureDate || self == .heldSince
    }

    /// Fields that identify a person under the Third Geneva Convention, Art. 17.
    public var isKey: Bool {
        self == .dateOfBirth || self == .serviceNumber
    }

    public static func < (lhs: Field, rhs: Field) -> Bool {
        lhs.ordinal < rhs.ordinal
    }

    /// The field's position in `allCases`.
    private var ordinal: Int {
        switch self {
        case .surname: 0
        case .givenName: 1
        case .patronymic: 2
        case .dateOfBirth: 3
        case .serviceNumber: 4
        case .rank: 5
        case .unit: 6
        case .category: 7
        case .sex: 8
        case .captureDate: 9
        case .capturePlace: 10
        case .detentionPlace: 11
        case .seriouslyWounded: 12
        case .seriouslyIll: 13
        case .heldSince: 14
        case .registrationID: 15
        case .notes: 16
        case .fullName: 17
        }
    }

    /// Hashes the case, not its raw value: a record's fields are looked up by field on every
    /// row read and every pair compared, and hashing the name's string cost more than the lookup.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }
}
