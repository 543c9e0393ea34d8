/// A name value reduced for comparison.
struct NameForm: Sendable, Hashable {
    /// The value's skeleton.
    var skeleton: [UInt8]
    /// The interned skeleton: equal when the skeletons are.
    var skeletonID: Int32
    /// Equal when two values name the same name: the table entry's id when the name table
    /// knows the value (as a given name, or for patronymic values as a patronymic), else
    /// `skeletonID` offset past the table's ids.
    var nameID: Int32
    /// Whether `nameID` came from the nearest table spelling (a typo), not an exact one.
    var isApproximate: Bool
    /// Whether the name table knows this exact spelling.
    var isKnown: Bool
}

/// Sex as lists write it (M/F, Ч/Ж, М/Ж, male/female, чол./жін., муж./жен.).
enum Sex: UInt8, Sendable {
    case male = 1
    case female = 2
}

/// The forms of one record that matching compares, derived once per record.
struct NormalizedRecord: Sendable {
    var surname: NameForm?
    var given: NameForm?
    var patronymic: NameForm?
    var dateOfBirth: CalendarDate?
    /// Service number in upper-case Latin letters and digits (Cyrillic letters read by shape).
    var serviceNumber: [UInt8]?
    /// The digits of the service number alone.
    var serviceDigits: [UInt8]?
    var sex: Sex?
    /// Interned unit code: its digits when it has any, else its skeleton.
    var unit: Int32?
    /// Rank skeleton.
    var rank: [UInt8]?
    var captureDate: CalendarDate?
    /// Interned category (military / civilian …).
    var category: Int32?
}
