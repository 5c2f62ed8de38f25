import Foundation

/// The rules request fields share, phrased to follow the field name in an error.
enum FieldRules {
    /// Ids chosen by callers: letters, digits and '-', so they are safe in paths, logs and events.
    static func identifier(_ value: String, field: String) -> FieldError? {
        value.range(of: "^[A-Za-z0-9-]{1,60}$", options: .regularExpression) == nil
            ? FieldError(field: field, rule: "must be 1–60 letters, digits or '-', got '\(value)'") : nil
    }

    static func text(_ value: String, field: String, maximum: Int) -> FieldError? {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty || value.count > maximum
            ? FieldError(field: field, rule: "must be 1–\(maximum) characters and not blank") : nil
    }

    /// Administrative codes of townships are 9 digits (6 of the county, 3 of the township).
    static func townCode(_ value: String, field: String) -> FieldError? {
        value.count == 9 && value.allSatisfy { ("0"..."9").contains($0) }
            ? nil : FieldError(field: field, rule: "must be a 9-digit township code, got '\(value)'")
    }

    static func range(_ value: Int, _ allowed: ClosedRange<Int>, field: String) -> FieldError? {
        allowed.contains(value) ? nil : FieldError(field: field, rule: "must be between \(allowed.lowerBound) and \(allowed.upperBound), got \(value)")
    }
}
