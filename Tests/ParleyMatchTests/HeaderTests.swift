import Testing
@testable import ParleyMatch

@Suite struct HeaderTests {
    @Test(arguments: [
        "Surname,First Name,Middle name,Date of birth,Service number,Rank,Unit,Category,Sex,Capture date,Capture place,Detention place,Seriously wounded,Seriously ill,Held since,ICRC id,Notes",
        "Прізвище,Ім'я,По батькові,Дата народження,Особистий номер,Звання,В/ч,Категорія,Стать,Дата полону,Місце полону,Місце утримання,Важкопоранений,Важкохворий,Утримується з,Реєстраційний номер,Примітки",
        "ФАМИЛИЯ,имя,Отчество,Дата рождения,Личный номер,Звание,Воинская часть,Категория,Пол,Дата пленения,Место пленения,Место содержания,Тяжелораненый,Тяжелобольной,Содержится с,Номер МККК,Примечания",
        "last_name,FIRST-NAME,middle.name,DOB,military id,rank,unit,category,gender,capture_date,capture_place,detention_place,seriously_wounded,seriously_ill,held_since,registration_id,notes",
    ])
    func everyFieldIsRecognised(_ header: String) throws {
        let row = "S,G,P,17.05.1990,123,r,u,c,m,2022-04-03,cp,dp,yes,no,20220405,R1,n"
        let list = try readCSV(header + "\n" + row + "\n")
        let record = try #require(list.records.first)
        let expected = Set(Field.allCases).subtracting([.fullName])
        #expect(Set(record.fields.keys) == expected)
        #expect(record.dateOfBirth == CalendarDate(year: 1990, month: 5, day: 17))
        #expect(record.captureDate == CalendarDate(year: 2022, month: 4, day: 3))
        #expect(record.heldSince == CalendarDate(year: 2022, month: 4, day: 5))
    }

    @Test(arguments: ["Ім'я", "Імʼя", "Ім’я", " ІМ'Я ", "given_name", "Given Name", "name"])
    func givenNameSpellings(_ header: String) {
        #expect(HeaderSynonyms.field(forHeader: header) == .givenName)
    }

    @Test(arguments: ["ПІБ", "П.І.Б.", "ФИО", "Ф.И.О.", "full name", "full_name", "Прізвище, ім'я, по батькові"])
    func fullNameSpellings(_ header: String) {
        #expect(HeaderSynonyms.field(forHeader: header) == .fullName)
    }

    @Test func synonymsDoNotCollide() {
        var seen: [String: Field] = [:]
        for (field, spellings) in HeaderSynonyms.fields {
            for spelling in spellings {
                let key = HeaderSynonyms.key(spelling)
                #expect(!key.isEmpty)
                #expect(seen[key] == nil || seen[key] == field, "\(spelling) names two fields")
                #expect(!HeaderSynonyms.idKeys.contains(key), "\(spelling) is also an id header")
                seen[key] = field
            }
        }
    }

    @Test func unrecognisedColumnsAreIgnored() throws {
        let list = try readCSV("Surname,Given name,Favourite colour\nA,B,green\n")
        #expect(list.records[0].fields.count == 2)
    }

    @Test func missingColumnsSayWhatWasFoundAndWhatIsNeeded() throws {
        let error = try #require(listError { try readCSV("Прізвище;Дата;ID\nA;1;2\n") })
        #expect(error.code == .missingColumns)
        #expect(error.line == 1)
        #expect(error.message.contains("missing given_name"))
        #expect(error.message.contains("surname and given_name"))
        #expect(error.message.contains("full_name"))
        #expect(error.message.contains("\"Прізвище\" (surname)"))
        #expect(error.message.contains("\"Дата\" (not recognised)"))
        #expect(error.message.contains("\"ID\" (id)"))
    }

    @Test func twoHeadersForOneFieldAreAnError() throws {
        let error = try #require(listError { try readCSV("Прізвище,Фамилия,Имя\nA,B,C\n") })
        #expect(error.code == .duplicateColumn)
        #expect(error.message.contains("\"Прізвище\"") && error.message.contains("\"Фамилия\""))
    }

    @Test func columnMapByNameAndNumberOverridesDetection() throws {
        let csv = "Прізвище,Фамилия,Имя,Код\nA,B,C,D\n"
        let options = ImportOptions(columnMap: [.surname: " фамилия ", .serviceNumber: "4"])
        let list = try readCSV(csv, options: options)
        #expect(list.records[0][.surname] == "B")
        #expect(list.records[0][.serviceNumber] == "D")
        #expect(list.records[0][.givenName] == "C")
    }

    @Test func columnMapCanTakeAColumnFromAnotherField() throws {
        let list = try readCSV("Surname,Name,Notes\nA,B,C\n", options: .init(columnMap: [.givenName: "notes"]))
        #expect(list.records[0][.givenName] == "C")
        #expect(list.records[0][.notes] == nil)
    }

    @Test func unknownMapColumnListsTheColumns() throws {
        let error = try #require(listError {
            try readCSV("Surname,Name\nA,B\n", options: .init(columnMap: [.rank: "Grade"]))
        })
        #expect(error.code == .unknownColumn)
        #expect(error.message.contains("\"Grade\""))
        #expect(error.message.contains("\"Surname\", \"Name\""))
        let outOfRange = listError { try readCSV("Surname,Name\nA,B\n", options: .init(columnMap: [.rank: "3"])) }
        #expect(outOfRange?.code == .unknownColumn)
    }

    @Test func twoFieldsMappedToOneColumnAreAnError() throws {
        let error = listError {
            try readCSV("Surname,Name\nA,B\n", options: .init(columnMap: [.rank: "1", .unit: "Surname"]))
        }
        #expect(error?.code == .duplicateColumn)
    }
}
