import Testing
@testable import ParleyMatch

@Suite struct NameTableTests {
    let table = NameTable.standard

    func entry(_ name: String) -> Int? {
        table.givenEntry(skeleton: Skeleton.of(Normalization.fold(name)))
    }

    func patronymic(_ name: String) -> Int? {
        table.patronymicEntry(skeleton: Skeleton.of(Normalization.fold(name)))
    }

    @Test func tableHasNoConflictsAndCoversCommonNames() {
        #expect(table.conflicts.isEmpty, "\(table.conflicts)")
        #expect(table.entries.count >= 200)
    }

    /// Ukrainian, Russian and Latin spellings of one given name lead to one entry.
    @Test(arguments: [
        ["Олександр", "Александр", "Oleksandr", "Aleksandr", "Alexander"],
        ["Сергій", "Сергей", "Serhii", "Sergey", "Sergei", "Serhiy"],
        ["Олексій", "Алексей", "Oleksii", "Aleksey", "Alexey"],
        ["Микола", "Николай", "Mykola", "Nikolay"],
        ["Ігор", "Игорь", "Ihor", "Igor"],
        ["Петро", "Пётр", "Петр", "Petro", "Pyotr"],
        ["Ганна", "Анна", "Hanna", "Anna"],
        ["Наталія", "Наталья", "Nataliia", "Natalya"],
    ])
    func givenNamesAreEquivalentAcrossScripts(_ spellings: [String]) {
        let entries = spellings.map(entry)
        #expect(entries.allSatisfy { $0 != nil }, "\(spellings): \(entries)")
        #expect(Set(entries).count == 1, "\(spellings): \(entries)")
    }

    @Test(arguments: [
        ["Сергійович", "Сергеевич", "Serhiiovych", "Sergeevich"],
        ["Олександрович", "Александрович", "Oleksandrovych", "Aleksandrovich"],
        ["Миколайович", "Николаевич", "Mykolaiovych", "Nikolaevich"],
    ])
    func patronymicsAreEquivalentAcrossScripts(_ spellings: [String]) {
        let entries = spellings.map(patronymic)
        #expect(entries.allSatisfy { $0 != nil }, "\(spellings): \(entries)")
        #expect(Set(entries).count == 1, "\(spellings): \(entries)")
    }

    @Test func patronymicLeadsToTheFathersName() {
        #expect(patronymic("Сергійович") == entry("Сергій"))
        #expect(patronymic("Сергеевна") == entry("Сергей"))
    }

    @Test func differentNamesStayApart() {
        #expect(entry("Юрій") != entry("Георгій"))
        #expect(entry("Олена") != entry("Ольга"))
        #expect(entry("Олег") != entry("Ольга"))
    }

    @Test func typoFindsTheNearestNameOnlyWhenClear() {
        let typo = Skeleton.of(Normalization.fold("Олксандр"))
        #expect(table.givenEntry(skeleton: typo) == nil)
        #expect(table.nearestGivenEntry(skeleton: typo) == entry("Олександр"))
        // A surname is no given name, however near.
        #expect(table.nearestGivenEntry(skeleton: Skeleton.of("kovalenko")) == nil)
    }

    @Test func recognisesGivenNamesAndPatronymics() {
        #expect(table.isGivenName("Олександр"))
        #expect(!table.isGivenName("Коваленко"))
        #expect(table.isPatronymic("Сергійович"))
        #expect(table.isPatronymic("Вікторівна"))
        #expect(table.isPatronymic("Zakharovich"))
        #expect(!table.isPatronymic("Коваленко"))
    }

    @Test func parsesItsOwnFormat() {
        let t = NameTable(text: """
        # comment
        ivan: Іван, Иван, Ivan | Іванович, Иванович

        petro: Петро, Пётр
        broken line without colon
        """)
        #expect(t.entries.map(\.key) == ["ivan", "petro"])
        #expect(t.entries[0].patronymics == ["Іванович", "Иванович"])
        #expect(t.entries[1].patronymics.isEmpty)
    }
}
