/// Which column of a list holds which field, and which holds the record id.
struct ColumnLayout: Sendable {
    /// The column index (0-based) of each field the list has.
    var columns: [Field: Int]
    /// The column index of the record id, when the list has one.
    var idColumn: Int?

    /// Whether the name parts come from splitting the full-name column.
    var splitsFullName: Bool {
        columns[.fullName] != nil && (columns[.surname] == nil || columns[.givenName] == nil)
    }

    /// What each column of `header` was read as, for the import report.
    func report(header: [String]) -> [ImportReport.Column] {
        var readAs: [Int: String] = [:]
        for (field, column) in columns { readAs[column] = field.rawValue }
        if let idColumn { readAs[idColumn] = readAs[idColumn].map { "id, \($0)" } ?? "id" }
        return header.enumerated().compactMap { column, name in
            guard !name.isEmpty || readAs[column] != nil else { return nil }
            return ImportReport.Column(number: column + 1, header: name, readAs: readAs[column])
        }
    }

    /// Resolves a header: recognised headers first, then the column map over them.
    ///
    /// - Parameters:
    ///   - header: The header cells.
    ///   - headerLine: The header's line, for errors.
    ///   - options: The column map and id column.
    ///   - file: The file name errors name.
    /// - Throws: `.unknownColumn` for a map or id column the header lacks, `.duplicateColumn` when
    ///   two columns hold one field, `.missingColumns` without surname and given name (or full name).
    static func resolve(
        header: [String], headerLine: Int, options: ImportOptions, file: String
    ) throws(ListError) -> ColumnLayout {
        func describe(_ column: Int) -> String {
            header.indices.contains(column) && !header[column].isEmpty
                ? "\"\(header[column])\"" : "column \(column + 1)"
        }

        // Columns chosen by hand.
        var mapped: [Field: Int] = [:]
        var mappedBy: [Int: Field] = [:]
        for field in Field.allCases {
            guard let spec = options.columnMap[field] else { continue }
            let column = try find(spec, in: header, headerLine: headerLine, file: file, purpose: field.rawValue)
            if let other = mappedBy[column] {
                throw ListError(.duplicateColumn, "\(describe(column)) is mapped to both \(other.rawValue) and \(field.rawValue)",
                                file: file, line: headerLine, column: header[column])
            }
            mapped[field] = column
            mappedBy[column] = field
        }

        // Recognised headers, for the fields and columns not chosen by hand.
        var columns = mapped
        var found: [Field: Int] = [:]
        for (column, name) in header.enumerated() where mappedBy[column] == nil {
            guard let field = HeaderSynonyms.field(forHeader: name), mapped[field] == nil else { continue }
            if let first = found[field] {
                throw ListError(.duplicateColumn,
                                "\(describe(first)) and \(describe(column)) both hold \(field.rawValue); choose one with a column map",
                                file: file, line: headerLine, column: name)
            }
            found[field] = column
            columns[field] = column
        }

        var idColumn: Int?
        if let spec = options.idColumn {
            idColumn = try find(spec, in: header, headerLine: headerLine, file: file, purpose: "id")
        } else {
            idColumn = header.firstIndex(where: HeaderSynonyms.isID)
        }

        let layout = ColumnLayout(columns: columns, idColumn: idColumn)
        guard columns[.fullName] != nil || (columns[.surname] != nil && columns[.givenName] != nil) else {
            let missing = [Field.surname, .givenName].filter { columns[$0] == nil }.map(\.rawValue)
            let seen = header.enumerated().map { column, name -> String in
                let what = columns.first(where: { $0.value == column })?.key.rawValue
                    ?? (column == idColumn ? "id" : "not recognised")
                return "\(describe(column)) (\(what))"
            }
            throw ListError(
                .missingColumns,
                "missing \(missing.joined(separator: " and ")): a list needs surname and given_name columns, "
                    + "or one full_name column; found \(seen.joined(separator: ", "))",
                file: file, line: headerLine)
        }
        return layout
    }

    /// The column a `--map` or id-column value names: a header as written (case and spacing
    /// aside), else a 1-based column number.
    private static func find(
        _ spec: String, in header: [String], headerLine: Int, file: String, purpose: String
    ) throws(ListError) -> Int {
        func compact(_ s: String) -> String { String(s.lowercased().filter { !$0.isWhitespace }) }
        let wanted = compact(spec)
        if let column = header.firstIndex(where: { compact($0) == wanted }) { return column }
        let key = HeaderSynonyms.key(spec)
        if !key.isEmpty, let column = header.firstIndex(where: { HeaderSynonyms.key($0) == key }) { return column }
        let trimmed = spec.trimmingWhitespace()
        if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), trimmed.count < 7,
           let number = Int(trimmed), number >= 1, number <= header.count {
            return number - 1
        }
        let names = header.enumerated().map { $1.isEmpty ? "column \($0 + 1)" : "\"\($1)\"" }
        throw ListError(
            .unknownColumn,
            "no column \"\(spec)\" for \(purpose); the columns are \(names.joined(separator: ", ")) "
                + "(or a number from 1 to \(header.count))",
            file: file, line: headerLine, column: spec)
    }
}
