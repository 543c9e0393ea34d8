import ParleyCrypto

/// The Merkle tree of an exchange's server log (RFC 9162 §2.1), grown one envelope id at a time.
///
/// Leaves are envelope ids in the order the server appended them. Hashes are SHA-256:
/// leaf = SHA-256(0x00 ‖ 32-byte id), node = SHA-256(0x01 ‖ left ‖ right), and the tree of no
/// leaves hashes to SHA-256 of nothing.
///
/// The value keeps the hash of every complete, aligned subtree (about two hashes per leaf), so
/// appending costs amortized one leaf hash and one node hash, and ``root(size:)``,
/// ``consistencyProof(from:to:)`` and ``inclusionProof(index:size:)`` cost O(log n) hashes for
/// any size up to ``count``.
public struct MerkleLog: Sendable, Hashable {
    /// The length of every hash in the tree.
    public static let hashByteCount = 32

    /// The root of the tree of no leaves: SHA-256 of the empty string.
    public static let emptyRoot: [UInt8] = SHA256.hash([UInt8]())

    /// `levels[k]` holds, flat, the hashes of the complete subtrees of 2^k leaves aligned on
    /// multiples of 2^k, left to right.
    private var levels: [[UInt8]] = [[]]

    /// The number of leaves.
    public private(set) var count = 0

    /// The tree of no leaves.
    public init() {}

    /// The tree of `ids`, in order.
    ///
    /// - Parameter ids: The envelope ids in log order.
    public init(_ ids: some Sequence<EnvelopeID>) {
        for id in ids {
            append(id)
        }
    }

    /// Appends the envelope `id` as the next leaf.
    ///
    /// - Parameter id: The id of the envelope at position ``count``.
    public mutating func append(_ id: EnvelopeID) {
        append(leafHash: Self.leafHash(id))
    }

    /// Appends a leaf given its leaf hash (for trees over other leaf data than ids).
    ///
    /// - Parameter leafHash: SHA-256(0x00 ‖ leaf data), 32 bytes.
    package mutating func append(leafHash: [UInt8]) {
        precondition(leafHash.count == Self.hashByteCount, "a leaf hash is 32 bytes")
        var node = leafHash
        var level = 0
        var index = count
        levels[0].append(contentsOf: node)
        // The new node completes one subtree per trailing one bit of its index.
        while index & 1 == 1 {
            node = Self.nodeHash(self.node(level: level, index: index - 1), node)
            level += 1
            index >>= 1
            if levels.count == level {
                levels.append([])
            }
            levels[level].append(contentsOf: node)
        }
        count += 1
    }

    /// The root of the whole tree.
    public var root: [UInt8] {
        count == 0 ? Self.emptyRoot : subtreeHash(start: 0, size: count)
    }

    /// The root of the tree of the first `size` leaves: MTH(D[0:size]).
    ///
    /// - Parameter size: 0 ≤ size ≤ ``count``.
    /// - Returns: The 32-byte root, or `nil` when `size` is out of range.
    public func root(size: Int) -> [UInt8]? {
        guard (0...count).contains(size) else { return nil }
        return size == 0 ? Self.emptyRoot : subtreeHash(start: 0, size: size)
    }

    /// The hash of leaf `index`: SHA-256(0x00 ‖ id).
    ///
    /// - Parameter index: 0 ≤ index < ``count``.
    /// - Returns: The 32-byte leaf hash, or `nil` when `index` is out of range.
    public func leafHash(at index: Int) -> [UInt8]? {
        guard (0..<count).contains(index) else { return nil }
        return node(level: 0, index: index)
    }

    /// The leaf hash of an envelope id: SHA-256(0x00 ‖ its 32 bytes).
    ///
    /// - Parameter id: An envelope id.
    /// - Returns: 32 bytes.
    public static func leafHash(_ id: EnvelopeID) -> [UInt8] {
        leafHash(data: id.bytes)
    }

    /// The leaf hash of any leaf data: SHA-256(0x00 ‖ data).
    package static func leafHash(data: [UInt8]) -> [UInt8] {
        SHA256.hash([0] + data)
    }

    /// The hash of an inner node: SHA-256(0x01 ‖ left ‖ right).
    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(1 + 2 * hashByteCount)
        bytes.append(1)
        bytes.append(contentsOf: left)
        bytes.append(contentsOf: right)
        return SHA256.hash(bytes)
    }

    /// The largest power of two smaller than `n` (RFC 9162's k), for n > 1.
    static func split(_ n: Int) -> Int {
        1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }

    /// The stored hash of the complete subtree at `level`, `index`.
    private func node(level: Int, index: Int) -> [UInt8] {
        let start = index * Self.hashByteCount
        return Array(levels[level][start..<(start + Self.hashByteCount)])
    }

    /// MTH(D[start:start+size]) for a subtree that RFC 9162's recursion reaches from the root.
    ///
    /// Complete aligned subtrees are read from the cache; anything else splits at the largest
    /// power of two, whose left part is always complete and aligned, so this costs O(log size).
    func subtreeHash(start: Int, size: Int) -> [UInt8] {
        precondition(size > 0 && start + size <= count)
        if size & (size - 1) == 0, start % size == 0 {
            return node(level: size.trailingZeroBitCount, index: start / size)
        }
        let k = Self.split(size)
        return Self.nodeHash(subtreeHash(start: start, size: k), subtreeHash(start: start + k, size: size - k))
    }
}
