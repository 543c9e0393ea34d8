/// The order of the parts in a full-name column.
public enum NameOrder: String, Sendable, CaseIterable {
    /// "Коваленко Олександр Сергійович": surname, given name, patronymic.
    case surnameFirst = "surname-first"
    /// "Олександр Сергійович Коваленко": given name, patronymic, surname.
    case givenFirst = "given-first"
}
