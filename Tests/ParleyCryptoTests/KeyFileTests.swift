import Foundation
import ParleyCrypto
import Testing

/// Key files: mode 0600 on write, refusal of loose modes, clear errors.
@Suite struct KeyFileTests {
    @Test("a written key file has mode 0600 and reads back")
    func writeAndRead() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/identity.pem"
            let key = SigningKey.generate()
            try KeyFile.write(key, to: path)
            #expect(try permissions(of: path) == 0o600)
            let again = try KeyFile.read(from: path)
            #expect(again.publicKey == key.publicKey)
            // No temporary file is left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["identity.pem"])
        }
    }

    @Test("an existing key file is not replaced unless asked")
    func noSilentReplace() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/identity.pem"
            let first = SigningKey.generate()
            try KeyFile.write(first, to: path)
            let error = #expect(throws: CryptoError.self) { try KeyFile.write(SigningKey.generate(), to: path) }
            #expect(error?.code == .keyFileExists)
            #expect(try KeyFile.read(from: path).publicKey == first.publicKey)

            let second = SigningKey.generate()
            try KeyFile.write(second, to: path, replacing: true)
            #expect(try KeyFile.read(from: path).publicKey == second.publicKey)
            #expect(try permissions(of: path) == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["identity.pem"])
        }
    }

    @Test("a key file others may read is refused, naming the path and the mode", arguments: [0o644, 0o640, 0o604, 0o620])
    func loosePermissions(mode: Int) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/identity.pem"
            try writeFile(Array(SigningKey.generate().pkcs8PEM().utf8), to: path, mode: mode)
            let error = #expect(throws: CryptoError.self) { try KeyFile.read(from: path) }
            #expect(error?.code == .keyFilePermissions)
            #expect(error?.path == path)
            #expect(error?.message.contains(path) == true)
            #expect(error?.message.contains("0" + String(mode, radix: 8)) == true)
        }
    }

    @Test("a missing key file gives keyFileMissing")
    func missing() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/nothing.pem"
            let error = #expect(throws: CryptoError.self) { try KeyFile.read(from: path) }
            #expect(error?.code == .keyFileMissing)
            #expect(error?.path == path)
        }
    }

    @Test("a directory gives keyFileUnreadable")
    func unreadable() throws {
        try withTemporaryDirectory { directory in
            let error = #expect(throws: CryptoError.self) { try KeyFile.read(from: directory) }
            #expect(error?.code == .keyFileUnreadable)
        }
    }

    @Test("a file of garbage gives invalidKey, naming the path")
    func garbage() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/garbage.pem"
            try writeFile(Array("this is not a key\n".utf8) + [0xff, 0x00, 0x13], to: path)
            let error = #expect(throws: CryptoError.self) { try KeyFile.read(from: path) }
            #expect(error?.code == .invalidKey)
            #expect(error?.path == path)
            #expect(error?.message.contains(path) == true)
        }
    }

    @Test("writing into a missing directory gives keyFileWriteFailed")
    func missingDirectory() throws {
        try withTemporaryDirectory { directory in
            let error = #expect(throws: CryptoError.self) {
                try KeyFile.write(SigningKey.generate(), to: directory + "/no/such/dir/key.pem")
            }
            #expect(error?.code == .keyFileWriteFailed)
        }
    }

    @Test("errors compare by code only")
    func errorEquality() {
        #expect(CryptoError(code: .keyFileMissing, message: "a") == CryptoError(code: .keyFileMissing, message: "b", path: "/x"))
        #expect(CryptoError(code: .keyFileMissing, message: "a") != CryptoError(code: .keyFileUnreadable, message: "a"))
        #expect("\(CryptoError(code: .keyFileMissing, message: "no key file at /x"))" == "keyFileMissing: no key file at /x")
    }
}
