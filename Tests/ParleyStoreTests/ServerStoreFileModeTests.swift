import Foundation
import ParleyStore
import Testing

/// The server's SQLite store is created readable by its owner only, whatever the umask.
@Suite(.serialized) struct ServerStoreFileModeTests {
    @Test func aNewServerStoreIsOwnerOnlyUnderAWideUmask() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let old = umask(0o022)
        defer { umask(old) }
        let store = try SQLiteServerStore.open(directory: directory.url.path)
        _ = store
        let file = directory.path(SQLiteServerStore.fileName)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
