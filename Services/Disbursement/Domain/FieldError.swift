/// One thing wrong with a submitted value, addressed by its path (e.g. `programs[2].amounts[0].amountFen`)
/// so an API can return every problem at once and the author can fix them in one pass.
public struct FieldError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
