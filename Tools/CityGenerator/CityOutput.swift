import Foundation

/// The open files of a city being generated, one writer per `CityFile`.
final class CityOutput {
    private var writers: [RecordWriter]

    init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        writers = try CityFile.allCases.map { try RecordWriter($0, in: directory) }
    }

    subscript(file: CityFile) -> RecordWriter {
        writers[CityFile.allCases.firstIndex(of: file)!]
    }

    /// Flushes and closes every file; returns what each holds.
    func close() throws -> [CityManifest.File] {
        try writers.map { writer in
            try writer.close()
            return CityManifest.File(name: writer.file.rawValue, records: writer.records, bytes: writer.bytes)
        }
    }
}
