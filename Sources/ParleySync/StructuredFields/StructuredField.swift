/// The parts of RFC 8941 Structured Field Values that HTTP message signatures and digests use:
/// dictionaries whose members are items or inner lists, with parameters.
///
/// Parsing (``parseDictionary(_:)``) follows RFC 8941 §4.2 and fails on anything malformed;
/// serializing (``serialize(_:)-swift.type.method``) follows §4.1, so it gives the one canonical
/// spelling RFC 9421 signs.
package enum StructuredField {
    /// A bare item (RFC 8941 §3.3).
    package enum BareItem: Hashable, Sendable {
        /// An integer of at most 15 digits.
        case integer(Int64)
        /// A decimal, held exactly as thousandths (at most 12 integer and 3 fraction digits).
        case decimal(thousandths: Int64)
        /// A string of printable ASCII.
        case string(String)
        /// A token.
        case token(String)
        /// A byte sequence.
        case byteSequence([UInt8])
        /// A boolean.
        case boolean(Bool)

        /// The integer, if this is one.
        package var integerValue: Int64? {
            if case let .integer(value) = self { value } else { nil }
        }

        /// The string, if this is a string (not a token).
        package var stringValue: String? {
            if case let .string(value) = self { value } else { nil }
        }

        /// The bytes, if this is a byte sequence.
        package var byteSequenceValue: [UInt8]? {
            if case let .byteSequence(value) = self { value } else { nil }
        }
    }

    /// Ordered parameters (RFC 8941 §3.1.2); keys are unique, a repeated key keeps its first
    /// position and its last value.
    package struct Parameters: Hashable, Sendable {
        /// The parameters in order.
        package private(set) var members: [(key: String, value: BareItem)]

        /// Parameters in the given order.
        package init(_ members: [(String, BareItem)] = []) {
            self.members = []
            for member in members {
                self[member.0] = member.1
            }
        }

        /// The value of `key`; setting a new key appends it, setting an old one replaces its value.
        package subscript(key: String) -> BareItem? {
            get { members.first { $0.key == key }?.value }
            set {
                let index = members.firstIndex { $0.key == key }
                switch (index, newValue) {
                case let (index?, value?): members[index].value = value
                case let (index?, nil): members.remove(at: index)
                case let (nil, value?): members.append((key, value))
                case (nil, nil): break
                }
            }
        }

        /// Whether there are none.
        package var isEmpty: Bool { members.isEmpty }

        /// Equal when the same keys have the same values in the same order.
        package static func == (lhs: Parameters, rhs: Parameters) -> Bool {
            lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
        }

        /// Hashes keys and values in order.
        package func hash(into hasher: inout Hasher) {
            for member in members {
                hasher.combine(member.key)
                hasher.combine(member.value)
            }
        }
    }

    /// An item: a bare item with parameters (RFC 8941 §3.3).
    package struct Item: Hashable, Sendable {
        /// The value.
        package var bareItem: BareItem
        /// Its parameters.
        package var parameters: Parameters

        /// An item.
        package init(_ bareItem: BareItem, parameters: Parameters = Parameters()) {
            self.bareItem = bareItem
            self.parameters = parameters
        }
    }

    /// An inner list: items in parentheses, with parameters (RFC 8941 §3.1.1).
    package struct InnerList: Hashable, Sendable {
        /// The items.
        package var items: [Item]
        /// The list's parameters.
        package var parameters: Parameters

        /// An inner list.
        package init(_ items: [Item], parameters: Parameters = Parameters()) {
            self.items = items
            self.parameters = parameters
        }
    }

    /// A member of a dictionary or list: an item or an inner list.
    package enum Member: Hashable, Sendable {
        /// An item.
        case item(Item)
        /// An inner list.
        case innerList(InnerList)
    }

    /// An ordered dictionary (RFC 8941 §3.2); a repeated key keeps its first position and its last
    /// value.
    package struct Dictionary: Hashable, Sendable {
        /// The members in order.
        package private(set) var members: [(key: String, value: Member)]

        /// A dictionary with the given members.
        package init(_ members: [(String, Member)] = []) {
            self.members = []
            for member in members {
                self[member.0] = member.1
            }
        }

        /// The member named `key`; setting a new key appends it, an old one replaces its value.
        package subscript(key: String) -> Member? {
            get { members.first { $0.key == key }?.value }
            set {
                let index = members.firstIndex { $0.key == key }
                switch (index, newValue) {
                case let (index?, value?): members[index].value = value
                case let (index?, nil): members.remove(at: index)
                case let (nil, value?): members.append((key, value))
                case (nil, nil): break
                }
            }
        }

        /// Equal when the same keys have the same members in the same order.
        package static func == (lhs: Dictionary, rhs: Dictionary) -> Bool {
            lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
        }

        /// Hashes keys and members in order.
        package func hash(into hasher: inout Hasher) {
            for member in members {
                hasher.combine(member.key)
                hasher.combine(member.value)
            }
        }
    }
}
