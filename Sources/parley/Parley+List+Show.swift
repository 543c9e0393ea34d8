import ArgumentParser
import ParleyLog
import ParleyMatch
import ParleyParty
import ParleyStore

extension Parley.Lists {
    /// `parley list show --exchange ID [--list KIND]`: the entries of an exchange's lists.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the entries of an exchange's lists, with their authors and fields.",
            discussion: "Reads the verified state: what does not verify is not shown."
        )

        @OptionGroup var homeOptions: HomeOptions

        @Option(help: ArgumentHelp("The exchange (its id, or a unique prefix of it).", valueName: "ID"))
        var exchange: String

        @Option(help: "Only lists of this kind: request, release or registry.")
        var list: ListKind?

        func run() throws {
            let party = try homeOptions.resolved.party(signing: false)
            let exchange = try party.replica.exchange(named: self.exchange)
            let open = try party.open(exchange)
            let state = open.state
            if !open.isClean {
                Terminal.printError("warning: exchange \(Display.short(exchange)) does not fully verify; showing what does (see `parley verify`)")
            }
            let erased = try party.isErased(exchange)
            if erased {
                Terminal.write("exchange \(Display.short(exchange)) is erased in this replica: entries are shown by id, their contents are gone\n")
            }
            var shown = 0
            for key in state.lists.keys.sorted() where list == nil || key.kind == list {
                let entries = state.entries(of: key)
                Terminal.write("\(key) (\(entries.count) entr\(entries.count == 1 ? "y" : "ies"))\n")
                for entry in entries {
                    let author = state.participant(entry.author)?.name ?? "?"
                    let fields = entry.fields.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }
                    let record = ListImportPlan.recordID(forEntryID: entry.entry)
                    let id = record == entry.entry ? record : "\(record) (entry \(entry.entry))"
                    let contents = erased && fields.isEmpty ? "(erased)" : fields.joined(separator: "; ")
                    Terminal.write("  \(id)  [\(author), \(Display.short(entry.author))]  \(contents)\n")
                }
                shown += 1
            }
            if shown == 0 { Terminal.write("no entries\n") }
        }
    }
}
