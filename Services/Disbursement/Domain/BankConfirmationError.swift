/// What is wrong with a bank confirmation: a line of the file when parsing, or a payment when checking it
/// against the payment file it answers.
public struct BankConfirmationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nil for problems found by `validate(against:)`, which works on values rather than text.
    public var line: Int?
    /// The column (or control-line field) at fault, e.g. `status`; nil for whole-line problems.
    public var field: String?
    /// A sentence naming the field and the offending value.
    public var message: String

    public init(line: Int?, field: String?, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        guard let line else { return message }
        return "line \(line): \(message)"
    }
}
