/// A full name ("ПІБ", "ФИО") split into surname, given name and patronymic.
///
/// Both orders occur in the registers: "Коваленко Олександр Сергійович" (surname first, the
/// usual one) and "Олександр Сергійович Коваленко" (given name first). The parts are derived;
/// the full name itself stays the source.
package struct FullName: Sendable, Hashable {
    /// The surname, when the name has any token.
    package var surname: String?
    /// The given name, when the name has two tokens or more.
    package var givenName: String?
    /// The patronymic: the tokens between the given name and the surname (given first), or
    /// after the given name (surname first), joined by one space ("Гасан оглы" stays whole).
    package var patronymic: String?

    /// Splits a full name on whitespace.
    ///
    /// - Parameters:
    ///   - text: The full name.
    ///   - order: The order the list uses; nil decides from the tokens (see `order(of:table:)`).
    ///   - table: The name table that tells given names and patronymics.
    package init(splitting text: String, order: NameOrder?, table: NameTable = .standard) {
        let tokens = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard let first = tokens.first else { return }
        guard tokens.count > 1 else {
            surname = first
            return
        }
        let middle = tokens.count > 2 ? tokens[1..<(tokens.count - 1)].joined(separator: " ") : nil
        switch order ?? FullName.order(of: tokens, table: table) {
        case .surnameFirst:
            surname = first
            givenName = tokens[1]
            patronymic = tokens.count > 2 ? tokens[2...].joined(separator: " ") : nil
        case .givenFirst:
            givenName = first
            patronymic = middle
            surname = tokens.last
        }
    }

    /// The order of a name's tokens, from the name table: a patronymic last means surname
    /// first; else a patronymic second means given first; with two tokens,
    /// a given name first that is not also second means given first. Surname first otherwise.
    ///
    /// - Parameters:
    ///   - tokens: The name's tokens, in order.
    ///   - table: The name table.
    /// - Returns: The order the tokens are most likely in.
    package static func order(of tokens: [String], table: NameTable) -> NameOrder {
        guard tokens.count >= 2, let first = tokens.first, let last = tokens.last else { return .surnameFirst }
        if tokens.count >= 3 {
            if table.isPatronymic(last) { return .surnameFirst }
            return table.isPatronymic(tokens[1]) ? .givenFirst : .surnameFirst
        }
        if table.isGivenName(first) && !table.isGivenName(last) { return .givenFirst }
        return .surnameFirst
    }
}
