import Foundation
import Testing

@Suite struct DiffCommandTests {
    @Test func examplesGiveEveryOutcomeAndExitOne() async throws {
        let run = try await parley(["diff", "examples/side-a.csv", "examples/side-b.csv", "--format", "csv"])
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)
        let rows = csvRows(run.stdout)
        func outcome(a: String) -> String? { rows.first { $0["a_id"] == a }?["outcome"] }
        #expect(run.stdout.hasPrefix("outcome,a_id,b_id,duplicate_of,score,reasons"))
        #expect(outcome(a: "UA-001") == "agreed")
        #expect(rows.first { $0["a_id"] == "UA-001" }?["b_id"] == "RF-101")
        #expect(outcome(a: "UA-003") == "disputed")  // day and month swapped
        #expect(outcome(a: "UA-004") == "disputed")  // service number lost a digit
        #expect(outcome(a: "UA-007") == "agreed")    // names in each other's columns
        #expect(outcome(a: "UA-006") == "only-a")    // a brother, not the same man
        #expect(rows.contains { $0["outcome"] == "only-b" && $0["b_id"] == "RF-106" })
        #expect(rows.contains { $0["outcome"] == "only-b" && $0["b_id"] == "RF-111" })
        let dup = rows.first { $0["outcome"] == "duplicate-a" }
        #expect(dup?["a_id"] == "UA-011")
        #expect(dup?["duplicate_of"] == "UA-009")
        #expect(rows.first { $0["a_id"] == "UA-003" }?["reasons"]?.contains("date_of_birth:day-month-swapped") == true)
    }

    @Test func identicalListsExitZero() async throws {
        let run = try await parley(["diff", "examples/side-b.csv", "examples/side-b.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("agreed"))
        #expect(!run.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test func textIsTheDefaultAndShowsCounts() async throws {
        let run = try await parley(["diff", "examples/side-a.csv", "examples/side-b.csv"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("disputed"))
        #expect(run.stdout.contains("only-a"))
        #expect(run.stdout.contains("UA-003"))
    }

    @Test(arguments: ["json", "html"])
    func otherFormatsWriteToAFile(_ format: String) async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.\(format)").path
        let run = try await parley(["diff", "examples/side-a.csv", "examples/side-b.csv", "--format", format, "-o", out])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        if format == "json" {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect((object?["rows"] as? [Any])?.isEmpty == false)
        } else {
            #expect(text.contains("<details"))
            #expect(text.contains("side-a.csv"))
        }
    }

    /// `-o` onto a named pipe (as onto `/dev/null` or `/dev/stdout`) writes into it: the atomic
    /// write of a regular file, a temporary file renamed over the path, would put a file in the
    /// pipe's place (run as root onto `/dev/null`, in the device's).
    @Test func writingToANamedPipeKeepsThePipe() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("report.pipe").path
        #expect(mkfifo(path, 0o600) == 0)
        // Opened without blocking, so that a writer that never comes cannot hang the test; the
        // text report (a few KB) fits the pipe's buffer until it is read below.
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        let run = try await parley(["diff", "examples/side-a.csv", "examples/side-b.csv", "-o", path])
        #expect(run.status == 1)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = read(reader, &buffer, buffer.count)
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        #expect(String(decoding: received, as: UTF8.self).contains("UA-003"))
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO, "still a pipe, not a file renamed over it")
    }

    @Test func mapAndIdColumnOverrideHeaders() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try write("key,col1,col2,born\nX1,Ковальчук,Петро,1981-03-03\n", "a.csv", in: dir)
        let b = try write("key,col1,col2,born\nY1,Ковальчук,Пётр,1981-03-03\n", "b.csv", in: dir)
        let run = try await parley(["diff", a, b, "--map", "surname=col1", "--map", "given_name=col2", "--map", "date_of_birth=born", "--id-column", "key", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = csvRows(run.stdout)
        #expect(rows.first?["a_id"] == "X1" && rows.first?["b_id"] == "Y1")
    }

    @Test func missingColumnsNameFileAndWhatIsNeeded() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try write("id,something,else\n1,x,y\n", "a.csv", in: dir)
        let run = try await parley(["diff", a, "examples/side-b.csv"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("a.csv"))
        #expect(run.stderr.contains("surname"))
        #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
    }

    @Test func unreadableDateNamesLineAndColumn() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try write("id,surname,given_name,date_of_birth\n1,Коваль,Іван,1990-01-01\n2,Коваль,Петро,31.13.1990\n", "a.csv", in: dir)
        let run = try await parley(["diff", a, "examples/side-b.csv"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("a.csv:3"), "\(run.stderr)")
        #expect(run.stderr.contains("date_of_birth") || run.stderr.contains("date"), "\(run.stderr)")
    }

    @Test func raggedRowNamesItsLine() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try write("id,surname,given_name\n1,Коваль,Іван\n2,Коваль,Петро,extra\n", "a.csv", in: dir)
        let run = try await parley(["diff", a, "examples/side-b.csv"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("a.csv:3"), "\(run.stderr)")
    }

    @Test func emptyAndMissingFilesAreErrors() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try write("", "empty.csv", in: dir)
        var run = try await parley(["diff", empty, "examples/side-b.csv"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("empty.csv"))
        run = try await parley(["diff", dir.appendingPathComponent("nope.csv").path, "examples/side-b.csv"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("nope.csv"))
    }

    @Test func undecodableBytesAreAnError() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bad.csv")
        try Data("id,surname,given_name\n1,".utf8 + [0xFF, 0xFE, 0x98] + Data(",x\n".utf8)).write(to: url)
        let run = try await parley(["diff", url.path, "examples/side-b.csv", "--encoding", "utf-8"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("bad.csv:2"), "\(run.stderr)")
    }

    @Test func badMapOptionIsAUsageError() async throws {
        let run = try await parley(["diff", "examples/side-a.csv", "examples/side-b.csv", "--map", "nonsense"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("FIELD=COLUMN"))
    }
}
