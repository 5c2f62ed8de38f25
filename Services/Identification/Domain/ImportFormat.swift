/// The file formats schools and bureaus upload rosters and registry extracts in.
public enum ImportFormat: String, Codable, Sendable, CaseIterable {
    /// UTF-8, comma-separated, with a header row naming the columns.
    case csv
    /// A JSON array of flat objects whose values are strings, numbers or booleans.
    case json
}
