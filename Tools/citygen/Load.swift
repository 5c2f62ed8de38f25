import ArgumentParser
import CityGenerator
import Foundation

/// `citygen load`: feeds a generated city to the running suite through its HTTP APIs.
struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a generated city into the running suite through the services' HTTP APIs (never their tables).")

    @Option(help: "Directory holding a generated city (see citygen generate).")
    var dir: String

    @OptionGroup var endpoints: SuiteEndpoints

    @Option(help: "Requests in flight at once for the one-by-one APIs (assessments, care rooms, training sessions).")
    var concurrency = 8

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        let directory = URL(fileURLWithPath: dir)
        let manifest = try CityGenerator.manifest(in: directory)
        let progress = Progress()
        progress.say("loading the city in \(dir): seed \(manifest.seed), scale \(manifest.scale), \(Figures.count(manifest.students.total)) students, \(Figures.count(manifest.registry.entries)) registry entries, \(Figures.count(manifest.applications.applications)) applications")
        let started = ContinuousClock.now
        let loader = CityLoader(
            directory: directory, manifest: manifest,
            urls: Dictionary(uniqueKeysWithValues: SuiteEndpoints.Service.allCases.map { ($0, endpoints.url($0)) }),
            skipped: Set(endpoints.skip), client: try await SuiteClient(), progress: progress, concurrency: concurrency)
        let report = try await loader.run()
        print("\nloaded in \(Figures.seconds(ContinuousClock.now - started)):")
        for line in report { print("  \(line)") }
    }
}
