import Foundation
import ParleyCrypto
import ParleyLog
import ParleyServer
import Testing

/// The server's key folder: a key made once, rotations that leave the key in use and the last
/// handover in agreement, and a rotation interrupted between its steps finished or undone.
@Suite struct ServerKeyFolderTests {
    private func folder() throws -> (ServerKeyFolder, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parley-server-key-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return (ServerKeyFolder(path: path), path)
    }

    @Test func rotationsChainFromTheFirstKeyToTheOneInUse() throws {
        let (folder, path) = try folder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try folder.load()
        #expect(first.handovers.isEmpty)
        #expect(try folder.load().key.publicKey == first.key.publicKey, "made once")
        let second = try folder.rotate(at: Timestamp(secondsSince1970: 1_767_225_600))
        let third = try folder.rotate(at: Timestamp(secondsSince1970: 1_767_312_000))
        #expect(Set([first.key.publicKey, second.key.publicKey, third.key.publicKey]).count == 3)
        let loaded = try folder.load()
        #expect(loaded.key.publicKey == third.key.publicKey)
        #expect(loaded.handovers == third.handovers)
        #expect(ServerHandover.path(from: first.key.publicKey.keyID, to: third.key.publicKey.keyID, through: loaded.handovers)?.count == 2)
        let mode = try FileManager.default.attributesOfItem(atPath: path + "/server-key.pem")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aRotationInterruptedAfterItsHandoverIsFinishedAndOneBeforeItIsUndone() throws {
        let (folder, path) = try folder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let old = try folder.load().key
        // Stopped before the handover was written: the new key is dropped.
        try KeyFile.write(SigningKey.generate(), to: path + "/server-key.next.pem")
        #expect(try folder.load().key.publicKey == old.publicKey)
        #expect(!FileManager.default.fileExists(atPath: path + "/server-key.next.pem"))
        // Stopped after the handover was written, before the key was moved: the move is finished.
        let new = SigningKey.generate()
        try KeyFile.write(new, to: path + "/server-key.next.pem")
        let handover = try ServerHandover(from: old, to: new, at: Timestamp(secondsSince1970: 1_767_225_600))
        try Data(try CanonicalJSON.encode(.array([handover.json]))).write(to: URL(fileURLWithPath: path + "/server-handovers.json"))
        let loaded = try folder.load()
        #expect(loaded.key.publicKey == new.publicKey)
        #expect(loaded.handovers == [handover])
        // Handovers that do not end at the key in use are refused, not served.
        try KeyFile.write(SigningKey.generate(), to: path + "/server-key.pem", replacing: true)
        #expect(throws: ServerError.self) { try folder.load() }
    }
}
