/// Reads CSV bytes into a `RawTable`: byte order mark, encoding, delimiter, quoting, and
/// the checks that need only the bytes (undecodable text, unterminated quotes, ragged rows).
enum CSVReader {
    /// Reads a CSV file.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - file: The file name errors name.
    ///   - forced: The encoding to read with, or nil to detect it.
    /// - Returns: The header and the rows that are not entirely empty.
    /// - Throws: `.emptyFile`, `.undecodableBytes`, `.unterminatedQuote`, `.raggedRow`.
    static func read(_ bytes: [UInt8], file: String, encoding forced: TextEncoding?) throws(ListError) -> RawTable {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = bytes[start...]
        guard body.contains(where: { !CSVReader.isBlank($0) }) else {
            throw ListError(.emptyFile, "the file is empty", file: file)
        }
        let detected = forced == nil
        let encoding = forced ?? TextEncoding.detect(body)
        let knownValid = encoding == .utf8 && TextEncoding.firstInvalidUTF8(body) == nil
        let delimiter = CSVScanner.detectDelimiter(bytes, from: start)

        let scan: CSVScanner.Scan
        switch CSVScanner.scan(bytes, from: start, delimiter: delimiter) {
        case .success(let s): scan = s
        case .failure(let open):
            throw ListError(.unterminatedQuote, "a quoted cell opened on this line is never closed",
                            file: file, line: open.line)
        }

        var header: [String]?
        var headerLine = 1
        var rows: [RawTable.Row] = []
        rows.reserveCapacity(scan.rows.count)
        for row in scan.rows {
            var texts: [String] = []
            texts.reserveCapacity(row.cellCount)
            var allEmpty = true
            for index in 0..<row.cellCount {
                let cellIndex = row.firstCell + index
                guard scan.cells.indices.contains(cellIndex) else { break }
                let cell = scan.cells[cellIndex]
                let content = CSVScanner.content(of: cell, in: bytes)
                switch encoding.decode(content, knownValid: knownValid) {
                case .success(let text):
                    let trimmed = text.trimmingWhitespace()
                    if !trimmed.isEmpty { allEmpty = false }
                    texts.append(trimmed)
                case .failure(let bad):
                    let rowStart = scan.cells.indices.contains(row.firstCell) ? scan.cells[row.firstCell].start : cell.start
                    throw undecodable(bad, cell: cell, column: index, row: row, rowStart: rowStart, header: header,
                                      bytes: bytes, encoding: encoding, detected: detected, file: file)
                }
            }
            if allEmpty { continue }
            guard let header else {
                header = texts
                headerLine = row.line
                continue
            }
            guard texts.count == header.count else {
                throw ListError(.raggedRow, "the row has \(texts.count) cells, the header has \(header.count)",
                                file: file, line: row.line)
            }
            rows.append(RawTable.Row(line: row.line, cells: texts.map { RawTable.Cell($0) }))
        }
        guard let header else { throw ListError(.emptyFile, "the file has no header", file: file) }
        return RawTable(header: header, headerLine: headerLine, rows: rows)
    }

    private static func isBlank(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    /// The error for an undecodable byte, naming the line it stands on and its column.
    private static func undecodable(
        _ bad: UndecodableByte, cell: CSVScanner.Cell, column: Int, row: CSVScanner.Row, rowStart: Int,
        header: [String]?,
        bytes: [UInt8], encoding: TextEncoding, detected: Bool, file: String
    ) -> ListError {
        // A quoted cell's content may be a copy: find the byte again in the file itself
        // (quotes are ASCII, so the raw range's first bad byte is the same one).
        var offset = cell.start
        if cell.start <= cell.end, cell.end <= bytes.count {
            let raw = bytes[cell.start..<cell.end]
            let found = encoding == .utf8 ? TextEncoding.firstInvalidUTF8(raw) : raw.firstIndex(of: bad.byte)
            offset = found ?? cell.start
        }
        var line = row.line
        var i = max(0, min(rowStart, offset))
        while i < offset, i < bytes.count {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) { line += 1 }
            i += 1
        }
        var message = "byte \(hex(bad.byte)) is not \(encoding.rawValue) text"
        if detected { message += " (the encoding was detected; choose utf-8 or windows-1251 explicitly)" }
        var name: String?
        if let header, header.indices.contains(column), !header[column].isEmpty {
            name = header[column]
        } else {
            message += " in column \(column + 1)"
        }
        return ListError(.undecodableBytes, message, file: file, line: line, column: name)
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0x0F)])
    }
}
