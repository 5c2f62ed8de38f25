/// One field that broke one rule, e.g. `capacity`: "must be between 1 and 10, got 0",
/// so an API can answer every problem of a request at once.
public struct FieldError: Error, Hashable, Sendable, CustomStringConvertible {
    public let field: String
    public let rule: String

    public init(field: String, rule: String) {
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(field): \(rule)" }
}
