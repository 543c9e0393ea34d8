import Foundation
package import RawStructuredFieldValues

/// RFC 8941 structured field values as the signature headers use them, read and written by
/// swift-http-structured-headers (`RawStructuredFieldValues`): parse failures become
/// ``SyncError/Code/malformedHeader``, byte sequences are decoded to bytes and encoded from them.
///
/// The library keeps members and parameters in the order they were sent (a repeated key keeps its
/// first place and its last value, as RFC 8941 §4.2 says), and its serializer gives the one
/// canonical spelling that RFC 9421 signs.
package enum StructuredFields {
    /// A dictionary field value: members by key, in order.
    package typealias Dictionary = OrderedMap<String, ItemOrInnerList>
    /// Parameters of an item or inner list, in order.
    package typealias Parameters = OrderedMap<String, RFC9651BareItem>

    /// Reads a dictionary field value.
    ///
    /// - Parameters:
    ///   - text: The field value (several field lines joined by `", "`).
    ///   - field: The field's name, for the message.
    /// - Returns: The members in order.
    /// - Throws: ``SyncError/Code/malformedHeader`` naming the field and what the parser refused.
    package static func parseDictionary(_ text: String, field: String) throws(SyncError) -> Dictionary {
        var parser = StructuredFieldValueParser(Array(text.utf8))
        do {
            return try parser.parseDictionaryFieldValue()
        } catch {
            throw SyncError(code: .malformedHeader, message: "\(field): not an RFC 8941 dictionary (\(error))", cause: error)
        }
    }

    /// The canonical spelling of a dictionary (RFC 8941 §4.1.2).
    ///
    /// - Throws: ``SyncError/Code/malformedHeader`` if a key or value cannot be written (e.g. a
    ///   string with a non-ASCII character), or the dictionary is empty.
    package static func serialize(_ dictionary: Dictionary) throws(SyncError) -> String {
        guard !dictionary.isEmpty else { throw unwritable("an empty dictionary") }
        var serializer = StructuredFieldValueSerializer()
        do {
            return String(decoding: try serializer.writeDictionaryFieldValue(dictionary), as: UTF8.self)
        } catch {
            throw unwritable("a dictionary member", error)
        }
    }

    /// The canonical spelling of an item with its parameters (RFC 8941 §4.1.3), e.g. `"@method"`.
    ///
    /// - Throws: ``SyncError/Code/malformedHeader`` if the item cannot be written.
    package static func serialize(_ item: Item) throws(SyncError) -> String {
        var serializer = StructuredFieldValueSerializer()
        do {
            return String(decoding: try serializer.writeItemFieldValue(item), as: UTF8.self)
        } catch {
            throw unwritable("an item", error)
        }
    }

    /// The canonical spelling of an inner list with its parameters (RFC 8941 §4.1.1.1), e.g.
    /// `("@method" "@request-target");created=1`: a list of that one member.
    ///
    /// - Throws: ``SyncError/Code/malformedHeader`` if the list cannot be written.
    package static func serialize(_ list: InnerList) throws(SyncError) -> String {
        var serializer = StructuredFieldValueSerializer()
        do {
            return String(decoding: try serializer.writeListFieldValue([.innerList(list)]), as: UTF8.self)
        } catch {
            throw unwritable("an inner list", error)
        }
    }

    /// A byte sequence item's value (RFC 8941 §3.3.5) for `bytes`: standard base64 with padding.
    package static func byteSequence(_ bytes: [UInt8]) -> RFC9651BareItem {
        .undecodedByteSequence(Data(bytes).base64EncodedString())
    }

    /// The bytes of a byte sequence item, or `nil` when the item is not one or its base64 does
    /// not decode. Missing `=` padding is accepted (RFC 8941 §4.2.7 asks parsers not to fail on it).
    package static func bytes(_ item: RFC9651BareItem) -> [UInt8]? {
        guard case var .undecodedByteSequence(text) = item, text.utf8.count % 4 != 1 else { return nil }
        while text.utf8.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text).map { Array($0) }
    }

    private static func unwritable(_ what: String, _ cause: (any Error)? = nil) -> SyncError {
        SyncError(code: .malformedHeader, message: "\(what) cannot be written as an RFC 8941 field value", cause: cause)
    }
}

extension RFC9651BareItem {
    /// The integer, if this is one.
    package var integerValue: Int64? {
        if case let .integer(value) = self { value } else { nil }
    }

    /// The string, if this is a string (not a token).
    package var stringValue: String? {
        if case let .string(value) = self { value } else { nil }
    }
}
