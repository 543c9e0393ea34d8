/// The column headers import recognises, in English, Ukrainian and Russian: the one place to
/// add a spelling a list uses.
///
/// Headers are compared by `key(_:)`: case, spaces, underscores, hyphens, dots, slashes,
/// brackets, colons and apostrophes do not matter, and ё reads as е (so `№ з/п`, `№ з.п.` and
/// `№з/п:` are one header). Every field's canonical name
/// (`surname`, `given_name`, `date_of_birth`…) is recognised too.
enum HeaderSynonyms {
    /// Spellings of each field's column, as lists write them.
    static let fields: [Field: [String]] = [
        .surname: [
            "surname", "last name", "family name",
            "прізвище", "прізвище військовослужбовця",
            "фамилия",
        ],
        .givenName: [
            "given name", "first name", "name", "forename", "first names",
            "ім'я", "імʼя", "ім’я", "ім я", "імя",
            "имя",
        ],
        .patronymic: [
            "patronymic", "middle name", "father's name",
            "по батькові", "по-батькові", "по батькові (за наявності)",
            "отчество", "отчество (при наличии)",
        ],
        .dateOfBirth: [
            "date of birth", "dob", "birth date", "birthdate", "born",
            "дата народження", "д.н.", "дата нар.", "дата народж.", "д/н", "народився", "рік народження",
            "дата рождения", "д.р.", "д/р", "год рождения", "родился",
        ],
        .serviceNumber: [
            "service number", "service no", "personal number", "military id", "army number",
            "serial number", "dog tag",
            "особистий номер", "особовий номер", "особистий №", "особовий №", "жетон", "номер жетона",
            "номер жетону", "військовий квиток", "номер військового квитка", "№ військового квитка",
            "личный номер", "личный №", "номер жетона", "военный билет", "номер военного билета",
            "№ военного билета",
        ],
        .rank: [
            "rank", "military rank",
            "звання", "військове звання",
            "звание", "воинское звание",
        ],
        .unit: [
            "unit", "military unit",
            "в/ч", "військова частина", "підрозділ",
            "воинская часть", "подразделение",
        ],
        .category: [
            "category", "status",
            "категорія", "статус",
            "категория",
        ],
        .sex: [
            "sex", "gender",
            "стать",
            "пол",
        ],
        .captureDate: [
            "capture date", "date of capture", "captured on",
            "дата полону", "дата потрапляння в полон",
            "дата пленения", "дата захвата",
        ],
        .capturePlace: [
            "capture place", "place of capture",
            "місце полону", "місце потрапляння в полон",
            "место пленения", "место захвата",
        ],
        .detentionPlace: [
            "detention place", "place of detention", "held at",
            "місце утримання",
            "место содержания",
        ],
        .seriouslyWounded: [
            "seriously wounded", "severely wounded", "wounded",
            "важкопоранений", "тяжкопоранений", "важке поранення",
            "тяжелораненый", "тяжело ранен", "тяжелое ранение",
        ],
        .seriouslyIll: [
            "seriously ill", "severely ill", "sick",
            "важкохворий", "тяжкохворий", "важка хвороба",
            "тяжелобольной", "тяжело болен", "тяжелая болезнь",
        ],
        .heldSince: [
            "held since", "in captivity since",
            "утримується з", "у полоні з", "в полоні з",
            "содержится с", "в плену с",
        ],
        .registrationID: [
            "registration id", "registration number", "icrc id", "icrc number", "icrc",
            "реєстраційний номер", "номер мкчх", "номер мкчх (icrc)",
            "регистрационный номер", "номер мккк",
        ],
        .notes: [
            "notes", "note", "comments", "comment", "remarks",
            "примітки", "примітка", "коментар",
            "примечания", "примечание", "комментарий",
        ],
        .fullName: [
            "full name", "name and surname",
            "піб", "п.і.б.", "прізвище ім'я по батькові", "прізвище, ім'я, по батькові",
            "прізвище, ім'я та по батькові", "прізвище ім'я та по батькові",
            "фио", "ф.и.о.", "фамилия имя отчество", "фамилия, имя, отчество", "фамилия, имя и отчество",
        ],
    ]

    /// Spellings of a record-id column.
    static let id: [String] = [
        "id", "record id", "record_id", "record no", "record number", "no", "nr", "number", "#", "№",
        "номер", "id запису", "номер запису", "№ запису", "№ з/п", "№ п/п", "з/п", "п/п", "№ зп",
        "порядковий номер", "ідентифікатор",
        "id записи", "номер записи", "№ записи", "порядковый номер", "идентификатор",
    ]

    /// The comparison form of a header: lowercased, ё as е, letters (apostrophe-like modifier
    /// letters dropped), digits, `№` and `#` only.
    static func key(_ header: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in header.lowercased().unicodeScalars {
            if scalar == "ё" {
                out.append("е")
            } else if scalar.properties.generalCategory == .modifierLetter {
                continue  // ʼ (U+02BC), the Ukrainian apostrophe, is a modifier letter
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                        || scalar == "№" || scalar == "#" {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Every recognised key and its field.
    static let byKey: [String: Field] = {
        var table: [String: Field] = [:]
        for field in Field.allCases {
            table[key(field.rawValue)] = field
            for spelling in fields[field] ?? [] { table[key(spelling)] = field }
        }
        return table
    }()

    /// Every recognised id-column key.
    static let idKeys: Set<String> = Set(id.map { key($0) })

    /// The field a header names, if it names one.
    static func field(forHeader header: String) -> Field? {
        byKey[key(header)]
    }

    /// Whether a header names a record-id column.
    static func isID(_ header: String) -> Bool {
        idKeys.contains(key(header))
    }
}
