import Foundation

extension String {
    /// Spreadsheet cells often carry stray spaces around a value; they are never meaningful here.
    func trimmingWhitespace() -> String {
        trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
