/// Turns the rows under a header into records: values, dates, ids, full names; skips the
/// rows after the table that are no person, and finds every bad row in one pass.
enum RecordBuilder {
    /// What the rows became.
    struct Built: Sendable {
        /// The records in file order.
        var records: [Record] = []
        /// Lines after the last person that are no person (signatures, totals, notes).
        var footerLines: [Int] = []
        /// Every bad row, in file order.
        var problems: [ListError] = []
    }

    /// Words that begin the lines under a table: who prepared it, signatures, totals, notes.
    static let footerWords: [String] = [
        "підготував", "підготувала", "підготовлено", "виконавець", "виконав", "склав", "склала",
        "всього", "усього", "разом", "підпис", "керівник", "начальник", "командир", "директор",
        "примітка", "примітки", "відповідальн", "м.п", "м. п",
        "итого", "всего", "подготовил", "подготовила", "исполнитель", "составил", "составила",
        "подпись", "руководитель", "примечание", "ответственн",
        "total", "prepared by", "compiled by", "signature", "signed", "note:", "notes:",
    ]

    /// Builds the records of the rows under a header.
    ///
    /// - Parameters:
    ///   - rows: The rows after the header.
    ///   - header: The header cells.
    ///   - headerCellCount: How many cells the header line had (CSV), for ragged rows.
    ///   - layout: Which column holds what.
    ///   - nameOrder: The order of a full-name column's parts, or nil to decide per value.
    ///   - date1904: Whether spreadsheet serials count from 1904.
    ///   - file: The file name problems name.
    /// - Returns: The records, the footer's lines and every problem: `.raggedRow` for a value
    ///   outside the header, `.unreadableDate` for a date in none of the accepted forms,
    ///   `.duplicateID` when two records share an id.
    static func build(
        _ rows: ArraySlice<RawTable.Row>, header: [String], headerCellCount: Int?, layout: ColumnLayout,
        nameOrder: NameOrder?, date1904: Bool, file: String
    ) -> Built {
        var out = Built()
        let lastPerson = rows.lastIndex { looksLikePerson($0, layout: layout) }
        if let lastPerson {
            out.footerLines = rows[(lastPerson + 1)...].map(\.line)
        } else {
            out.footerLines = rows.map(\.line)
        }
        let body = lastPerson.map { rows[...$0] } ?? []
        let columns = layout.columns.sorted { $0.key < $1.key }
        let splits = layout.splitsFullName
        out.records.reserveCapacity(body.count)
        var lineOfID: [String: Int] = [:]
        lineOfID.reserveCapacity(body.count)

        func name(_ column: Int, _ field: Field) -> String {
            header.indices.contains(column) && !header[column].isEmpty ? header[column] : field.rawValue
        }

        for row in body {
            if let count = row.cellCount, let expected = headerCellCount, count < expected || row.lastColumn > expected {
                out.problems.append(ListError(.raggedRow, "the row has \(count) cells, the header has \(expected)",
                                              file: file, line: row.line))
                continue
            }
            if headerCellCount == nil, row.lastColumn > header.count {
                out.problems.append(ListError(.raggedRow, "the row has a value in column \(row.lastColumn), "
                                                  + "the header has \(header.count) columns",
                                              file: file, line: row.line))
                continue
            }
            var record = Record(id: "", line: row.line, fields: [:])
            for (field, column) in columns {
                guard let cell = row.cell(column), !cell.text.isEmpty else { continue }
                guard field.isDate else {
                    record.fields[field] = cell.text
                    continue
                }
                let date: CalendarDate
                if let parsed = CalendarDate(parsingRecordValue: cell.text) {
                    date = parsed
                    record.fields[field] = cell.text
                } else if let number = cell.number,
                          let serial = CalendarDate(spreadsheetSerial: number, date1904: date1904) {
                    date = serial
                    record.fields[field] = serial.description
                } else {
                    out.problems.append(ListError(
                        .unreadableDate,
                        "unreadable date (expected \(CalendarDate.acceptedRecordFormats); day before month)",
                        file: file, line: row.line, column: name(column, field)))
                    continue
                }
                switch field {
                case .dateOfBirth: record.dateOfBirth = date
                case .captureDate: record.captureDate = date
                case .heldSince: record.heldSince = date
                default: break
                }
            }
            if splits, let full = record.fields[.fullName] {
                let name = FullName(splitting: full, order: nameOrder)
                let parts: [(Field, String?)] = [
                    (.surname, name.surname), (.givenName, name.givenName), (.patronymic, name.patronymic),
                ]
                for (field, value) in parts where layout.columns[field] == nil {
                    record.fields[field] = value
                }
            }
            if let column = layout.idColumn, let cell = row.cell(column), !cell.text.isEmpty {
                record.id = cell.text
            } else {
                record.id = String(row.line)
            }
            if let first = lineOfID[record.id] {
                out.problems.append(ListError(.duplicateID, "the same id is used on lines \(first) and \(row.line)",
                                              file: file, line: row.line))
                continue
            }
            lineOfID[record.id] = row.line
            out.records.append(record)
        }
        return out
    }

    /// Whether a row reads as a person: a whole name (the full name, or surname and given name
    /// where the list has both columns) and no cell that begins like a signature, total or note
    /// (`Підготував:`, `Всього`, `Итого`, `Исполнитель`…).
    static func looksLikePerson(_ row: RawTable.Row, layout: ColumnLayout) -> Bool {
        let named: Bool
        if let full = layout.columns[.fullName], !row.text(full).isEmpty {
            named = true
        } else {
            let parts = [Field.surname, .givenName].compactMap { layout.columns[$0] }
            named = !parts.isEmpty && parts.allSatisfy { !row.text($0).isEmpty }
        }
        guard named else { return false }
        for placed in row.cells {
            let lowered = placed.cell.text.prefix(24).lowercased()
            if footerWords.contains(where: { lowered.hasPrefix($0) }) { return false }
        }
        return true
    }
}
