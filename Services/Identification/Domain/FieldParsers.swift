import AidContracts

/// Parsers for the field shapes that recur across import files. Each turns trimmed, non-empty text
/// into a value or throws the rule it broke, quoting the offending text where it is not personal.
enum FieldParsers {
    /// Opaque ids assigned by schools and bureaus: 1–40 ASCII letters, digits or hyphens, which keeps
    /// them safe in URLs, file names and message keys.
    static func identifier(_ text: String) throws(FieldRuleViolation) -> String {
        guard text.count <= 40, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw FieldRuleViolation("must be 1-40 letters, digits or hyphens, got '\(text)'")
        }
        return text
    }

    /// Free text with a length limit. The text itself is not quoted back: it may be a name.
    static func text(maxLength: Int) -> FieldReader.Parser<String> {
        { text throws(FieldRuleViolation) in
            guard text.count <= maxLength else {
                throw FieldRuleViolation("must be at most \(maxLength) characters, got \(text.count)")
            }
            return text
        }
    }

    static func digits(count: ClosedRange<Int>) -> FieldReader.Parser<String> {
        { text throws(FieldRuleViolation) in
            guard count.contains(text.count), text.allSatisfy({ ("0"..."9").contains($0) }) else {
                let length = count.count == 1 ? "\(count.lowerBound)" : "\(count.lowerBound)-\(count.upperBound)"
                throw FieldRuleViolation("must be \(length) digits, got '\(text)'")
            }
            return text
        }
    }

    /// Accepts the spellings spreadsheet users actually type, in any letter case.
    static func bool(_ text: String) throws(FieldRuleViolation) -> Bool {
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw FieldRuleViolation("must be true, false, 1, 0, yes or no, got '\(text)'")
        }
    }

    static func integer(_ text: String) throws(FieldRuleViolation) -> Int {
        guard text.allSatisfy({ ("0"..."9").contains($0) }), let value = Int(text) else {
            throw FieldRuleViolation("must be a whole number, got '\(text)'")
        }
        return value
    }

    static func date(_ text: String) throws(FieldRuleViolation) -> CalendarDay {
        guard let date = CalendarDay(iso: text) else {
            throw FieldRuleViolation("must be a real day written yyyy-MM-dd, got '\(text)'")
        }
        return date
    }

    static func stage(_ text: String) throws(FieldRuleViolation) -> Stage {
        guard let stage = Stage(rawValue: text) else {
            throw FieldRuleViolation("must be one of \(expected(Stage.allCases)), got '\(text)'")
        }
        return stage
    }

    /// A semicolon-separated list such as `primary;junior-secondary`, kept in the order written with
    /// repeats dropped. Semicolons, because commas would clash with the CSV delimiter.
    static func stages(_ text: String) throws(FieldRuleViolation) -> [Stage] {
        var stages: [Stage] = []
        for item in text.split(separator: ";") {
            let name = String(item).trimmingWhitespace()
            guard !name.isEmpty else { continue }
            guard let stage = Stage(rawValue: name) else {
                throw FieldRuleViolation("unknown stage '\(name)', expected \(expected(Stage.allCases)) separated by ';'")
            }
            if !stages.contains(stage) { stages.append(stage) }
        }
        guard !stages.isEmpty else { throw FieldRuleViolation("must list at least one stage") }
        return stages
    }

    static func registryList(_ text: String) throws(FieldRuleViolation) -> RegistryList {
        guard let list = RegistryList(rawValue: text) else {
            throw FieldRuleViolation("must be one of \(expected(RegistryList.allCases)), got '\(text)'")
        }
        return list
    }

    /// Resident ID problems are reported by rule only; the number is personal data.
    static func residentID(today: CalendarDay) -> FieldReader.Parser<ResidentID> {
        { text throws(FieldRuleViolation) in
            do throws(ResidentIDError) {
                return try ResidentID(validating: text, today: today)
            } catch {
                throw FieldRuleViolation(error.description)
            }
        }
    }

    private static func expected<Value: RawRepresentable<String>>(_ values: [Value]) -> String {
        values.map(\.rawValue).joined(separator: ", ")
    }
}
