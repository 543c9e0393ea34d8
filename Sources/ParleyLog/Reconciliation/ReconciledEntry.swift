public import ParleyMatch

/// One list entry as a reconciliation shows it: where it is and what it says.
public struct ReconciledEntry: Hashable, Sendable {
    /// The entry's reference.
    public let ref: EntryRef
    /// The `list.put` envelope that set it.
    public let envelope: EnvelopeID
    /// Its source fields.
    public let fields: [Field: String]

    /// Describes an entry of `list`.
    init(list: ListKey, entry: ListEntry) {
        self.ref = EntryRef(list: list, author: entry.author, entry: entry.entry)
        self.envelope = entry.envelope
        self.fields = entry.fields
    }

    /// An entry from its parts.
    init(ref: EntryRef, envelope: EnvelopeID, fields: [Field: String]) {
        self.ref = ref
        self.envelope = envelope
        self.fields = fields
    }

    /// The entry as a matching record with id `id`, its dates read as `list import` reads a cell
    /// (partial dates too), so an exchange matches its entries as `parley diff` matches the files.
    func record(id: String, line: Int) -> Record {
        Record(
            id: id, line: line, fields: fields,
            dateOfBirth: fields[.dateOfBirth].flatMap { CalendarDate(parsingRecordValue: $0) },
            captureDate: fields[.captureDate].flatMap { CalendarDate(parsingRecordValue: $0) },
            heldSince: fields[.heldSince].flatMap { CalendarDate(parsingRecordValue: $0) }
        )
    }

    /// The reference with the put's envelope id: `{"side", "list", "author", "entry", "envelope"}`.
    /// What pins it for a kept diff or summary.
    var pin: EntryPin {
        EntryPin(envelope: envelope, isUnopened: fields.isEmpty)
    }

    var pinnedJSON: JSONValue {
        guard case var .object(members) = ref.json else { preconditionFailure("a reference is an object") }
        members["envelope"] = .string(envelope.hex)
        return .object(members)
    }
}
