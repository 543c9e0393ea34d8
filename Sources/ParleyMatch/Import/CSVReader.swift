/// Reads CSV bytes into a `RawTable`: byte order mark, encoding, delimiter, quoting, and
/// undecodable text. Which row is the header is decided later (`TableFinder`).
///
/// Rows are read one at a time and only their non-empty cells are kept, each charged to the
/// read's `ReadBudget`, so memory follows the values in the file, not its delimiters or lines.
enum CSVReader {
    /// Reads a CSV file.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - file: The file name errors name.
    ///   - forced: The encoding to read with, or nil to detect it.
    ///   - budget: What the stored cells may cost.
    /// - Returns: The rows that have a value, with the cells that could not be decoded.
    /// - Throws: `.emptyFile`, `.unterminatedQuote`, `.tooLarge`.
    static func read(
        _ bytes: [UInt8], file: String, encoding forced: TextEncoding?, budget: inout ReadBudget
    ) throws(ListError) -> RawTable {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = bytes[start...]
        guard body.contains(where: { !CSVReader.isBlank($0) }) else {
            throw ListError(.emptyFile, "the file is empty", file: file)
        }
        let detected = forced == nil
        let encoding = forced ?? TextEncoding.detect(body)
        let knownValid = encoding == .utf8 && TextEncoding.firstInvalidUTF8(body) == nil
        let delimiter = CSVScanner.detectDelimiter(bytes, from: start)

        var table = RawTable()
        var spentOn: Int?
        let open = CSVScanner.scan(bytes, from: start, delimiter: delimiter) { row in
            var cells: [RawTable.PlacedCell] = []
            for (column, cell) in row.cells {
                let content = CSVScanner.content(of: cell, in: bytes)
                switch encoding.decode(content, knownValid: knownValid) {
                case .success(let text):
                    let trimmed = text.trimmingWhitespace()
                    guard !trimmed.isEmpty else { continue }
                    guard budget.chargeCell(trimmed) else {
                        spentOn = row.line
                        return false
                    }
                    cells.append(RawTable.PlacedCell(column: column, cell: RawTable.Cell(trimmed)))
                case .failure(let bad):
                    table.undecodable.append(undecodable(bad, cell: cell, column: column, row: row, bytes: bytes,
                                                         encoding: encoding, detected: detected))
                    guard budget.charge(ReadBudget.cellOverhead) else {
                        spentOn = row.line
                        return false
                    }
                }
            }
            guard !cells.isEmpty else { return true }
            guard budget.charge(ReadBudget.rowOverhead) else {
                spentOn = row.line
                return false
            }
            table.rows.append(RawTable.Row(line: row.line, cells: cells, cellCount: row.cellCount))
            return true
        }
        if let spentOn { throw budget.exhausted(file: file, line: spentOn) }
        if let open {
            throw ListError(.unterminatedQuote, "a quoted cell opened on this line is never closed",
                            file: file, line: open.line)
        }
        guard !table.rows.isEmpty || !table.undecodable.isEmpty else {
            throw ListError(.emptyFile, "the file has no header", file: file)
        }
        return table
    }

    private static func isBlank(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    /// An undecodable byte: the line it stands on, its column and what is wrong.
    private static func undecodable(
        _ bad: UndecodableByte, cell: CSVScanner.Cell, column: Int, row: CSVScanner.Row,
        bytes: [UInt8], encoding: TextEncoding, detected: Bool
    ) -> RawTable.UndecodableCell {
        // A quoted cell's content may be a copy: find the byte again in the file itself
        // (quotes are ASCII, so the raw range's first bad byte is the same one).
        var offset = cell.start
        if cell.start <= cell.end, cell.end <= bytes.count {
            let raw = bytes[cell.start..<cell.end]
            let found = encoding == .utf8 ? TextEncoding.firstInvalidUTF8(raw) : raw.firstIndex(of: bad.byte)
            offset = found ?? cell.start
        }
        var line = row.line
        var i = max(0, min(row.cells.first?.cell.start ?? cell.start, offset))
        while i < offset, i < bytes.count {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) { line += 1 }
            i += 1
        }
        var message = "byte \(hex(bad.byte)) is not \(encoding.rawValue) text"
        if detected { message += " (the encoding was detected; choose utf-8 or windows-1251 explicitly)" }
        return RawTable.UndecodableCell(line: line, column: column, message: message)
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0x0F)])
    }
}
