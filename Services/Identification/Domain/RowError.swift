/// A field of an imported row that broke a rule, located so the uploader can find and fix it.
public struct RowError: Hashable, Sendable, CustomStringConvertible {
    /// The row as the uploader sees it: for CSV the file's line number with the header as line 1;
    /// for JSON the 1-based position in the array.
    public let line: Int
    /// The column or key, or `row` when the whole record is unusable.
    public let field: String
    public let rule: String

    public init(line: Int, field: String, rule: String) {
        self.line = line
        self.field = field
        self.rule = rule
    }

    public var description: String { "line \(line), \(field): \(rule)" }
}
