/// A column holding personal data sealed with `PersonalDataVault` (bytea, AES-GCM), as a service
/// declares it so that it can be converted from plain text and re-sealed under a new `PII_KEY`.
public struct SealedColumn: Sendable, CustomStringConvertible {
    public let table: String
    /// The table's primary key (one column), to update row by row.
    public let key: String
    public let column: String
    /// A column holding `PersonalDataVault.hash(residentID:)` of this column's text, recomputed
    /// when the column is re-sealed under a new key.
    public let residentIDHash: String?

    public init(table: String, key: String, column: String, residentIDHash: String? = nil) {
        for identifier in [table, key, column] + (residentIDHash.map { [$0] } ?? []) {
            precondition(identifier.range(of: "^[a-z_][a-z0-9_]*$", options: .regularExpression) != nil,
                         "SealedColumn: '\(identifier)' is not a lower-case SQL identifier")
        }
        self.table = table
        self.key = key
        self.column = column
        self.residentIDHash = residentIDHash
    }

    public var description: String { "\(table).\(column)" }
}
