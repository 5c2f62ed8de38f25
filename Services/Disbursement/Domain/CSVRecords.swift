import Foundation
import SwiftCSV

/// CSV reading and writing shared by the payment file and the bank confirmation.
enum CSVRecords {
    /// One non-blank record and the line it starts on (1-based). Lines are counted as records, which is
    /// the physical line as long as no field holds a line break; neither file format produces one.
    struct Record {
        let line: Int
        let fields: [String]
    }

    struct Malformed: Error {
        let line: Int
        let message: String
    }

    /// First field of the control line that closes both files.
    static let controlMarker = "#total"

    static func render(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",")
    }

    /// Quotes a field when it would otherwise not read back the same.
    static func escape(_ field: String) -> String {
        // SwiftCSV skips whitespace at the start of a bare field, so surrounding whitespace is quoted too.
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0.isNewline }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The records of `text`, skipping blank lines but counting them, so errors point at the right line.
    static func records(_ text: String) throws(Malformed) -> [Record] {
        var records: [Record] = []
        var line = 0
        do {
            // rowLimit 0: the initializer only reads the header; every record is read once, below.
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { fields in
                line += 1
                if fields != [""] { records.append(Record(line: line, fields: fields)) }
            }
        } catch let error as CSVParseError {
            let detail = switch error {
            case .generic(let message), .quotation(let message): message
            }
            throw Malformed(line: line + 1, message: "is not valid CSV (\(detail))")
        } catch {
            throw Malformed(line: line + 1, message: "is not valid CSV (\(error))")
        }
        return records
    }

    /// `<batchId>:<attempt>`, as written on both control lines.
    static func batchReference(batchId: String, attempt: Int) -> String {
        "\(batchId):\(attempt)"
    }

    /// Reads `<batchId>:<attempt>`; the batch id may itself contain colons, the attempt follows the last one.
    static func parseBatchReference(_ text: String) -> (batchId: String, attempt: Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let batchId = String(text[..<colon])
        guard !batchId.isEmpty, let attempt = wholeNumber(String(text[text.index(after: colon)...])),
              attempt >= 1, let small = Int(exactly: attempt) else { return nil }
        return (batchId, small)
    }

    /// Digits only: no sign, no decimal point, no spaces, nothing that overflows.
    static func wholeNumber(_ text: String) -> Int64? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(text)
    }
}
