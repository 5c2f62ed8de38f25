import Foundation

/// Generates a synthetic city, seeded and deterministic: the same scale and seed always give the
/// same files, byte for byte. Scale 1 is the reference city (`ReferenceCity`); a larger scale is
/// that many reference-size districts, generated and written one at a time so memory stays at one
/// district's worth; a scale below 1 is one smaller district, for tests.
public struct CityGenerator: Sendable {
    public let scale: Double
    public let seed: UInt64

    public init(scale: Double, seed: UInt64) throws(CityGeneratorError) {
        guard scale > 0, scale.isFinite, scale <= Double(District.maximumCount) else {
            throw .scaleOutOfRange(scale)
        }
        self.scale = scale
        self.seed = seed
    }

    public var districtCount: Int { max(1, Int(scale.rounded(.up))) }

    /// Writes the city's files and `city.json` into `directory` (created if missing; files of the
    /// same names are replaced). `progress` is called after each district with the number done.
    public func generate(into directory: URL, progress: (Int, CityManifest) -> Void = { _, _ in }) throws -> CityManifest {
        let output = try CityOutput(directory: directory)
        var manifest = CityManifest(seed: seed, scale: scale)
        let size = scale / Double(districtCount)
        for index in 0..<districtCount {
            var district = DistrictGenerator(district: District(index: index), size: size, seed: seed)
            try district.generate(into: output, manifest: &manifest)
            progress(index + 1, manifest)
        }
        manifest.files = try output.close()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(manifest).write(to: directory.appending(path: CityFile.manifest))
        return manifest
    }

    /// Reads the manifest of a generated city.
    public static func manifest(in directory: URL) throws -> CityManifest {
        try JSONDecoder().decode(CityManifest.self, from: Data(contentsOf: directory.appending(path: CityFile.manifest)))
    }
}
