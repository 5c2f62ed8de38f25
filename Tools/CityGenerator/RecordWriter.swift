import Foundation

/// Appends records to one file through a buffer, so a city of millions of rows streams to disk
/// instead of being held in memory. CSV rows and JSON lines alike end with "\n".
final class RecordWriter {
    private static let flushThreshold = 1 << 20

    let file: CityFile
    private let handle: FileHandle
    private let encoder: JSONEncoder
    private var buffer: [UInt8] = []
    private(set) var records = 0
    private(set) var bytes = 0

    init(_ file: CityFile, in directory: URL) throws {
        self.file = file
        let url = directory.appending(path: file.rawValue)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        // Sorted keys: the same record is always the same bytes, so equal seeds give equal files.
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        buffer.reserveCapacity(Self.flushThreshold + 4096)
        if let header = file.csvHeader { try append(raw: header) }
    }

    /// One CSV row from already formatted fields (see `csv(_:)` for text that may need quoting).
    func append(row fields: [String]) throws {
        try append(raw: fields.joined(separator: ","))
        records += 1
    }

    func append(json record: some Encodable) throws {
        buffer += try encoder.encode(record)
        buffer.append(UInt8(ascii: "\n"))
        records += 1
        try flushIfFull()
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    /// Free text as a CSV field: quoted only when it holds a delimiter, quote or line break.
    static func csv(_ text: String) -> String {
        // Scanning bytes, not Characters: comparing Characters costs a Unicode lookup per letter.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func append(raw line: String) throws {
        buffer += line.utf8
        buffer.append(UInt8(ascii: "\n"))
        try flushIfFull()
    }

    private func flushIfFull() throws {
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        bytes += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
