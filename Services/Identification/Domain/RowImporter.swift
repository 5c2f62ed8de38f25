import AidContracts
import Foundation
import SwiftCSV

/// Reads a CSV or JSON file into validated rows of one type, collecting every broken rule with the
/// line it is on. Pure: the caller supplies the bytes and decides what to do with the result.
public struct RowImporter<Row: ImportableRow>: Sendable {
    /// The day the import runs, handed to every row's validator.
    public let today: CalendarDay

    public init(today: CalendarDay = .today()) {
        self.today = today
    }

    /// Parses `data` and validates each record. Throws only when the file as a whole cannot be read;
    /// bad rows are reported in the result next to the good ones.
    public func importRows(from data: Data, format: ImportFormat) throws(ImportError) -> ImportResult<Row> {
        let records = switch format {
        case .csv: try Self.csvRecords(data)
        case .json: try Self.jsonRecords(data)
        }
        var rows: [(line: Int, row: Row)] = []
        var errors: [RowError] = []
        rows.reserveCapacity(records.count)
        for (line, parsed) in records {
            switch parsed {
            case .fields(let record):
                do {
                    rows.append((line, try Row(record: record, today: today)))
                } catch {
                    errors += error.errors.map { RowError(line: line, field: $0.field, rule: $0.rule) }
                }
            case .unusable(let rule):
                errors.append(RowError(line: line, field: "row", rule: rule))
            }
        }
        return ImportResult(rows: rows, errors: errors)
    }

    /// A record as the file format delivered it, before the row type looks at it.
    private enum ParsedRecord {
        case fields(ImportRecord)
        /// The format could not even produce fields, e.g. a JSON array element that is not an object.
        case unusable(rule: String)
    }

    private static func csvRecords(_ data: Data) throws(ImportError) -> [(line: Int, parsed: ParsedRecord)] {
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8 }
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch let error as CSVParseError {
            switch error {
            case .generic(let message), .quotation(let message): throw .malformedCSV(message)
            }
        } catch {
            throw .malformedCSV(String(describing: error))
        }

        let header = csv.header.map { $0.trimmingWhitespace() }
        guard header.contains(where: { !$0.isEmpty }) else { throw .missingHeader }
        var seen: Set<String> = []
        for name in header where !name.isEmpty && !seen.insert(name).inserted {
            throw .duplicateColumn(name)
        }

        // SwiftCSV yields one record per line break outside quotes, blank lines included, so the
        // line number advances by one per record plus any line breaks quoted inside its cells.
        var line = 1 + lineBreaks(in: csv.header)
        var records: [(line: Int, parsed: ParsedRecord)] = []
        records.reserveCapacity(csv.rows.count)
        for fields in csv.rows {
            line += 1
            let recordLine = line
            line += lineBreaks(in: fields)
            var values: [String: String] = [:]
            values.reserveCapacity(header.count)
            for (index, name) in header.enumerated() where !name.isEmpty {
                values[name] = index < fields.count ? fields[index].trimmingWhitespace() : ""
            }
            // Spreadsheets append rows with every cell empty; they are not rows anyone meant.
            guard values.values.contains(where: { !$0.isEmpty }) else { continue }
            records.append((recordLine, .fields(ImportRecord(values: values))))
        }
        return records
    }

    private static func jsonRecords(_ data: Data) throws(ImportError) -> [(line: Int, parsed: ParsedRecord)] {
        let elements: [JSONImportElement]
        do {
            elements = try JSONDecoder().decode([JSONImportElement].self, from: data)
        } catch DecodingError.typeMismatch {
            throw .notAJSONArray
        } catch DecodingError.dataCorrupted(let context) {
            throw .malformedJSON(context.underlyingError.map { String(describing: $0) } ?? context.debugDescription)
        } catch {
            throw .malformedJSON(String(describing: error))
        }
        return elements.enumerated().map { index, element in
            switch element {
            case .record(let record): (index + 1, .fields(record))
            case .notAnObject: (index + 1, .unusable(rule: "must be a JSON object"))
            }
        }
    }

    /// Counts CRLF, LF and lone CR as one break each, as SwiftCSV and text editors do.
    private static func lineBreaks(in fields: [String]) -> Int {
        var count = 0
        for field in fields {
            var previousWasCarriageReturn = false
            for byte in field.utf8 {
                if byte == UInt8(ascii: "\n") {
                    if !previousWasCarriageReturn { count += 1 }
                } else if byte == UInt8(ascii: "\r") {
                    count += 1
                }
                previousWasCarriageReturn = byte == UInt8(ascii: "\r")
            }
        }
        return count
    }
}
