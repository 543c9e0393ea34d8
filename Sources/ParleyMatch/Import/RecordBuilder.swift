/// Turns a `RawTable` and its `ColumnLayout` into records: values, dates, ids, full names.
enum RecordBuilder {
    /// Builds the records of a table.
    ///
    /// - Parameters:
    ///   - table: The header and rows.
    ///   - layout: Which column holds what.
    ///   - nameOrder: The order of a full-name column's parts, or nil to decide per value.
    ///   - file: The file name errors name.
    /// - Returns: The records in file order.
    /// - Throws: `.unreadableDate` for a date cell in none of the accepted forms,
    ///   `.duplicateID` when two records share an id.
    static func build(
        _ table: RawTable, layout: ColumnLayout, nameOrder: NameOrder?, file: String
    ) throws(ListError) -> [Record] {
        let columns = layout.columns.sorted { $0.key < $1.key }
        let splits = layout.splitsFullName
        var records: [Record] = []
        records.reserveCapacity(table.rows.count)
        var lineOfID: [String: Int] = [:]
        lineOfID.reserveCapacity(table.rows.count)

        for row in table.rows {
            var record = Record(id: "", line: row.line, fields: [:])
            for (field, column) in columns {
                guard row.cells.indices.contains(column) else { continue }
                let cell = row.cells[column]
                guard !cell.text.isEmpty else { continue }
                guard field.isDate else {
                    record.fields[field] = cell.text
                    continue
                }
                let date: CalendarDate
                if let parsed = CalendarDate(parsing: cell.text) {
                    date = parsed
                    record.fields[field] = cell.text
                } else if let number = cell.number,
                          let serial = CalendarDate(spreadsheetSerial: number, date1904: table.date1904) {
                    date = serial
                    record.fields[field] = serial.description
                } else {
                    let name = table.header.indices.contains(column) && !table.header[column].isEmpty
                        ? table.header[column] : field.rawValue
                    throw ListError(
                        .unreadableDate,
                        "unreadable date \"\(cell.text)\" (expected \(CalendarDate.acceptedFormats), day before month)",
                        file: file, line: row.line, column: name)
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
            if let column = layout.idColumn, row.cells.indices.contains(column), !row.cells[column].text.isEmpty {
                record.id = row.cells[column].text
            } else {
                record.id = String(row.line)
            }
            if let first = lineOfID[record.id] {
                throw ListError(.duplicateID, "id \"\(record.id)\" is used on lines \(first) and \(row.line)",
                                file: file, line: row.line)
            }
            lineOfID[record.id] = row.line
            records.append(record)
        }
        return records
    }
}
