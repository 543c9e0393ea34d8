/// A run of bytes kept in a `ByteArena`: where it starts and how long it is. Trivially
/// copyable, so the records that hold runs are copied and read in scoring's inner loop without
/// any reference counting (a record of arrays retained six buffers on every copy).
struct ByteRun: Sendable, Hashable {
    var start: UInt32
    var count: UInt32
}

/// The bytes of every skeleton and service number of a comparison, one after another.
struct ByteArena: Sendable {
    private(set) var bytes: [UInt8] = []

    /// Keeps `run` and returns where it is.
    mutating func append(_ run: some Collection<UInt8>) -> ByteRun {
        let start = bytes.count
        bytes.append(contentsOf: run)
        precondition(bytes.count <= Int(UInt32.max), "a comparison's skeletons exceed 4 GiB")
        return ByteRun(start: UInt32(start), count: UInt32(bytes.count - start))
    }

    /// `body` with a view of the arena that reads runs without copying them.
    func withView<R>(_ body: (ByteArena.View) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(View(base: $0)) }
    }

    /// Reads runs of an arena for as long as `withView` lends it.
    struct View {
        let base: UnsafeBufferPointer<UInt8>

        subscript(run: ByteRun) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: base[Int(run.start)..<Int(run.start + run.count)])
        }
    }
}

/// A name value reduced for comparison.
struct NameForm: Sendable, Hashable {
    /// The value's skeleton, in the normalizer's arena.
    var skeleton: ByteRun
    /// The interned skeleton: equal when the skeletons are.
    var skeletonID: Int32
    /// Equal when two values name the same name: the table entry's id when the name table
    /// knows the value (as a given name, or for patronymic values as a patronymic), else
    /// `skeletonID` offset past the table's ids.
    var nameID: Int32
    /// Whether `nameID` came from the nearest table spelling (a typo), not an exact one.
    var isApproximate: Bool
    /// Whether the name table knows this exact spelling.
    var isKnown: Bool
}

/// Sex as lists write it (M/F, Ч/Ж, М/Ж, male/female, чол./жін., муж./жен.).
enum Sex: UInt8, Sendable {
    case male = 1
    case female = 2
}

/// The forms of one record that matching compares, derived once per record. Holds no
/// reference: its byte strings are runs in the arena of the normalizer that made it.
struct NormalizedRecord: Sendable {
    var surname: NameForm?
    var given: NameForm?
    var patronymic: NameForm?
    var dateOfBirth: CalendarDate?
    /// Service number in upper-case Latin letters and digits (Cyrillic letters read by shape).
    var serviceNumber: ByteRun?
    /// The digits of the service number alone.
    var serviceDigits: ByteRun?
    var sex: Sex?
    /// Interned unit code: its digits when it has any, else its skeleton.
    var unit: Int32?
    /// Rank skeleton.
    var rank: ByteRun?
    var captureDate: CalendarDate?
    /// Interned category (military / civilian …).
    var category: Int32?
}
