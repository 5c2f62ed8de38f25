/// Thrown by a field parser: the rule the text broke, phrased to follow the field name
/// ("must be a whole number, got 'x'").
struct FieldRuleViolation: Error {
    let rule: String

    init(_ rule: String) {
        self.rule = rule
    }
}
