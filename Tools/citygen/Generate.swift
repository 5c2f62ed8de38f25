import ArgumentParser
import CityGenerator
import Foundation

/// `citygen generate`: writes a city's files and prints what it holds, how long it took and how big it is.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a seeded synthetic city to CSV and JSON-lines files.")

    @Option(help: "Size against the reference city (1 ≈ 100,000 students, 29,000 aided student-times a year); 10 and 100 are that many such districts; a fraction makes a small city for tests.")
    var scale = 1.0

    @Option(help: "Seed: the same scale and seed always give the same files.")
    var seed: UInt64 = 2026

    @Option(help: "Directory to write into (created if missing).")
    var out: String

    func run() throws {
        let generator = try CityGenerator(scale: scale, seed: seed)
        let started = ContinuousClock.now
        print("generating a city at scale \(scale) (seed \(seed)): \(generator.districtCount) district(s) into \(out)")
        let manifest = try generator.generate(into: URL(fileURLWithPath: out)) { done, manifest in
            guard generator.districtCount > 1 else { return }
            print("  district \(done)/\(generator.districtCount): \(Figures.count(manifest.students.total)) students so far, \(Figures.seconds(ContinuousClock.now - started))")
        }
        let elapsed = ContinuousClock.now - started
        CitySummary(manifest: manifest).print()
        print("files:")
        for file in manifest.files {
            print("  \(file.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(Figures.count(file.records).leftPadded(11)) records  \(Figures.bytes(file.bytes).leftPadded(10))")
        }
        print("generated \(Figures.bytes(manifest.files.reduce(0) { $0 + $1.bytes })) in \(Figures.seconds(elapsed))")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
