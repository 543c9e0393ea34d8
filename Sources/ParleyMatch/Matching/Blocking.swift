/// Blocking: the keys under which records are indexed, so that only records sharing at
/// least one key are compared. Work grows with the number of records times the size of
/// their blocks, not with the product of the lists' sizes.
///
/// Keys: date of birth (queried also with day and month swapped and a year either side);
/// service-number digits; surname with given name (queried also crosswise, for names entered
/// in each other's columns); surname with year of birth; surname with patronymic; given name
/// with patronymic and the surname's first two or last three letters.
struct BlockIndex: Sendable {
    /// Bucket number by key.
    private var bucketOfKey: [UInt64: Int32] = [:]
    /// Where each bucket's members begin in `members`; one more entry than there are buckets.
    private var starts: [Int32] = []
    /// The buckets' members (record indexes), bucket after bucket, each in record order.
    private var members: [Int32] = []
    /// Buckets larger than this are left out of queries: a key that many records share
    /// tells nothing.
    let maximumBucket: Int

    /// Indexes `records` under their keys: the keys of every record gathered and sorted once,
    /// so the index is three flat arrays and a table of keys, not an array per key.
    init(records: [NormalizedRecord], bytes: ByteArena, maximumBucket: Int = 400) {
        self.maximumBucket = maximumBucket
        var entries: [(key: UInt64, record: Int32)] = []
        entries.reserveCapacity(records.count * 8)
        var keys: [UInt64] = []
        bytes.withView { bytes in
            for (i, r) in records.enumerated() {
                keys.removeAll(keepingCapacity: true)
                BlockIndex.indexKeys(r, bytes, into: &keys)
                for k in keys { entries.append((k, Int32(i))) }
            }
        }
        entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.record < $1.record }
        members.reserveCapacity(entries.count)
        bucketOfKey.reserveCapacity(entries.count / 2)
        var previous: UInt64?
        for entry in entries {
            if entry.key != previous {
                bucketOfKey[entry.key] = Int32(starts.count)
                starts.append(Int32(members.count))
                previous = entry.key
            }
            members.append(entry.record)
        }
        starts.append(Int32(members.count))
    }

    /// Calls `body` with every bucket that `record` queries.
    func forEachBucket(of record: NormalizedRecord, bytes: ByteArena.View, keys: inout [UInt64], _ body: (ArraySlice<Int32>) -> Void) {
        keys.removeAll(keepingCapacity: true)
        BlockIndex.queryKeys(record, bytes, into: &keys)
        for k in keys {
            guard let b = bucketOfKey[k] else { continue }
            let lo = Int(starts[Int(b)]), hi = Int(starts[Int(b) + 1])
            if hi - lo <= maximumBucket { body(members[lo..<hi]) }
        }
    }

    private enum Tag: UInt64 {
        case dateOfBirth = 1, service, surnameGiven, surnameYear, surnamePatronymic, givenPatronymicHead, givenPatronymicTail
    }

    private static func key(_ tag: Tag, _ x: UInt64, _ y: UInt64 = 0) -> UInt64 {
        // 4 bits of tag, 30 bits each of two components (ids and days fit; hashes are folded).
        (tag.rawValue << 60) | ((x & 0x3FFF_FFFF) << 30) | (y & 0x3FFF_FFFF)
    }

    private static func id(_ v: Int32) -> UInt64 { UInt64(UInt32(bitPattern: v)) }

    private static func day(_ d: CalendarDate) -> UInt64 { UInt64(d.daysSinceEpoch + 100_000) }

    private static func hash(_ b: some Collection<UInt8>) -> UInt64 {
        var h: UInt64 = 1469598103934665603
        for c in b { h = (h ^ UInt64(c)) &* 1099511628211 }
        return h ^ (h >> 30)
    }

    static func indexKeys(_ r: NormalizedRecord, _ bytes: ByteArena.View, into keys: inout [UInt64]) {
        if let d = r.dateOfBirth, d.isWhole { keys.append(key(.dateOfBirth, day(d))) }
        if let s = r.serviceDigits, s.count >= 5 { keys.append(key(.service, hash(bytes[s]))) }
        if let s = r.surname {
            if let g = r.given { keys.append(key(.surnameGiven, id(s.skeletonID), id(g.nameID))) }
            if let d = r.dateOfBirth { keys.append(key(.surnameYear, id(s.skeletonID), UInt64(d.year))) }
            if let p = r.patronymic { keys.append(key(.surnamePatronymic, id(s.skeletonID), id(p.nameID))) }
        }
        if let g = r.given, let p = r.patronymic, let s = r.surname {
            keys.append(key(.givenPatronymicHead, id(g.nameID) << 12 | id(p.nameID) & 0xFFF, hash(bytes[s.skeleton].prefix(2))))
            keys.append(key(.givenPatronymicTail, id(g.nameID) << 12 | id(p.nameID) & 0xFFF, hash(bytes[s.skeleton].suffix(3))))
        }
    }

    static func queryKeys(_ r: NormalizedRecord, _ bytes: ByteArena.View, into keys: inout [UInt64]) {
        indexKeys(r, bytes, into: &keys)
        if let d = r.dateOfBirth, d.isWhole {
            if let s = d.swappedDayMonth { keys.append(key(.dateOfBirth, day(s))) }
            for dy in [-1, 1] {
                if let o = CalendarDate(year: d.year + dy, month: d.month, day: d.day) {
                    keys.append(key(.dateOfBirth, day(o)))
                }
            }
        }
        if let s = r.surname, let g = r.given {
            // Crosswise: the given-name column holds the surname and the reverse.
            keys.append(key(.surnameGiven, id(g.skeletonID), id(s.nameID)))
        }
    }
}
