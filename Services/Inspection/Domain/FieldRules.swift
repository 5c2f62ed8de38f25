import Foundation

/// The rules request fields share, phrased to follow the field name in an error.
enum FieldRules {
    /// Ids chosen by callers: letters, digits and '-', so they are safe in paths, logs and events.
    static func identifier(_ value: String, field: String) -> FieldError? {
        value.range(of: "^[A-Za-z0-9-]{1,60}$", options: .regularExpression) == nil
            ? FieldError(field: field, rule: "must be 1–60 letters, digits or '-', got '\(value)'") : nil
    }

    static func text(_ value: String, field: String, maximum: Int) -> FieldError? {
        value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || value.count > maximum
            ? FieldError(field: field, rule: "must be 1–\(maximum) characters and not blank") : nil
    }

    static func score(_ value: Int, field: String) -> FieldError? {
        (0...100).contains(value) ? nil : FieldError(field: field, rule: "must be between 0 and 100, got \(value)")
    }
}
