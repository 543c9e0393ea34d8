extension MerkleLog {
    /// The consistency proof between the trees of the first `oldSize` and `newSize` leaves:
    /// PROOF(m, D[n]) of RFC 9162 §2.1.4.1.
    ///
    /// - Parameters:
    ///   - oldSize: m, with 0 ≤ m ≤ n.
    ///   - newSize: n, with n ≤ ``count``.
    /// - Returns: The proof's hashes in order; empty when m is 0 or m equals n (every tree extends
    ///   the empty tree, and a tree extends itself); `nil` when the sizes are out of range.
    public func consistencyProof(from oldSize: Int, to newSize: Int) -> [[UInt8]]? {
        guard 0 <= oldSize, oldSize <= newSize, newSize <= count else { return nil }
        var proof: [[UInt8]] = []
        if oldSize > 0, oldSize < newSize {
            subproof(oldSize, start: 0, size: newSize, isComplete: true, into: &proof)
        }
        return proof
    }

    /// The inclusion proof of leaf `index` in the tree of the first `size` leaves: PATH(m, D[n]) of
    /// RFC 9162 §2.1.3.1.
    ///
    /// - Parameters:
    ///   - index: The leaf's position, 0 ≤ index < size.
    ///   - size: The tree's size, size ≤ ``count``.
    /// - Returns: The audit path, bottom to top; `nil` when out of range.
    public func inclusionProof(index: Int, size: Int) -> [[UInt8]]? {
        guard 0 <= index, index < size, size <= count else { return nil }
        var proof: [[UInt8]] = []
        var start = 0
        var size = size
        var index = index
        // Walk down from the root, collecting siblings top to bottom, then reverse.
        while size > 1 {
            let k = Self.split(size)
            if index < k {
                proof.append(subtreeHash(start: start + k, size: size - k))
                size = k
            } else {
                proof.append(subtreeHash(start: start, size: k))
                start += k
                index -= k
                size -= k
            }
        }
        return proof.reversed()
    }

    /// SUBPROOF(m, D[start:start+size], b), appended to `proof`.
    private func subproof(_ m: Int, start: Int, size: Int, isComplete: Bool, into proof: inout [[UInt8]]) {
        if m == size {
            if !isComplete {
                proof.append(subtreeHash(start: start, size: size))
            }
            return
        }
        let k = Self.split(size)
        if m <= k {
            subproof(m, start: start, size: k, isComplete: isComplete, into: &proof)
            proof.append(subtreeHash(start: start + k, size: size - k))
        } else {
            subproof(m - k, start: start + k, size: size - k, isComplete: false, into: &proof)
            proof.append(subtreeHash(start: start, size: k))
        }
    }

    /// Whether `proof` shows that the tree of `newSize` leaves with root `newRoot` extends the
    /// tree of `oldSize` leaves with root `oldRoot` (RFC 9162 §2.1.4.2).
    ///
    /// The trivial cases follow ``consistencyProof(from:to:)``: when m is 0 the proof must be empty
    /// and `oldRoot` the empty root; when m equals n the proof must be empty and the roots equal.
    ///
    /// - Parameters:
    ///   - oldSize: m, the earlier tree's size.
    ///   - newSize: n, the later tree's size.
    ///   - oldRoot: The earlier root (32 bytes).
    ///   - newRoot: The later root (32 bytes).
    ///   - proof: The consistency proof.
    /// - Returns: `true` only if the proof holds.
    public static func verifyConsistency(
        from oldSize: Int, to newSize: Int, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]
    ) -> Bool {
        guard 0 <= oldSize, oldSize <= newSize, oldRoot.count == hashByteCount, newRoot.count == hashByteCount,
              proof.allSatisfy({ $0.count == hashByteCount })
        else { return false }
        if oldSize == 0 {
            return proof.isEmpty && oldRoot == emptyRoot
        }
        if oldSize == newSize {
            return proof.isEmpty && oldRoot == newRoot
        }
        // 1. An empty path fails.
        guard !proof.isEmpty else { return false }
        // 2. If m is a power of two, the old root is the first node of the path.
        let path = oldSize & (oldSize - 1) == 0 ? [oldRoot] + proof : proof
        // 3.–4. fn = m − 1, sn = n − 1, shifted right past fn's trailing ones.
        var fn = UInt64(oldSize - 1)
        var sn = UInt64(newSize - 1)
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        // 5.
        var fr = path[0]
        var sr = path[0]
        // 6.
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                while fn & 1 == 0, fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        // 7.
        return fr == oldRoot && sr == newRoot && sn == 0
    }

    /// Whether `proof` shows that the envelope `id` is leaf `index` of the tree of `size` leaves
    /// with root `root` (RFC 9162 §2.1.3.2).
    ///
    /// - Parameters:
    ///   - id: The envelope id.
    ///   - index: Its claimed position.
    ///   - size: The tree's size.
    ///   - root: The tree's root (32 bytes).
    ///   - proof: The inclusion proof, bottom to top.
    /// - Returns: `true` only if the proof holds.
    public static func verifyInclusion(
        of id: EnvelopeID, index: Int, size: Int, root: [UInt8], proof: [[UInt8]]
    ) -> Bool {
        verifyInclusion(leafHash: leafHash(id), index: index, size: size, root: root, proof: proof)
    }

    /// ``verifyInclusion(of:index:size:root:proof:)`` for a leaf given by its leaf hash.
    package static func verifyInclusion(
        leafHash: [UInt8], index: Int, size: Int, root: [UInt8], proof: [[UInt8]]
    ) -> Bool {
        guard 0 <= index, index < size, proof.allSatisfy({ $0.count == hashByteCount }) else { return false }
        var fn = UInt64(index)
        var sn = UInt64(size - 1)
        var r = leafHash
        for p in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                while fn & 1 == 0, fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }
}
