/// One element of an imported JSON array, decoded leniently so that a bad element becomes a row
/// error instead of failing the whole file.
enum JSONImportElement: Decodable {
    case record(ImportRecord)
    case notAnObject

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: AnyKey.self) else {
            self = .notAnObject
            return
        }
        var values: [String: String] = [:]
        var nonScalarFields: Set<String> = []
        for key in container.allKeys {
            // null means "no value", as an empty CSV cell does.
            if try container.decodeNil(forKey: key) {
                values[key.stringValue] = ""
                continue
            }
            switch try container.decode(Scalar.self, forKey: key) {
            case .text(let text): values[key.stringValue] = text.trimmingWhitespace()
            case .nonScalar: nonScalarFields.insert(key.stringValue)
            }
        }
        self = .record(ImportRecord(values: values, nonScalarFields: nonScalarFields))
    }

    /// A JSON value rendered as the text a CSV cell would hold: `true`, `3`, `"abc"` → `abc`.
    private enum Scalar: Decodable {
        case text(String)
        case nonScalar

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            // Strings first: they are by far the most common value, and each failed attempt costs
            // a thrown error.
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let flag = try? container.decode(Bool.self) {
                self = .text(String(flag))
            } else if let integer = try? container.decode(Int64.self) {
                self = .text(String(integer))
            } else if let number = try? container.decode(Double.self) {
                self = .text(String(number))
            } else {
                self = .nonScalar
            }
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        let intValue: Int? = nil

        init(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue: Int) {
            return nil
        }
    }
}
