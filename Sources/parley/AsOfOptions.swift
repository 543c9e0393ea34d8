import ArgumentParser
import ParleyLog
import ParleyMatch
import ParleySync

/// The `--as-of` option of the commands that measure priorities: the day ages and time held are
/// measured on when the terms set none.
struct AsOfOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The day ages and time held are measured on for priorities when the terms set none (default: today).", valueName: "YYYY-MM-DD"
    ))
    var asOf: String?

    /// The day given, else today (UTC).
    ///
    /// - Throws: A one-line failure when the option is not a date written YYYY-MM-DD.
    func day() throws -> CalendarDate {
        if let asOf { return try CalendarDate(option: "--as-of", value: asOf) }
        // A timestamp starts with its UTC date, YYYY-MM-DD.
        return CalendarDate(parsing: String(Timestamp.now().description.prefix(10)))!
    }
}
