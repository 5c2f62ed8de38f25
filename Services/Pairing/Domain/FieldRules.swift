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

    /// Township codes as the roster writes them: 6–12 digits.
    static func townCode(_ value: String, field: String) -> FieldError? {
        (6...12).contains(value.count) && value.allSatisfy { $0.isASCII && $0.isNumber }
            ? nil : FieldError(field: field, rule: "must be a township code of 6–12 digits, got '\(value)'")
    }

    static func range(_ value: Int, _ allowed: ClosedRange<Int>, field: String) -> FieldError? {
        allowed.contains(value) ? nil : FieldError(field: field, rule: "must be between \(allowed.lowerBound) and \(allowed.upperBound), got \(value)")
    }

    /// A real calendar day written yyyy-MM-dd (2027-02-29 is refused).
    static func date(_ value: String, field: String) -> FieldError? {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (2000...2200).contains(year), (1...12).contains(month) else {
            return FieldError(field: field, rule: "must be a calendar date yyyy-MM-dd, got '\(value)'")
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day) ? nil : FieldError(field: field, rule: "must be a calendar date yyyy-MM-dd, got '\(value)'")
    }
}
