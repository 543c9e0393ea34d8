/// The RFC 4180 state machine: finds the rows and cells of CSV bytes without decoding them.
///
/// It works on bytes, so it serves UTF-8 and Windows-1251 alike (both keep ASCII, and so
/// quotes, delimiters and line breaks, as single bytes). Rows end at LF, CRLF or a lone CR;
/// inside quotes those are part of the cell. A doubled quote inside quotes is a quote.
/// Text after a closing quote (`"ab"c`) is kept literally rather than rejected, and spaces
/// before an opening quote (`a, "b"`) are allowed.
struct CSVScanner {
    /// A cell's bytes: `start..<end` of the buffer; a quoted cell's range begins at its
    /// opening quote and still holds its quoting, which `CSVScanner.content` removes.
    struct Cell: Sendable {
        var start: Int
        var end: Int
        var quoted: Bool
    }

    /// A row as the scanner hands it over: its line, how many cells it has, and those of its
    /// cells that hold at least one byte, each with its 0-based column.
    struct Row: Sendable {
        /// The 1-based line on which the row starts.
        var line: Int = 1
        /// How many cells it has, empty ones included.
        var cellCount: Int = 0
        /// Its cells with bytes in them (a quoted empty cell `""` included), in column order.
        var cells: [(column: Int, cell: Cell)] = []
    }

    private enum State { case fieldStart, unquoted, quoted, afterQuote, quotedTail }

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")

    /// Scans `bytes[start...]` row by row, handing each row to `body` as soon as it ends.
    ///
    /// Nothing is kept between rows but one reused row, so the scan's own memory is the widest
    /// row's non-empty cells, whatever the file: a line of delimiters or a file of line breaks
    /// costs nothing per cell or per line.
    ///
    /// - Parameters:
    ///   - body: Called once per row (rows of one empty cell included); returns false to stop.
    /// - Returns: nil, or the line on which a quote that is never closed opened.
    static func scan(
        _ bytes: [UInt8], from start: Int, delimiter: UInt8, _ body: (Row) -> Bool
    ) -> UnterminatedQuote? {
        bytes.withUnsafeBufferPointer { buf -> UnterminatedQuote? in
            var row = Row()
            var state = State.fieldStart
            var line = 1
            var inRow = false
            var fieldStart = start
            var quoteLine = 1
            let n = buf.count
            var i = start

            func add(_ cell: Cell) {
                if cell.end > cell.start { row.cells.append((row.cellCount, cell)) }
                row.cellCount += 1
            }

            while i < n {
                let b = buf[i]
                var rowEnds = false
                switch state {
                case .fieldStart:
                    if !inRow {
                        inRow = true
                        row.line = line
                        row.cellCount = 0
                        row.cells.removeAll(keepingCapacity: row.cells.capacity < 4096)
                    }
                    if b == quote {
                        state = .quoted
                        fieldStart = i
                        quoteLine = line
                    } else if b == space && delimiter != space {
                        // Spaces before an opening quote are allowed (and trimmed anyway).
                    } else if b == delimiter {
                        add(Cell(start: i, end: i, quoted: false))
                    } else if b == lf || b == cr {
                        add(Cell(start: i, end: i, quoted: false))
                        rowEnds = true
                    } else {
                        state = .unquoted
                        fieldStart = i
                    }
                case .unquoted, .quotedTail:
                    if b == delimiter || b == lf || b == cr {
                        add(Cell(start: fieldStart, end: i, quoted: state == .quotedTail))
                        state = .fieldStart
                        rowEnds = b != delimiter
                    }
                case .quoted:
                    if b == quote {
                        state = .afterQuote
                    } else if b == lf || (b == cr && !(i + 1 < n && buf[i + 1] == lf)) {
                        line += 1
                    }
                case .afterQuote:
                    if b == quote {
                        state = .quoted
                    } else if b == delimiter || b == lf || b == cr {
                        add(Cell(start: fieldStart, end: i, quoted: true))
                        state = .fieldStart
                        rowEnds = b != delimiter
                    } else {
                        state = .quotedTail
                    }
                }
                if rowEnds {
                    if b == cr, i + 1 < n, buf[i + 1] == lf { i += 1 }
                    line += 1
                    inRow = false
                    guard body(row) else { return nil }
                }
                i += 1
            }
            switch state {
            case .fieldStart:
                if inRow { add(Cell(start: n, end: n, quoted: false)) }
            case .unquoted:
                add(Cell(start: fieldStart, end: n, quoted: false))
            case .afterQuote, .quotedTail:
                add(Cell(start: fieldStart, end: n, quoted: true))
            case .quoted:
                return UnterminatedQuote(line: quoteLine)
            }
            if inRow { _ = body(row) }
            return nil
        }
    }

    /// A cell's content with its quoting removed: the bytes between the quotes with doubled
    /// quotes made single, then any text after the closing quote.
    static func content(of cell: Cell, in bytes: [UInt8]) -> ArraySlice<UInt8> {
        guard cell.start >= 0, cell.start <= cell.end, cell.end <= bytes.count else { return [] }
        guard cell.quoted, cell.end > cell.start else { return bytes[cell.start..<cell.end] }
        let inner = cell.start + 1
        // Fast path: no quote inside, and the closing quote is the cell's last byte.
        if let next = bytes[inner..<cell.end].firstIndex(of: quote), next == cell.end - 1 {
            return bytes[inner..<next]
        }
        var out: [UInt8] = []
        out.reserveCapacity(cell.end - cell.start)
        var i = inner
        var inQuotes = true
        while i < cell.end {
            let b = bytes[i]
            if inQuotes, b == quote {
                if i + 1 < cell.end, bytes[i + 1] == quote {
                    out.append(quote)
                    i += 2
                    continue
                }
                inQuotes = false
            } else {
                out.append(b)
            }
            i += 1
        }
        return out[...]
    }

    /// The delimiter of a CSV file: whichever of comma, semicolon and tab occurs most often
    /// outside quotes on the first line that is not empty. Ties go to tab, then semicolon,
    /// since commas also occur in header text ("Ім'я, по батькові"); none at all means comma.
    static func detectDelimiter(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        var sawContent = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == quote {
                inQuotes.toggle()
                sawContent = true
            } else if !inQuotes, b == lf || b == cr {
                if sawContent { break }
            } else if !inQuotes, let c = counts[b] {
                counts[b] = c + 1
                sawContent = true
            } else if b != 0x20 {
                sawContent = true
            }
            i += 1
        }
        var best = UInt8(ascii: ",")
        var bestCount = 0
        for d in [UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: ",")] {
            if let c = counts[d], c > bestCount {
                best = d
                bestCount = c
            }
        }
        return best
    }
}

/// A quoted cell still open at the end of the file.
struct UnterminatedQuote: Error, Sendable {
    /// The line on which its opening quote stands.
    var line: Int
}
