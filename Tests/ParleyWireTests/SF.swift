@testable import ParleyWire
import RawStructuredFieldValues

/// Short constructors for RFC 8941 values (swift-http-structured-headers' types) in tests.
enum SF {
    typealias BareItem = RFC9651BareItem

    /// Parameters in the given order.
    static func parameters(_ members: [(String, BareItem)]) -> StructuredFields.Parameters {
        var parameters = StructuredFields.Parameters()
        for (key, value) in members { parameters[key] = value }
        return parameters
    }

    /// An item with parameters.
    static func item(_ bareItem: BareItem, _ parameters: [(String, BareItem)] = []) -> Item {
        Item(bareItem: bareItem, parameters: Self.parameters(parameters))
    }

    /// An inner list with parameters.
    static func innerList(_ items: [Item], _ parameters: [(String, BareItem)] = []) -> InnerList {
        var list = BareInnerList()
        for item in items { list.append(item) }
        return InnerList(bareInnerList: list, parameters: Self.parameters(parameters))
    }

    /// A byte sequence.
    static func bytes(_ bytes: [UInt8]) -> BareItem {
        StructuredFields.byteSequence(bytes)
    }

    /// A parsed dictionary.
    static func parse(_ text: String) throws(SyncError) -> StructuredFields.Dictionary {
        try StructuredFields.parseDictionary(text, field: "Test")
    }
}
