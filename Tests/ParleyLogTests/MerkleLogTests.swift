import Foundation
import ParleyCrypto
import ParleyLog
import Testing

/// `MerkleLog` against the Python reference's vectors, the RFC 6962 reference roots, a naive
/// recursive tree, and proof properties.
@Suite struct MerkleLogTests {
    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    private static func bytes(_ hex: String) -> [UInt8] {
        let utf8 = Array(hex.utf8)
        return stride(from: 0, to: utf8.count, by: 2).map { UInt8(String(decoding: utf8[$0...$0 + 1], as: UTF8.self), radix: 16)! }
    }

    /// Synthetic ids: SHA-256 of `"leaf-<i>"`.
    private static func ids(_ count: Int) -> [EnvelopeID] {
        (0..<count).map { EnvelopeID(hex: hex(SHA256.hash(Array("leaf-\($0)".utf8))))! }
    }

    /// MTH of RFC 9162 §2.1.1, straight from the definition, over leaf hashes.
    private static func naiveRoot(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.isEmpty { return SHA256.hash([UInt8]()) }
        if leaves.count == 1 { return leaves.first! }
        var k = 1
        while k * 2 < leaves.count { k *= 2 }
        let mid = leaves.startIndex + k
        return SHA256.hash([1] + naiveRoot(leaves[..<mid]) + naiveRoot(leaves[mid...]))
    }

    @Test func pythonVectorsMatchByteForByte() throws {
        let vectors = try Vectors.merkle()
        let ids = vectors.leafIds.map { EnvelopeID(hex: $0)! }
        #expect(ids.count == 40)
        #expect(vectors.roots.count == 41)
        for (index, id) in ids.enumerated() {
            #expect(id.hex == Self.hex(SHA256.hash(Array("parley-merkle-vector-\(index)".utf8))))
            #expect(Self.hex(MerkleLog.leafHash(id)) == vectors.leafHashes[index])
        }
        var log = MerkleLog()
        #expect(Self.hex(log.root) == vectors.roots[0])
        for (index, id) in ids.enumerated() {
            log.append(id)
            #expect(Self.hex(log.root) == vectors.roots[index + 1], "root of \(index + 1)")
        }
        for size in 0...40 {
            #expect(log.root(size: size).map(Self.hex) == vectors.roots[size], "root(size: \(size))")
        }
        for vector in vectors.consistency {
            let proof = try #require(log.consistencyProof(from: vector.from, to: vector.to))
            #expect(proof.map(Self.hex) == vector.proof, "\(vector.testDescription)")
            #expect(MerkleLog.verifyConsistency(
                from: vector.from, to: vector.to,
                oldRoot: Self.bytes(vectors.roots[vector.from]), newRoot: Self.bytes(vectors.roots[vector.to]),
                proof: vector.proof.map(Self.bytes)
            ), "\(vector.testDescription)")
        }
        for vector in vectors.inclusion {
            let proof = try #require(log.inclusionProof(index: vector.index, size: vector.size))
            #expect(proof.map(Self.hex) == vector.proof, "leaf \(vector.index) of \(vector.size)")
            #expect(MerkleLog.verifyInclusion(
                of: ids[vector.index], index: vector.index, size: vector.size,
                root: Self.bytes(vectors.roots[vector.size]), proof: vector.proof.map(Self.bytes)
            ))
        }
    }

    @Test func publicVectorFileIsTheTestCopy() throws {
        let protocolCopy = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("protocol/vectors/merkle.json")
        #expect(try Data(contentsOf: protocolCopy) == Vectors.data("merkle"))
    }

    /// The roots of the RFC 6962 reference implementation's test leaves (certificate-transparency
    /// `merkle_tree_test`), over arbitrary leaf data rather than ids.
    @Test func rfc6962ReferenceRoots() {
        let leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
        let roots = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ]
        var log = MerkleLog()
        #expect(Self.hex(log.root) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        for (leaf, root) in zip(leaves, roots) {
            log.append(leafHash: MerkleLog.leafHash(data: Self.bytes(leaf)))
            #expect(Self.hex(log.root) == root)
        }
    }

    @Test func everyRootMatchesTheNaiveDefinition() {
        let ids = Self.ids(100)
        let leaves = ids.map(MerkleLog.leafHash)
        let log = MerkleLog(ids)
        #expect(log.count == 100)
        for size in 0...100 {
            #expect(log.root(size: size) == Self.naiveRoot(leaves[..<size]), "size \(size)")
        }
        #expect(log.root(size: 101) == nil)
        #expect(log.root(size: -1) == nil)
        #expect(log.leafHash(at: 99) == leaves[99])
        #expect(log.leafHash(at: 100) == nil)
    }

    @Test func everyConsistencyProofUpTo64Verifies() throws {
        let log = MerkleLog(Self.ids(64))
        for n in 0...64 {
            let newRoot = try #require(log.root(size: n))
            for m in 0...n {
                let oldRoot = try #require(log.root(size: m))
                let proof = try #require(log.consistencyProof(from: m, to: n))
                #expect(MerkleLog.verifyConsistency(from: m, to: n, oldRoot: oldRoot, newRoot: newRoot, proof: proof), "\(m)→\(n)")
            }
        }
        #expect(log.consistencyProof(from: 3, to: 2) == nil)
        #expect(log.consistencyProof(from: 3, to: 65) == nil)
    }

    @Test func tamperedConsistencyProofsFail() throws {
        let log = MerkleLog(Self.ids(64))
        var checked = 0
        for n in 1...64 {
            let newRoot = try #require(log.root(size: n))
            for m in 1..<n {
                let oldRoot = try #require(log.root(size: m))
                let proof = try #require(log.consistencyProof(from: m, to: n))
                func verifies(_ m: Int, _ n: Int, _ old: [UInt8], _ new: [UInt8], _ proof: [[UInt8]]) -> Bool {
                    MerkleLog.verifyConsistency(from: m, to: n, oldRoot: old, newRoot: new, proof: proof)
                }
                // A flipped bit anywhere in the proof or either root.
                for index in proof.indices {
                    var bad = proof
                    bad[index][(m * 7 + n + index) % 32] ^= 0x01
                    #expect(!verifies(m, n, oldRoot, newRoot, bad), "\(m)→\(n) proof[\(index)]")
                }
                var badOld = oldRoot
                badOld[n % 32] ^= 0x80
                var badNew = newRoot
                badNew[m % 32] ^= 0x80
                #expect(!verifies(m, n, badOld, newRoot, proof))
                #expect(!verifies(m, n, oldRoot, badNew, proof))
                // Another old size with the same root, the proof against the next tree, a proof cut
                // short or padded, roots swapped. (The new size alone is bound only by the signed
                // checkpoint: RFC 9162's bookkeeping is the same for some n and n + 1.)
                if m > 1 { #expect(!verifies(m - 1, n, oldRoot, newRoot, proof), "\(m - 1)→\(n)") }
                if m + 1 < n { #expect(!verifies(m + 1, n, oldRoot, newRoot, proof), "\(m + 1)→\(n)") }
                if n < 64 {
                    let nextRoot = try #require(log.root(size: n + 1))
                    #expect(!verifies(m, n + 1, oldRoot, nextRoot, proof), "\(m)→\(n + 1)")
                }
                #expect(!verifies(m, n, oldRoot, newRoot, Array(proof.dropLast())))
                #expect(!verifies(m, n, oldRoot, newRoot, proof + [newRoot]))
                #expect(!verifies(m, n, newRoot, oldRoot, proof))
                checked += 1
            }
        }
        #expect(checked == 64 * 63 / 2)
        // The trivial cases are strict too.
        let root = try #require(log.root(size: 5))
        #expect(MerkleLog.verifyConsistency(from: 5, to: 5, oldRoot: root, newRoot: root, proof: []))
        #expect(!MerkleLog.verifyConsistency(from: 5, to: 5, oldRoot: root, newRoot: root, proof: [root]))
        #expect(MerkleLog.verifyConsistency(from: 0, to: 5, oldRoot: MerkleLog.emptyRoot, newRoot: root, proof: []))
        #expect(!MerkleLog.verifyConsistency(from: 0, to: 5, oldRoot: root, newRoot: root, proof: []))
        #expect(!MerkleLog.verifyConsistency(from: 6, to: 5, oldRoot: root, newRoot: root, proof: []))
    }

    @Test func everyInclusionProofUpTo64VerifiesAndTamperingFails() throws {
        let ids = Self.ids(64)
        let log = MerkleLog(ids)
        for n in 1...64 {
            let root = try #require(log.root(size: n))
            for index in 0..<n {
                let proof = try #require(log.inclusionProof(index: index, size: n))
                #expect(MerkleLog.verifyInclusion(of: ids[index], index: index, size: n, root: root, proof: proof))
                #expect(!MerkleLog.verifyInclusion(of: ids[(index + 1) % 64], index: index, size: n, root: root, proof: proof))
                if n > 1 {
                    #expect(!MerkleLog.verifyInclusion(of: ids[index], index: (index + 1) % n, size: n, root: root, proof: proof))
                    var bad = proof
                    bad[index % bad.count][3] ^= 0x04
                    #expect(!MerkleLog.verifyInclusion(of: ids[index], index: index, size: n, root: root, proof: bad))
                }
                if n < 64 {
                    let nextRoot = try #require(log.root(size: n + 1))
                    #expect(!MerkleLog.verifyInclusion(of: ids[index], index: index, size: n + 1, root: nextRoot, proof: proof))
                }
            }
        }
        #expect(log.inclusionProof(index: 4, size: 4) == nil)
        #expect(log.inclusionProof(index: 0, size: 65) == nil)
    }

    @Test func prefixRootsAndProofsOfALargerTree() {
        // 2^12 + 3 leaves: the root of every prefix size equals the root of a tree built to that
        // size, and proofs stay within two hashes per level.
        let count = 4_099
        let ids = Self.ids(count)
        let log = MerkleLog(ids)
        var prefix = MerkleLog()
        var next = 0
        for size in [1, 2, 3, 1_000, 2_048, 4_095, 4_096, 4_097, 4_099] {
            while next < size {
                prefix.append(ids[next])
                next += 1
            }
            #expect(log.root(size: size) == prefix.root)
            let proof = log.consistencyProof(from: size, to: count) ?? []
            #expect(proof.count <= 2 * 13)
            #expect(MerkleLog.verifyConsistency(from: size, to: count, oldRoot: prefix.root, newRoot: log.root, proof: proof))
        }
    }
}
