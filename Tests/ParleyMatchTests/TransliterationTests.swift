import Testing
@testable import ParleyMatch

@Suite struct TransliterationTests {
    @Test(arguments: [
        ("Олександр Коваленко", Transliterator.Language.ukrainian, "oleksandr kovalenko"),
        ("Сергійович", .ukrainian, "serhiiovych"),
        ("Григорій", .ukrainian, "hryhorii"),
        ("Ґанна", .ukrainian, "ganna"),
        ("Євген", .ukrainian, "yevhen"),
        ("Їжакевич", .ukrainian, "yizhakevych"),
        ("Юрій", .ukrainian, "yurii"),
        ("Вʼячеслав", .ukrainian, "viacheslav"),
        ("Щербак", .ukrainian, "shcherbak"),
        ("Александр Сергеевич", .russian, "aleksandr sergeevich"),
        ("Григорий", .russian, "grigorii"),
        ("Юрий", .russian, "iurii"),
        ("Фёдор", .russian, "fedor"),
        ("Эдуард", .russian, "eduard"),
        ("Рыбаков", .russian, "rybakov"),
        ("Подъячев", .russian, "podiachev"),
    ])
    func transliteratesByLanguage(_ input: String, _ language: Transliterator.Language, _ expected: String) {
        #expect(Transliterator.latin(input, language: language) == expected)
    }

    @Test(arguments: [
        ("Сергій", Transliterator.Language.ukrainian),
        ("Їжак", .ukrainian),
        ("Євген", .ukrainian),
        ("Ґудзь", .ukrainian),
        ("Рыбаков", .russian),
        ("Эдуард", .russian),
        ("Пётр", .russian),
        ("Подъячев", .russian),
        ("Oleksandr", .latin),
    ])
    func detectsLanguageFromLetters(_ input: String, _ expected: Transliterator.Language) {
        #expect(Transliterator.language(of: input) == expected)
    }

    @Test func ambiguousCyrillicTakesTheFallback() {
        #expect(Transliterator.language(of: "Коваленко", fallback: .russian) == .russian)
        #expect(Transliterator.language(of: "Коваленко", fallback: .ukrainian) == .ukrainian)
    }

    @Test func ukrainianAndRussianRulesDiffer() {
        // Same letters, different languages: г and и are read differently.
        #expect(Transliterator.latin("Гриценко", language: .ukrainian) == "hrytsenko")
        #expect(Transliterator.latin("Гриценко", language: .russian) == "gritsenko")
    }

    /// Spellings that must share one skeleton: one person's name under several schemes.
    @Test(arguments: [
        ["Геннадій", "Геннадий", "Hennadii", "Gennadiy", "Gennady", "Hennadiy"],
        ["Наталія", "Наталья", "Nataliia", "Natalya", "Natal'ya"],
        ["Вʼячеслав", "Вячеслав", "Viacheslav", "Vyacheslav"],
        ["Юрій", "Юрий", "Yurii", "Yuriy", "Iurii"],
        ["Коваленко", "Kovalenko"],
        ["Шевчук", "Shevchuk", "Szewczuk"],
        ["Хмельницький", "Хмельницкий", "Khmelnytskyi", "Khmelnitskiy"],
        ["Гриценко", "Hrytsenko", "Gritsenko"],
        ["Євген", "Yevhen", "Ievgen"],
    ])
    func skeletonsAgreeAcrossSchemes(_ spellings: [String]) {
        let skeletons = Set(spellings.map { Skeleton.of(Normalization.fold($0)) })
        #expect(skeletons.count == 1, "\(spellings) gave \(skeletons.map { String(decoding: $0, as: UTF8.self) })")
    }

    @Test func skeletonsKeepDifferentNamesApart() {
        let pairs = [("Олег", "Ольга"), ("Коваленко", "Коваль"), ("Іван", "Іванна"), ("Петренко", "Петрук")]
        for (x, y) in pairs {
            #expect(Skeleton.of(Normalization.fold(x)) != Skeleton.of(Normalization.fold(y)), "\(x) / \(y)")
        }
    }

    @Test func normalizationIsNFKCAndCaseFolded() {
        // A fullwidth letter and a decomposed й fold like their plain forms.
        #expect(Normalization.fold("Ｋｏｖａｌ") == "koval")
        #expect(Normalization.fold("Андрі" + "и\u{306}") == "андрій")
        #expect(Normalization.fold("  Коваль   Петро ") == "коваль петро")
    }

    @Test func jaroWinklerKnownValues() {
        func jw(_ a: String, _ b: String) -> Double { jaroWinkler(Array(a.utf8), Array(b.utf8)) }
        #expect(abs(jw("martha", "marhta") - 0.9611) < 0.001)
        #expect(abs(jw("dwayne", "duane") - 0.84) < 0.001)
        #expect(abs(jw("dixon", "dicksonx") - 0.8133) < 0.001)
        #expect(jw("abc", "abc") == 1)
        #expect(jw("", "abc") == 0)
        #expect(jw("abc", "xyz") == 0)
    }
}
