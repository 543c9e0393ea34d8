import Testing
@testable import ParleyMatch

@Suite struct FullNameTests {
    @Test func surnameFirstSplit() throws {
        let csv = "ПІБ;Дата народження\nКоваленко Олександр Сергійович;01.01.1990\nТестенко Петро;\n"
        let list = try readCSV(csv, options: .init(nameOrder: .surnameFirst))
        let first = list.records[0]
        #expect(first[.fullName] == "Коваленко Олександр Сергійович")
        #expect(first[.surname] == "Коваленко")
        #expect(first[.givenName] == "Олександр")
        #expect(first[.patronymic] == "Сергійович")
        #expect(list.records[1][.surname] == "Тестенко")
        #expect(list.records[1][.givenName] == "Петро")
        #expect(list.records[1][.patronymic] == nil)
    }

    @Test func givenFirstSplit() throws {
        let list = try readCSV("ФИО\n\"Александр  Сергеевич Коваленко\"\n", options: .init(nameOrder: .givenFirst))
        let record = list.records[0]
        #expect(record[.givenName] == "Александр")
        #expect(record[.patronymic] == "Сергеевич")
        #expect(record[.surname] == "Коваленко")
        #expect(record[.fullName] == "Александр  Сергеевич Коваленко")
    }

    @Test func defaultIsSurnameFirst() throws {
        let list = try readCSV("full name\nTestenko Petro Ivanovych\n")
        #expect(list.records[0][.surname] == "Testenko")
    }

    @Test func longerNamesKeepTheRestAsPatronymic() {
        let surnameFirst = FullName(splitting: "Алиев Рашид Гасан оглы", order: .surnameFirst)
        #expect(surnameFirst.patronymic == "Гасан оглы")
        let givenFirst = FullName(splitting: "Рашид Гасан оглы Алиев", order: .givenFirst)
        #expect(givenFirst.surname == "Алиев")
        #expect(givenFirst.patronymic == "Гасан оглы")
        let single = FullName(splitting: "  Одноіменний ", order: nil)
        #expect(single.surname == "Одноіменний" && single.givenName == nil)
        #expect(FullName(splitting: "   ", order: nil) == FullName(splitting: "", order: .givenFirst))
    }

    @Test func separateNameColumnsWinOverTheFullName() throws {
        let list = try readCSV("ПІБ,Прізвище,Ім'я\nX Y Z,Тест,Петро\n")
        #expect(list.records[0][.surname] == "Тест")
        #expect(list.records[0][.patronymic] == nil, "no split when the parts have columns")
        #expect(list.records[0][.fullName] == "X Y Z")
    }
}
