import AidContracts
import DisbursementDomain
import Foundation
import ServiceRuntime
import Testing

/// The real `citygen` binary generates a small city and loads it into the five services it feeds through
/// their HTTP APIs: identification decides exactly what the generator planned with the same rules,
/// nobody listed is left out, charity holds every pledge and allocates them, pairing forms the
/// twinnings and care pairs the city implies, training records every exam, and one payment round
/// pays what the catalog says. Loading the same city again changes nothing.
@Suite("City load: citygen through the public APIs", .serialized, .timeLimit(.minutes(10)))
struct CityLoadTests {
    /// The parts of `city.json` this test reads.
    struct Manifest: Decodable {
        struct Students: Decodable { var total: Int }
        struct Applications: Decodable { var applications: Int }
        struct Registry: Decodable { var listedStudents: Int }
        struct Identification: Decodable {
            var identified: Int
            var identifiedByRegistry: Int
            var identifiedByApplication: Int
            var byStageAndTier: [String: [String: Int]]
        }
        struct Charity: Decodable { var pledges: Int; var donationsFen: Int64; var assessments: Int }
        struct Pairing: Decodable { var expectedTwinnings: Int; var expectedCarePairs: Int; var careRooms: Int }
        struct Training: Decodable { var trainees: Int; var expectedPasses: Int; var sessions: Int }
        var semester: String
        var students: Students
        var applications: Applications
        var registry: Registry
        var identification: Identification
        var charity: Charity
        var pairing: Pairing
        var training: Training
    }

    @Test("a generated city loads into the five services it feeds through their APIs, matches its plan, and is paid once")
    func smallCityLoadsAndIsPaid() async throws {
        try await TestEnvironment.requireInfrastructure()
        try await SuiteWorld.scoped { world in
            var urls: [String: String] = [:]
            for name in ["identification", "disbursement", "charity", "pairing", "training"] {
                urls[name] = try await world.start(name).baseURL
            }
            let directory = FileManager.default.temporaryDirectory.appending(path: "citygen-\(world.id)")
            defer { try? FileManager.default.removeItem(at: directory) }

            try await Self.citygen(["generate", "--scale", "0.01", "--seed", "11", "--out", directory.path])
            let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: directory.appending(path: "city.json")))
            #expect(manifest.students.total == 1_000)
            #expect(manifest.identification.identifiedByRegistry > 0 && manifest.identification.identifiedByApplication > 0,
                    "the small city exercises both routes to identification")
            #expect(manifest.charity.pledges > 0 && manifest.pairing.expectedCarePairs > 0 && manifest.training.trainees > 0,
                    "the small city exercises charity, pairing and training")

            let services = urls.sorted { $0.key < $1.key }.flatMap { ["--\($0.key)", $0.value] }
            let load = try await Self.citygen(["load", "--dir", directory.path] + services)
            #expect(load.contains("students: 1,000 rows, 1,000 applied"), "\(load.suffix(1_500))")

            let op = try await HTTP.token(.operator, subject: "operator-wang")
            let gaps = try await HTTP.get("\(urls["identification"]!)/v1/identification/gaps", token: op)
            #expect(gaps.status == 200 && gaps.text == "[]", "listed students left unidentified: \(gaps.text.prefix(300))")
            let schema = world.schema("identification")
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).students") == Int64(manifest.students.total))
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).applications") == Int64(manifest.applications.applications))
            #expect(try await TestEnvironment.scalar("SELECT count(*) FROM \(schema).identifications WHERE status = 'active'")
                    == Int64(manifest.identification.identified))

            // Identification's coverage figure on its topic: every listed student the city has, all identified.
            let listed = manifest.registry.listedStudents
            let records = try await TopicReader.read([world.topic(Topic.identification.name)], timeout: .seconds(40)) { records in
                records.contains { record in
                    guard record.envelope?.type == IdentificationEvent.CoverageMeasured.eventType,
                          let coverage = try? record.envelope?.decode(IdentificationEvent.CoverageMeasured.self) else { return false }
                    return coverage.listed == listed
                }
            }
            let coverage = try records.compactMap { record -> IdentificationEvent.CoverageMeasured? in
                guard record.envelope?.type == IdentificationEvent.CoverageMeasured.eventType else { return nil }
                return try record.envelope?.decode(IdentificationEvent.CoverageMeasured.self)
            }.last
            #expect(coverage?.listed == listed && coverage?.identified == listed && coverage?.held == 0, "\(String(describing: coverage))")
            #expect(coverage?.byTown.reduce(0) { $0 + $1.listed } == listed)

            // Charity holds every pledge at its full value, and the load's matching run allocated.
            struct CharityTotals: Decodable { var pledgedFen: Int64; var allocatedFen: Int64; var pledges: Int; var schoolsAssessed: Int }
            let charity = try await HTTP.get("\(urls["charity"]!)/v1/totals", token: op).json(CharityTotals.self)
            #expect(charity.pledges == manifest.charity.pledges && charity.pledgedFen == manifest.charity.donationsFen)
            #expect(charity.schoolsAssessed == manifest.charity.assessments)
            #expect(charity.allocatedFen > 0 && charity.allocatedFen <= charity.pledgedFen, "\(load.suffix(1_500))")

            // Pairing: the twinnings the planner should form, and a volunteer for every
            // left-behind child the township's volunteers can take (children arrive by topic).
            struct Pair: Decodable { var pairId: String }
            let twinnings = try await HTTP.get("\(urls["pairing"]!)/v1/twinning/pairs", token: op).json([Pair].self)
            #expect(twinnings.count == manifest.pairing.expectedTwinnings)
            var carePairs = 0
            let paired = try await SuiteWorld.eventually(timeout: .seconds(90)) {
                carePairs = try await HTTP.get("\(urls["pairing"]!)/v1/care/pairs?active=true", token: op).json([Pair].self).count
                return carePairs == manifest.pairing.expectedCarePairs
            }
            #expect(paired, "care pairs: \(carePairs) of the \(manifest.pairing.expectedCarePairs) the city implies")

            // Training examined every trainee; the pass count is the generator's plan.
            struct PassRates: Decodable { struct Rate: Decodable { var examined: Int; var passed: Int }; var overall: Rate }
            let rates = try await HTTP.get("\(urls["training"]!)/v1/pass-rates", token: op).json(PassRates.self)
            #expect(rates.overall.examined == manifest.training.trainees && rates.overall.passed == manifest.training.expectedPasses)

            // One payment round pays every identified student exactly what the standard catalog gives.
            let pay = try await Self.citygen(["pay", "--dir", directory.path, "--identification", urls["identification"]!, "--disbursement", urls["disbursement"]!])
            var expectedFen: Fen = 0
            for (stage, tiers) in manifest.identification.byStageAndTier {
                for (tier, students) in tiers {
                    let drafts = GrantCatalog.standard.entitlements(stage: try #require(Stage(rawValue: stage)), tier: try #require(NeedTier(rawValue: tier)), boarding: true)
                    expectedFen += drafts.reduce(0) { $0 + $1.amountFen } * Fen(students)
                }
            }
            struct Totals: Decodable { var totalFen: Int64; var studentTimes: Int }
            let totals = try await HTTP.get("\(urls["disbursement"]!)/v1/ledger/totals", token: op).json(Totals.self)
            #expect(totals.studentTimes == manifest.identification.identified, "\(pay.suffix(800))")
            #expect(totals.totalFen == expectedFen)

            // Loading again changes nothing, anywhere.
            let again = try await Self.citygen(["load", "--dir", directory.path] + services)
            #expect(again.contains("students: 1,000 rows, 0 applied, 1,000 unchanged"), "\(again.suffix(1_500))")
            #expect(again.contains("applications: \(manifest.applications.applications) records, 0 applied, \(manifest.applications.applications) unchanged"), "\(again.suffix(1_500))")
            #expect(again.contains("0 sessions loaded (\(manifest.training.sessions) already there)"), "\(again.suffix(1_500))")
            let charityAgain = try await HTTP.get("\(urls["charity"]!)/v1/totals", token: op).json(CharityTotals.self)
            #expect(charityAgain.pledgedFen == charity.pledgedFen && charityAgain.allocatedFen == charity.allocatedFen)
            let twinningsAgain = try await HTTP.get("\(urls["pairing"]!)/v1/twinning/pairs", token: op).json([Pair].self)
            #expect(twinningsAgain.count == twinnings.count)
            let ratesAgain = try await HTTP.get("\(urls["training"]!)/v1/pass-rates", token: op).json(PassRates.self)
            #expect(ratesAgain.overall.examined == rates.overall.examined)
        }
    }

    /// Runs the built `citygen` and returns what it printed; a non-zero exit fails the test.
    @discardableResult
    static func citygen(_ arguments: [String]) async throws -> String {
        let log = FileManager.default.temporaryDirectory.appending(path: "citygen-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = TestEnvironment.binaries.appending(path: "citygen")
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        try output.close()
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationStatus == 0, "citygen \(arguments.first ?? "") exited with \(process.terminationStatus):\n\(text.suffix(2_000))")
        return text
    }
}
