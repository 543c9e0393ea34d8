import Foundation
import Testing

/// `parley diff` on lists as offices hand them over (issue 11): titles, footers, sheets, ids per
/// list, every bad row at once, the column report and a CSV report for Excel.
@Suite struct DiffImportCommandTests {
    @Test func officeListsAreReadWithTheirTitlesFootersAndSheets() async throws {
        let run = try await parley(["diff", "examples/office/side-a.csv", "examples/office/side-b.xlsx"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("A  header on line 4; title lines 1–2 skipped; footer lines 13–14 skipped (not people)"))
        #expect(run.stdout.contains("B  sheet \"Список\" (2 of 2); header on line 3; title line 1 skipped; footer lines 12–13 skipped"))
        #expect(run.stdout.contains("\"№ запису\" → id"))
        #expect(run.stdout.contains("\"Особовий номер\" → service_number"))
        #expect(run.stdout.contains("РФ-101"), "ids as written")
        #expect(run.stdout.contains("service number А-583920 ≠ А-58392 (one-digit-off)"))
    }

    @Test func idColumnsPerListAndIdInAMap() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try write("key,surname,given_name,born\nX/1,Ковальчук,Петро,1981-03-03\n", "a.csv", in: dir)
        let b = try write("code,surname,given_name,born\nРФ 7,Ковальчук,Пётр,1981-03-03\n", "b.csv", in: dir)
        for flags in [["--id-column-a", "key", "--id-column-b", "code"], ["--map-a", "id=key", "--map-b", "id=code"]] {
            let run = try await parley(["diff", a, b, "--format", "csv"] + flags)
            #expect(run.status == 0, "\(run.stderr)")
            let rows = csvRows(run.stdout)
            #expect(rows.first?["a_id"] == "X/1" && rows.first?["b_id"] == "РФ 7")
        }
    }

    @Test func everyBadRowIsOneLineOnStandardError() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try write("id,surname,given_name,date_of_birth\n1,Коваль,Іван,1990-13-01\n2,Коваль,Петро,x\n", "a.csv", in: dir)
        let run = try await parley(["diff", a, "examples/side-b.csv"])
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(run.stderr)")
        #expect(lines.first?.contains("a.csv:2") == true && lines.last?.contains("a.csv:3") == true)
    }

    @Test func theCSVReportTakesAByteOrderMarkForExcel() async throws {
        let run = try await parley(["diff", "examples/side-a.csv", "examples/side-b.csv", "--format", "csv", "--bom"])
        #expect(run.stdout.hasPrefix("\u{FEFF}outcome,"))
    }

    @Test func anUnknownSheetIsNamedWithTheSheetsThereAre() async throws {
        let run = try await parley(["diff", "examples/office/side-b.xlsx", "examples/side-a.csv", "--sheet", "Лист 9"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\"Список\""), "\(run.stderr)")
    }
}
