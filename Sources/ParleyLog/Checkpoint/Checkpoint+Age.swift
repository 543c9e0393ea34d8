extension Checkpoint {
    /// The checkpoint's timestamp in whole seconds since 1970 (fractions dropped).
    public var secondsSince1970: Int64 {
        let b = Array(timestamp.rfc3339.utf8)
        func number(_ range: Range<Int>) -> Int {
            b[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        // Howard Hinnant's days_from_civil; the timestamp's shape was checked when it was made.
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
        return Int64(days) * 86_400 + Int64(number(11..<13) * 3600 + number(14..<16) * 60 + number(17..<19))
    }

    /// How old the checkpoint is at `now`, in seconds (negative when it claims to be from later).
    ///
    /// A client refuses a checkpoint older than its limit: a server (or whoever stands between)
    /// that keeps showing an old checkpoint is withholding what came after it (a *freeze*).
    ///
    /// - Parameter now: The client's clock, seconds since 1970.
    public func age(now: Int64) -> Int64 {
        now - secondsSince1970
    }
}
