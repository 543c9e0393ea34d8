import ArgumentParser
import ParleyCrypto
import ParleyLog
import ParleyParty
import ParleySync
import ParleyMatch
import ParleyStore

extension Parley.Lists {
    /// `parley list import FILE [--exchange ID] --list KIND`: signs what changed in one of this
    /// party's lists since the last import, and stores it in one transaction.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a list file into one of this party's lists in an exchange.",
            discussion: """
            Each record becomes an entry keyed by its id (the file's id column; see --id-column). \
            Only what changed since the last import is signed: a list.put for each added or changed \
            entry and a list.remove for each entry the file no longer has. Importing the same file \
            again signs nothing. Everything is verified with the stored log, then stored in one \
            transaction: all of it or nothing.
            """
        )

        @OptionGroup var homeOptions: HomeOptions

        @Argument(help: "The list (CSV or .xlsx).")
        var file: String

        @OptionGroup var exchangeOptions: ExchangeOptions

        @Option(help: "Which of your lists: request, release (headquarters, ombudsman) or registry (mediator).")
        var list: ListKind

        @OptionGroup var importOptions: ImportFlags

        func validate() throws {
            guard importOptions.mapA.isEmpty, importOptions.mapB.isEmpty,
                  importOptions.idColumnA == nil, importOptions.idColumnB == nil else {
                throw ValidationFailure("--map-a, --map-b, --id-column-a and --id-column-b are for `parley diff`; "
                                            + "use --map or --id-column to import one list")
            }
        }

        func run() throws {
            let records = try ImportFlags.read(file, options: importOptions.options(forA: true)).list
            let session = try Session(home: homeOptions.resolved, exchange: exchangeOptions.exchange, signing: true)
            let (exchange, state) = (session.exchange, session.state)
            guard let own = session.me else { preconditionFailure("a signing session has a key") }
            guard let me = state.participant(own) else {
                throw ValidationFailure("you (key \(Display.short(own))) are not a participant of exchange \(Display.short(exchange))")
            }
            guard me.mayWrite(list) else {
                let allowed = ListKind.allCases.filter(me.mayWrite).map(\.rawValue).joined(separator: " or ")
                throw ValidationFailure("as \(me.role.rawValue) you may not write a \(list.rawValue) list; you write \(allowed)")
            }
            let target = me.list(list)
            let current = Dictionary(
                uniqueKeysWithValues: state.entries(of: target).filter { $0.author == own }.map { ($0.entry, $0.fields) }
            )
            let plan: ListImportPlan
            do {
                plan = try ListImportPlan(list: records, kind: list, current: current)
            } catch {
                throw ValidationFailure(Self.message(error, in: records.name))
            }
            if ListImportPlan.keysAreLineNumbers(records) {
                Terminal.printError(
                    "warning: \(file) has no id column, so entries are keyed by line number and inserting or "
                        + "deleting a row changes every entry after it; add an id column or use --id-column"
                )
            }

            // Signed, verified with everything stored and appended in one transaction; the chain head
            // is checked again inside it, so two imports at once cannot fork this party's chain.
            let appended = try session.sign(plan.operations).added
            Terminal.write(
                "\(target): \(plan.added) added, \(plan.changed) changed, \(plan.removed) removed, "
                    + "\(plan.unchanged) unchanged; \(appended) envelope\(appended == 1 ? "" : "s") appended\n"
            )
        }

        /// The one line that names the file, the line and the record a plan could not import.
        private static func message(_ problem: ListImportProblem, in file: String) -> String {
            switch problem {
            case let .invalidEntryID(line, _):
                "\(file):\(line): the record id is empty or too long to be an entry id once encoded "
                    + "(\(ListImportPlan.entryIDRule)); choose an id column with --id-column"
            case let .sharedEntryID(line, _, _, first):
                "\(file):\(line): the record id becomes the same entry id as the record on line \(first)"
            case let .noFields(line, entry):
                "\(file):\(line): record \(entry) has no fields"
            }
        }
    }
}
