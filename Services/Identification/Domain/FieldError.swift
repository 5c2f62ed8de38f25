/// One field that broke one rule, e.g. `members`: "must be between 1 and 30, got 0".
public struct FieldError: Hashable, Sendable, CustomStringConvertible {
    public let field: String
    public let rule: String

    public init(field: String, rule: String) {
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(field): \(rule)" }
}
