import Foundation

/// Output for people (aligned tables, yuan) and for scripts (`--json`: one JSON document on stdout).
enum Console {
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Columns padded to their widest cell; numbers (a digit or ¥ first, after an optional minus) right-aligned.
    static func table(_ header: [String], _ rows: [[String]], indent: String = "") {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
                let numeric = cell.drop { $0 == "-" }.first.map { $0.isNumber || $0 == "¥" } ?? false
                return numeric && column > 0 ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        print(indent + line(header))
        for row in rows { print(indent + line(row)) }
    }

    /// Integer fen as yuan: "¥1,234.50".
    static func yuan(_ fen: Int64) -> String {
        let whole = abs(fen) / 100
        let cents = abs(fen) % 100
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return (fen < 0 ? "-" : "") + "¥" + digits + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// To standard error, so `--json` output stays one document.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
