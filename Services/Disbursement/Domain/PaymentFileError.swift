/// What is wrong with a payment file, and where: the line, and the column when one is to blame.
public struct PaymentFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    /// The column (or control-line field) at fault, e.g. `amount_fen` or `sum_fen`; nil for whole-line problems.
    public var field: String?
    /// A sentence naming the field and the offending value.
    public var message: String

    public init(line: Int, field: String?, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
