import CityGenerator
import Foundation

/// A city generated into a temporary directory, with its files read back the way a loader would.
struct GeneratedCity: Sendable {
    let directory: URL
    let manifest: CityManifest

    /// The reference city (scale 1, seed 2026), generated once for every test that reads it and
    /// removed when the test process exits.
    static let reference: Result<GeneratedCity, any Error> = Result {
        atexit { try? FileManager.default.removeItem(at: GeneratedCity.referenceDirectory) }
        return try GeneratedCity(scale: 1, seed: 2026, in: referenceDirectory)
    }

    private static var referenceDirectory: URL {
        FileManager.default.temporaryDirectory.appending(path: "citygen-test-reference-\(getpid())")
    }

    init(scale: Double, seed: UInt64, in directory: URL = FileManager.default.temporaryDirectory.appending(path: "citygen-test-\(UUID().uuidString)")) throws {
        self.directory = directory
        manifest = try CityGenerator(scale: scale, seed: seed).generate(into: directory)
    }

    func data(_ file: CityFile) throws -> Data {
        try Data(contentsOf: directory.appending(path: file.rawValue))
    }

    /// The rows of a CSV file as dictionaries by column name. The generator's fields hold no commas.
    func csv(_ file: CityFile) throws -> [[String: String]] {
        let lines = String(decoding: try data(file), as: UTF8.self).split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    func jsonLines<Record: Decodable>(_ file: CityFile, as type: Record.Type) throws -> [Record] {
        let decoder = JSONDecoder()
        return try String(decoding: try data(file), as: UTF8.self).split(separator: "\n").map {
            try decoder.decode(Record.self, from: Data($0.utf8))
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
