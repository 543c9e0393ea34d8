/// Small formatting rules every report shares, so the formats say the same thing the same way.
///
/// Package API: the exchange reports of ParleyLog write numbers, names and dates by the same rules.
package enum ReportFormatting {
    /// A number with a fixed count of decimal places and a `.` separator, whatever the locale
    /// (`12.345` → `12.35`, `-0.001` → `0.00`); non-finite values as `inf`, `-inf`, `nan`.
    package static func decimal(_ value: Double, places: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 1e17 else { return String(value) }
        let units = Int(scaled)
        let sign = value < 0 && units != 0 ? "-" : ""
        let power = Int(scale)
        guard places > 0 else { return sign + String(units) }
        let fraction = String(units % power)
        let padded = String(repeating: "0", count: places - fraction.count) + fraction
        return "\(sign)\(units / power).\(padded)"
    }

    /// A value rounded to 2 decimal places as a number (for JSON), or nil when it is not finite.
    package static func rounded(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        return (value * 100).rounded() / 100
    }

    /// The record's name in reading order: surname, given name, patronymic, as the list gave them.
    static func name(of record: Record) -> String {
        name(of: record.fields)
    }

    /// A name in reading order from source fields: surname, given name, patronymic, as given.
    /// - Parameter fields: Source values by field.
    /// - Returns: The non-empty name parts joined by spaces.
    package static func name(of fields: [Field: String]) -> String {
        // Appended in place: a report names 200,000 people.
        var name = ""
        for field in nameFields {
            guard let part = fields[field], !part.isEmpty else { continue }
            if !name.isEmpty { name += " " }
            name += part
        }
        return name
    }

    /// The fields of a name, in reading order.
    private static let nameFields: [Field] = [.surname, .givenName, .patronymic]

    /// The record's date of birth: ISO 8601 when the list's value parsed, else the value as given.
    static func dateOfBirth(of record: Record) -> String {
        record.dateOfBirth?.description ?? record[.dateOfBirth] ?? ""
    }

    /// A date of birth from source fields: ISO 8601 when the value parses, else the value as given.
    /// - Parameter fields: Source values by field.
    /// - Returns: The date, or an empty string when there is none.
    package static func dateOfBirth(of fields: [Field: String]) -> String {
        guard let given = fields[.dateOfBirth] else { return "" }
        // Written `yyyy-mm-dd` already (nearly every value a report shows): the same text
        // whether or not it is a real day, without parsing it.
        if isISODay(given) { return given }
        return CalendarDate(parsing: given)?.description ?? given
    }

    /// Whether `text` is four digits, `-`, two digits, `-`, two digits, and nothing else.
    private static func isISODay(_ text: String) -> Bool {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count == 10 else { return false }
            for (index, byte) in bytes.enumerated() {
                let isDash = index == 4 || index == 7
                guard isDash ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return false }
            }
            return true
        } ?? false
    }

    /// Text made safe to show in a terminal or a document: control and format characters
    /// (escape, carriage return, bidirectional overrides, zero-width marks) become `�`,
    /// so a hostile list cannot move the cursor, recolour the screen or reorder a line.
    package static func displayable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = ""
        for character in text {
            out.append(character.unicodeScalars.contains(where: isHidden) ? "\u{FFFD}" : character)
        }
        return out
    }

    /// Whether a scalar is a control or format character.
    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        // Printable ASCII and the Cyrillic block hold neither, and are nearly every scalar of a
        // list: answered without the Unicode property tables.
        if (0x20..<0x7F).contains(scalar.value) || (0x0400...0x04FF).contains(scalar.value) { return false }
        return switch scalar.properties.generalCategory {
        case .control, .format: true
        default: false
        }
    }
}
