public import ArgumentParser
public import ParleyLog
import ParleyMatch

extension Parley {
    /// `parley attest ENTRY --kind KIND --date DATE`: a mediator's statement about a person.
    struct Attest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As a mediator, attest that a person was registered, visited or medically assessed on a date."
        )

        @OptionGroup var homeOptions: HomeOptions
        @OptionGroup var exchangeOptions: ExchangeOptions

        @Argument(help: ArgumentHelp("The entry, e.g. A/request/UA-001.", valueName: "SIDE/LIST/ENTRY"))
        var entry: String

        @Option(help: "What: \(AttestationKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var kind: AttestationKind

        @Option(help: ArgumentHelp("When, YYYY-MM-DD.", valueName: "DATE"))
        var date: String

        func run() throws {
            let day = try CalendarDate(option: "--date", value: date)
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true, named: [entry])
            let ref = try session.entry(named: entry)
            try session.sign([.attest(ParleyLog.Attest(entry: ref, kind: kind, date: day))])
            Terminal.write("\(ref): \(kind.rawValue) on \(day), attested\n")
        }
    }
}

extension AttestationKind: ExpressibleByArgument {}
