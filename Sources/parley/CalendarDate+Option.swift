import ParleyMatch

extension CalendarDate {
    /// The date an option gives, written exactly YYYY-MM-DD.
    ///
    /// - Parameters:
    ///   - text: The option's value.
    ///   - option: The option's name with its dashes, for the message (e.g. `--as-of`).
    /// - Throws: A one-line failure naming the option and the value.
    init(option: String, value text: String) throws {
        guard let date = CalendarDate(parsing: text), date.description == text else {
            throw ValidationFailure("\(option) \(text): expected a date written YYYY-MM-DD")
        }
        self = date
    }
}
