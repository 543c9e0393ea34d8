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
