import Foundation
import Testing

/// What a run of the built `parley` binary printed and returned.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The package's root (two levels above this file's folder).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The directory of the built products (where the test bundle and `parley` are).
var productsDirectory: URL {
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        return bundle.bundleURL.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL
}

/// Runs `parley` with arguments, in `directory` (default: the package root).
///
/// The child is waited for on a thread of its own, not on one of the few threads of Swift's
/// cooperative pool: every suite runs in one test process, and a test that blocked a pool thread
/// for the seconds a command takes would stall the live servers of other tests.
func parley(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:]) async throws -> Run {
    try await offThePool { try runParley(arguments, in: directory, environment: environment) }
}

private func runParley(_ arguments: [String], in directory: URL, environment: [String: String]) throws -> Run {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent("parley")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting, so a large report cannot fill the pipe and block the child.
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// Runs blocking work (a child process, a long computation) on a thread of its own and awaits it.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// A party's home made with the built binary, and its public key file: for tests that carry
/// envelopes between homes by bundle.
struct BundleHome {
    let path: String
    let pem: String
    var flags: [String] { ["--home", path] }

    /// Runs `parley ARGUMENTS --home PATH`.
    func run(_ arguments: [String]) async throws -> Run {
        try await parley(arguments + flags)
    }

    /// `parley init` of `name` in `dir`, and its public key exported beside it.
    static func make(_ name: String, in dir: URL) async throws -> BundleHome {
        let home = BundleHome(path: dir.appendingPathComponent(name).path, pem: dir.appendingPathComponent("\(name).pem").path)
        #expect(try await home.run(["init", "--name", name]).status == 0)
        #expect(try await home.run(["key", "export-public", "-o", home.pem]).status == 0)
        return home
    }

    /// Every home gets every other home's envelopes, by bundle, in the order of `homes`.
    static func share(_ homes: [BundleHome], exchange: String, in dir: URL) async throws {
        for from in homes {
            try await from.carry(exchange, to: homes.filter { $0.path != from.path }, in: dir)
        }
    }

    /// What this home holds of `exchange`, exported once and imported by each of `homes` (one
    /// way: this home imports nothing).
    func carry(_ exchange: String, to homes: [BundleHome], in dir: URL) async throws {
        let bundle = dir.appendingPathComponent(UUID().uuidString + ".bundle").path
        #expect(try await run(["bundle", "export", "--exchange", exchange, "-o", bundle]).status == 0)
        for to in homes {
            #expect(try await to.run(["bundle", "import", bundle]).status == 0)
        }
    }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to `name` in `directory` and returns the path.
@discardableResult
func write(_ text: String, _ name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// Parses CSV without quotes-in-quotes subtleties the report never needs for ids.
func csvRows(_ text: String) -> [[String: String]] {
    var rows: [[String]] = []
    var field = "", row: [String] = [], quoted = false
    var it = Array(text).makeIterator()
    var pending: Character? = nil
    while let c = pending ?? it.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let n = it.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(field); field = "" }
        else if c == "\n" || c == "\r\n" { row.append(field); rows.append(row); row = []; field = "" }
        else { field.append(c) }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    guard let header = rows.first else { return [] }
    return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0 + Array(repeating: "", count: max(0, header.count - $0.count)))) }
}
