/// Reads fields out of an `ImportRecord` for a row validator, collecting every broken rule instead
/// of stopping at the first, so one upload shows the user everything to fix in a row.
struct FieldReader {
    typealias Parser<Value> = (String) throws(FieldRuleViolation) -> Value

    private let record: ImportRecord
    private(set) var errors: [FieldError] = []

    init(_ record: ImportRecord) {
        self.record = record
    }

    /// The parsed value of a field that must be present and non-empty, or nil after recording why not.
    mutating func required<Value>(_ field: String, _ parse: Parser<Value>) -> Value? {
        switch lookup(field) {
        case .nonScalar:
            report(field, Self.nonScalarRule)
            return nil
        case .missing:
            report(field, "is missing")
            return nil
        case .text(""):
            report(field, "must not be empty")
            return nil
        case .text(let text):
            return parsed(field, text, parse)
        }
    }

    /// The parsed value of a field that may be absent or blank (both give nil without an error).
    mutating func optional<Value>(_ field: String, _ parse: Parser<Value>) -> Value? {
        switch lookup(field) {
        case .nonScalar:
            report(field, Self.nonScalarRule)
            return nil
        case .missing, .text(""):
            return nil
        case .text(let text):
            return parsed(field, text, parse)
        }
    }

    /// Records a rule that spans fields, such as one date not being before another.
    mutating func report(_ field: String, _ rule: String) {
        errors.append(FieldError(field: field, rule: rule))
    }

    var failure: InvalidRecord { InvalidRecord(errors: errors) }

    private static let nonScalarRule = "must be text, a number or true/false, not a JSON object or array"

    private enum Lookup {
        case nonScalar
        case missing
        case text(String)
    }

    private func lookup(_ field: String) -> Lookup {
        if record.nonScalarFields.contains(field) { return .nonScalar }
        guard let text = record.values[field] else { return .missing }
        return .text(text)
    }

    private mutating func parsed<Value>(_ field: String, _ text: String, _ parse: Parser<Value>) -> Value? {
        do {
            return try parse(text)
        } catch {
            report(field, error.rule)
            return nil
        }
    }
}
