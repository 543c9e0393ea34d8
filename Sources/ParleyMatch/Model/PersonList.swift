/// A list as read from one file: its records in file order and where it came from.
public struct PersonList: Sendable, Hashable {
    /// The name the list is reported under (usually its file name).
    public var name: String
    /// The records, in file order.
    public var records: [Record]

    /// Creates a list.
    public init(name: String, records: [Record]) {
        self.name = name
        self.records = records
    }
}
