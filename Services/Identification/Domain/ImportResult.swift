/// The outcome of importing a file: the rows that passed validation and every rule broken by the
/// rest. One bad row never stops the others from being read.
public struct ImportResult<Row: Sendable>: Sendable {
    /// Valid rows with the line each came from, in file order.
    public var rows: [(line: Int, row: Row)]
    /// Broken rules in file order, then in the order the row type checks its fields.
    public var errors: [RowError]

    public init(rows: [(line: Int, row: Row)], errors: [RowError]) {
        self.rows = rows
        self.errors = errors
    }

    /// Records the file held: every valid row, and every invalid one once however many rules it broke.
    public var received: Int {
        rows.count + Set(errors.map(\.line)).count
    }
}
