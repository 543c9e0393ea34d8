internal import GRDB
public import ParleyCrypto
public import ParleyLog

extension Replica {
    /// An author's chain head in an exchange: where its next envelope attaches.
    ///
    /// The head is the end of the longest run seq 1, 2, 3… in which each seq has exactly one
    /// stored envelope whose `prev` is the one before it. It stops before a gap, a broken link or
    /// a fork. Read from the stored envelopes' own members; signatures are not checked here.
    ///
    /// - Parameters:
    ///   - exchange: The exchange.
    ///   - author: The author's key id (for the signer: the party's own).
    /// - Returns: The head, or `nil` when the author has no seq 1 in the exchange.
    /// - Throws: ``StoreError`` if the file cannot be read.
    public func head(exchange: ExchangeID, author: KeyID) throws(StoreError) -> ChainHead? {
        try read { db in try Self.head(in: db, exchange: exchange, author: author) }
    }

    /// ``head(exchange:author:)`` inside a transaction that is already open.
    static func head(in db: Database, exchange: ExchangeID, author: KeyID) throws -> ChainHead? {
        let links = try Link.fetchAll(
            db,
            sql: "SELECT author, seq, id, prev FROM envelope WHERE exchange = ? AND author = ? ORDER BY seq",
            arguments: [exchange.hex, author.hex]
        )
        return head(of: links[...])
    }

    /// Every author's chain head in an exchange, as ``head(exchange:author:)`` finds it: the
    /// version vector that sync sends.
    ///
    /// Read from the kept heads when the kept state is current (a few rows), else from every
    /// stored link of the exchange.
    ///
    /// - Parameter exchange: The exchange.
    /// - Returns: The heads of the authors that have a seq 1.
    /// - Throws: ``StoreError`` if the file cannot be read.
    public func heads(exchange: ExchangeID) throws(StoreError) -> [KeyID: ChainHead] {
        try read { db in
            if try Self.isKeptCurrent(in: db, exchange: exchange) {
                var heads: [KeyID: ChainHead] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT author, seq, id FROM kept_head WHERE exchange = ?", arguments: [exchange.hex]) {
                    if let author = KeyID(hex: row["author"]), let id = EnvelopeID(hex: row["id"]) {
                        heads[author] = ChainHead(seq: row["seq"], id: id)
                    }
                }
                return heads
            }
            let links = try Link.fetchAll(
                db, sql: "SELECT author, seq, id, prev FROM envelope WHERE exchange = ? ORDER BY author, seq",
                arguments: [exchange.hex]
            )
            var heads: [KeyID: ChainHead] = [:]
            var start = links.startIndex
            while start < links.endIndex {
                let author = links[start].author
                let end = links[start...].firstIndex { $0.author != author } ?? links.endIndex
                if let key = KeyID(hex: author), let head = Self.head(of: links[start..<end]) {
                    heads[key] = head
                }
                start = end
            }
            return heads
        }
    }

    /// The head of one author's links, sorted by seq.
    private static func head(of links: ArraySlice<Link>) -> ChainHead? {
        var head: ChainHead?
        var index = links.startIndex
        while index < links.endIndex {
            let seq = links[index].seq
            let end = links[index...].firstIndex { $0.seq != seq } ?? links.endIndex
            guard seq == (head?.seq ?? 0) + 1 else { break }
            let attached = links[index..<end].filter { $0.prev == head?.id.hex }
            guard attached.count == 1, let id = EnvelopeID(hex: attached[0].id) else { break }
            head = ChainHead(seq: seq, id: id)
            index = end
        }
        return head
    }

    /// One stored envelope's place in its author's chain.
    private struct Link: FetchableRecord {
        var author: String
        var seq: Int
        var id: String
        var prev: String?

        init(row: Row) throws {
            author = try row.decode(String.self, forColumn: "author")
            seq = try row.decode(Int.self, forColumn: "seq")
            id = try row.decode(String.self, forColumn: "id")
            prev = try row.decode(String?.self, forColumn: "prev")
        }
    }
}
