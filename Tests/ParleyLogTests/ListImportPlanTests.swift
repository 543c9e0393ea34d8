import ParleyLog
import ParleyMatch
import Testing

/// Planning a list import: which puts and removes an import signs, how record ids become entry
/// ids, and when a file has no id column. All names are synthetic.
@Suite struct ListImportPlanTests {
    /// A record of a synthetic person on `line`.
    private static func record(_ id: String, line: Int, _ surname: String, born: String = "1990-01-02") -> Record {
        Record(id: id, line: line, fields: [.surname: surname, .givenName: "Ivan", .dateOfBirth: born])
    }

    private static func list(_ records: Record...) -> PersonList {
        PersonList(name: "list.csv", records: records)
    }

    @Test func aFirstImportAddsEveryRecord() throws {
        let list = Self.list(Self.record("A-1", line: 2, "Koval"), Self.record("A-2", line: 3, "Melnyk"))
        let plan = try ListImportPlan(list: list, kind: .request, current: [:])
        #expect((plan.added, plan.changed, plan.removed, plan.unchanged) == (2, 0, 0, 0))
        #expect(plan.operations == [
            .putEntry(PutEntry(list: .request, entry: "A-1", fields: list.records[0].fields)),
            .putEntry(PutEntry(list: .request, entry: "A-2", fields: list.records[1].fields)),
        ])
    }

    @Test func aReimportSignsOnlyWhatChanged() throws {
        let list = Self.list(
            Self.record("A-1", line: 2, "Koval"),
            Self.record("A-2", line: 3, "Melnyk", born: "1985-05-06"),
            Self.record("A-4", line: 4, "Bondar")
        )
        let current: [String: [Field: String]] = [
            "A-1": list.records[0].fields,
            "A-2": list.records[1].fields.merging([.dateOfBirth: "1985-06-05"]) { $1 },
            "A-3": [.surname: "Shevchuk"],
            "A-0": [.surname: "Tkachenko"],
        ]
        let plan = try ListImportPlan(list: list, kind: .release, current: current)
        #expect((plan.added, plan.changed, plan.removed, plan.unchanged) == (1, 1, 2, 1))
        // Puts in file order, then removes by entry id.
        #expect(plan.operations == [
            .putEntry(PutEntry(list: .release, entry: "A-2", fields: list.records[1].fields)),
            .putEntry(PutEntry(list: .release, entry: "A-4", fields: list.records[2].fields)),
            .removeEntry(RemoveEntry(list: .release, entry: "A-0", reason: ListImportPlan.removalReason)),
            .removeEntry(RemoveEntry(list: .release, entry: "A-3", reason: ListImportPlan.removalReason)),
        ])
    }

    @Test func importingTheSameFileTwicePlansNothing() throws {
        let list = Self.list(Self.record("A-1", line: 2, "Koval"))
        let first = try ListImportPlan(list: list, kind: .request, current: [:])
        let current = Dictionary(uniqueKeysWithValues: list.records.map { ("A-1", $0.fields) })
        let second = try ListImportPlan(list: list, kind: .request, current: current)
        #expect(first.operations.count == 1)
        #expect(second.operations.isEmpty)
        #expect((second.added, second.changed, second.removed, second.unchanged) == (0, 0, 0, 1))
    }

    @Test(arguments: [
        ("A-1", "A-1"),
        ("UA 001", "u:UA_20.001"),
        ("в/ч", "u:_432._2f._447."),
        ("РФ-101", "u:_420._424.-101"),
        ("1/15", "u:1_2f.15"),
        ("1-15", "1-15"),
        ("u:x", "u:u:x"),
        ("a_b", "a_b"),
        ("№ 5", "u:_2116._20.5"),
        ("", nil),
        (String(repeating: "x", count: 128), String(repeating: "x", count: 128)),
        (String(repeating: "x", count: 129), nil),
        (String(repeating: "я", count: 30), nil),
    ] as [(String, String?)])
    func recordIDsBecomeEntryIDs(id: String, entry: String?) {
        #expect(ListImportPlan.entryID(forRecordID: id) == entry)
        if let entry { #expect(ListImportPlan.recordID(forEntryID: entry) == id, "the encoding maps back") }
    }

    /// Any ids, in any script: their entry ids are valid, tell them apart, and map back exactly.
    @Test func entryIDsAreOneToOne() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09-_./: \\№РФїґЁ😀\u{301}")
        var seen: [String: String] = [:]
        for _ in 0..<2000 {
            let id = String((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            guard let entry = ListImportPlan.entryID(forRecordID: id) else { continue }
            #expect(entry.utf8.count <= 128 && entry.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".:_-".unicodeScalars.contains($0)) })
            #expect(ListImportPlan.recordID(forEntryID: entry) == id)
            if let other = seen[entry] { #expect(other == id, "two ids share an entry id") }
            seen[entry] = id
        }
    }

    @Test func cyrillicIDsKeyTheEntries() throws {
        let plan = try ListImportPlan(list: Self.list(Self.record("РФ-101", line: 2, "Koval")), kind: .request, current: [:])
        #expect(plan.operations.map(\.entryID) == ["u:_420._424.-101"])
    }

    @Test func anIDTooLongToEncodeIsAProblem() {
        let long = String(repeating: "я", count: 40)
        let list = Self.list(Self.record("A-1", line: 2, "Koval"), Self.record(long, line: 3, "Melnyk"))
        #expect(throws: ListImportProblem.invalidEntryID(line: 3, recordID: long)) {
            try ListImportPlan(list: list, kind: .request, current: [:])
        }
    }

    @Test func aRecordWithNoFieldsIsAProblem() {
        let list = Self.list(Record(id: "A-1", line: 4, fields: [:]))
        #expect(throws: ListImportProblem.noFields(line: 4, entry: "A-1")) {
            try ListImportPlan(list: list, kind: .request, current: [:])
        }
    }

    @Test func problemsNameTheLineAndNotTheRecord() {
        let problem = ListImportProblem.invalidEntryID(line: 3, recordID: "Р-7")
        #expect(problem.line == 3)
        #expect(problem.description.hasPrefix("line 3: "))
        #expect(!problem.description.contains("Р-7"))
    }

    @Test func lineNumberKeysMeanNoIDColumn() {
        #expect(ListImportPlan.keysAreLineNumbers(Self.list(Self.record("2", line: 2, "Koval"), Self.record("3", line: 3, "Melnyk"))))
        #expect(!ListImportPlan.keysAreLineNumbers(Self.list(Self.record("2", line: 2, "Koval"), Self.record("A-2", line: 3, "Melnyk"))))
        #expect(!ListImportPlan.keysAreLineNumbers(Self.list(Self.record("3", line: 2, "Koval"))))
        #expect(!ListImportPlan.keysAreLineNumbers(Self.list()))
    }
}

private extension ParleyLog.Operation {
    /// The entry id a put or remove writes.
    var entryID: String? {
        switch self {
        case let .putEntry(put): put.entry
        case let .removeEntry(remove): remove.entry
        default: nil
        }
    }
}
