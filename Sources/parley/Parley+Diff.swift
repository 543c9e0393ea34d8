public import ArgumentParser
public import ParleyMatch

// Parley's own enums read straight from the command line.
extension ReportFormat: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
extension NameOrder: ExpressibleByArgument {}

extension Parley {
    /// `parley diff A B`: who on one list is on the other, across scripts.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two lists of people and report who is on both, who is on one only, and what is disputed.",
            discussion: """
            Lists are CSV (comma, semicolon or tab; UTF-8 or Windows-1251) or Excel .xlsx, with \
            headers in English, Ukrainian or Russian. Exit status: 0 when every record on both \
            sides is agreed, 1 when there are differences, 2 on error.
            """
        )

        enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

        @Argument(help: "List A (CSV or .xlsx).")
        var listA: String

        @Argument(help: "List B (CSV or .xlsx).")
        var listB: String

        @Option(name: .shortAndLong, help: "Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: ReportFormat = .text

        @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
        var output: String?

        @OptionGroup var importOptions: ImportFlags

        @Option(help: "Colour in the text report: auto (on a terminal only), always, never.")
        var color: ColorChoice = .auto

        @Flag(help: "Begin a CSV report with a UTF-8 byte-order mark, so that Excel shows Cyrillic intact.")
        var bom = false

        func run() throws {
            let (a, b) = try ImportFlags.read(
                (listA, importOptions.options(forA: true)), (listB, importOptions.options(forA: false)))
            var result = Matcher().diff(a.list, b.list, progress: DiffProgress.onTerminal())
            result.importA = a.report
            result.importB = b.report
            let useColor = output == nil && format == .text
                && (color == .always || (color == .auto && Terminal.standardOutputTakesColor))
            let report = result.rendered(as: format, options: ReportOptions(color: useColor, byteOrderMark: bom))
            if let output {
                try Files.write(report, to: output)
            } else {
                Terminal.write(report)
            }
            if !result.isAllAgreed { throw ExitCode(1) }
        }
    }
}
