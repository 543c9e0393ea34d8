internal import Foundation
import ParleyMatch

/// The command line's file I/O: the libraries read bytes and write nothing.
enum Files {
    /// The bytes of a file; a missing or unreadable file is a `ListError` naming it.
    static func read(_ path: String) throws(ListError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ListError(.unreadableFile, "no such file", file: path)
        }
        guard !isDirectory.boolValue else {
            throw ListError(.unreadableFile, "is a directory, not a list", file: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ListError(.unreadableFile, "cannot be read (permissions?)", file: path)
        }
        return [UInt8](data)
    }

    /// Creates `path` with mode 0700 unless it exists; an existing folder is kept as it is.
    static func createFolder(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ValidationFailure("\(path) is a file, not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw ValidationFailure("cannot create \(path) (\(error.localizedDescription))")
        }
    }

    /// Writes bytes to a file atomically: the file holds the old bytes or the new, never a part.
    ///
    /// - Parameters:
    ///   - bytes: What to write.
    ///   - path: Where.
    ///   - what: What the bytes are, for the error message.
    static func write(bytes: [UInt8], to path: String, what: String) throws {
        try write(Data(bytes), to: path, what: what)
    }

    /// Writes text to a file atomically: the file holds the old text or the new, never a part.
    ///
    /// - Parameters:
    ///   - text: What to write.
    ///   - path: Where.
    ///   - what: What the text is, for the error message.
    static func write(_ text: String, to path: String, what: String = "the report") throws {
        // A report of 180,000 rows is hundreds of megabytes: its UTF-8 is written where the
        // string holds it, not copied first.
        var text = text
        try text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return try write(Data(), to: path, what: what) }
            try write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: utf8.count, deallocator: .none), to: path, what: what)
        }
    }

    /// Writes `data` to `path`: a regular file (or a new one) atomically, through a temporary file
    /// renamed over it; anything else that exists (`/dev/null`, `/dev/stdout`, a named pipe) is
    /// written into as it is, since renaming over it would replace the device or pipe with a file.
    private static func write(_ data: Data, to path: String, what: String) throws {
        do {
            var status = stat()
            if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
                try data.write(to: URL(fileURLWithPath: path))
            } else {
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            }
        } catch {
            throw ValidationFailure("\(path): cannot write \(what) (\(error.localizedDescription))")
        }
    }
}

/// A failure of the command line itself, shown as one line.
struct ValidationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
