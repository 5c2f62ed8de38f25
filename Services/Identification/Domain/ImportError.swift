/// A problem with the file as a whole, so no row can be read; row-level problems are `RowError`s.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case notUTF8
    case malformedCSV(String)
    case missingHeader
    case duplicateColumn(String)
    case malformedJSON(String)
    case notAJSONArray

    public var description: String {
        switch self {
        case .notUTF8:
            "file must be UTF-8 text (in Excel, save as \"CSV UTF-8\")"
        case .malformedCSV(let reason):
            "file is not valid CSV: \(reason)"
        case .missingHeader:
            "CSV file must start with a header row naming the columns"
        case .duplicateColumn(let name):
            "column '\(name)' appears more than once in the header"
        case .malformedJSON(let reason):
            "file is not valid JSON: \(reason)"
        case .notAJSONArray:
            "JSON file must be an array of objects"
        }
    }
}
