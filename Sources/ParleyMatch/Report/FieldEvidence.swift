/// How one field of two records compared, and what it weighed.
public struct FieldEvidence: Sendable, Hashable, Codable {
    /// The field.
    public var field: Field
    /// Its level of agreement.
    public var agreement: Agreement
    /// Its weight in bits (log₂ of the likelihood ratio).
    public var weight: Double
    /// The value on the first record, as the list gave it.
    public var a: String?
    /// The value on the second record, as the list gave it.
    public var b: String?

    /// Creates evidence.
    public init(field: Field, agreement: Agreement, weight: Double, a: String?, b: String?) {
        self.field = field
        self.agreement = agreement
        self.weight = weight
        self.a = a
        self.b = b
    }
}
