/// One row of an import file before validation: the text of each field by column or key name.
public struct ImportRecord: Hashable, Sendable {
    /// Trimmed field text by name. A column that is in the file but blank in this row maps to "";
    /// a column that is not in the file at all has no entry, so validators can tell "missing" from
    /// "empty".
    public let values: [String: String]
    /// JSON keys whose value was an object or array. They are kept apart rather than dropped so
    /// that a validator reading one can say what is wrong, while unknown keys stay ignored.
    public let nonScalarFields: Set<String>

    public init(values: [String: String], nonScalarFields: Set<String> = []) {
        self.values = values
        self.nonScalarFields = nonScalarFields
    }
}
