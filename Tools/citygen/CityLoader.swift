import CityGenerator
import Foundation
import IdentificationDomain

/// Feeds a generated city to the running suite through the services' public HTTP APIs, and never
/// any other way, in the order a bureau would: the semester is opened, the roster and registry
/// lists are imported, applications are imported with their visits and reviews, then charity,
/// pairing and training get their share. Loading the same city again changes nothing: imports are
/// idempotent, and assessments, pledges, care rooms and sessions that exist already
/// are skipped with everything recorded under them.
struct CityLoader: Sendable {
    typealias Service = SuiteEndpoints.Service

    /// The most rows one import request carries.
    static let chunkSize = 10_000

    let directory: URL
    let manifest: CityManifest
    let urls: [Service: String]
    let skipped: Set<Service>
    let client: SuiteClient
    let progress: Progress
    /// Records in flight at once for the one-by-one APIs (assessments, care rooms,
    /// school locations, training sessions).
    let concurrency: Int

    /// What identification reports back about the students it decided on while loading.
    struct IdentificationSummary: Decodable, Sendable {
        var identified: Int
    }

    func url(_ service: Service, _ path: String) -> String {
        urls[service, default: ""] + path
    }

    func file(_ file: CityFile) -> URL {
        directory.appending(path: file.rawValue)
    }

    /// Runs every step; returns the closing lines of the report.
    func run() async throws -> [String] {
        var report: [String] = []
        var available: Set<Service> = []
        for service in Service.allCases where !skipped.contains(service) {
            if await client.isReady(urls[service, default: ""]) { available.insert(service) }
        }
        guard available.contains(.identification) || skipped.contains(.identification) else {
            throw LoadError("identification is not ready at \(urls[.identification, default: ""]); start the suite (scripts/run.sh) first")
        }
        func note(_ line: String) {
            report.append(line)
            progress.say(line)
        }
        for service in Service.allCases where !available.contains(service) {
            let reason = skipped.contains(service) ? "skipped as asked (--skip)" : "not ready at \(urls[service, default: ""]); skipped"
            note("\(service.rawValue): \(reason)")
        }

        if available.contains(.disbursement) {
            report.append(try await openSemester())
        }
        if available.contains(.identification) {
            var identified = 0
            for (kind, file) in [("schools", CityFile.schools), ("students", .students), ("registry", .registry)] {
                report.append(try await importFile(kind, file, format: .csv, identified: &identified))
            }
            report.append(try await importFile("applications", .applications, format: .jsonLines, identified: &identified))
            report.append(try await checkGaps(identified: identified))
        }
        if available.contains(.charity) {
            report += try await loadCharity()
        }
        if available.contains(.pairing) {
            report += try await loadPairing()
        }
        if available.contains(.training) {
            report += try await loadTraining()
        }
        return report
    }

    private func openSemester() async throws -> String {
        let reply = try await client.api.post(url(.disbursement, "/v1/semesters"), token: client.tokens.operatorToken, json: ["semester": manifest.semester])
        guard reply.status == 200 else { throw LoadError("opening semester \(manifest.semester)", reply) }
        let line = "semester \(manifest.semester): opened in disbursement (entitlements follow as identification decides)"
        progress.say(line)
        return line
    }

    /// How a city file is cut into import requests.
    enum ChunkFormat {
        /// The header line, then rows: every chunk repeats the header.
        case csv
        /// One JSON object per line (applications with their visit and review): a chunk is a JSON array.
        case jsonLines
    }

    /// Imports one file in chunks of at most 10,000 records, each all-or-nothing. Identification's
    /// imports are idempotent, so a second load reports everything unchanged.
    private func importFile(_ kind: String, _ file: CityFile, format: ChunkFormat, identified: inout Int) async throws -> String {
        struct Report: Decodable {
            var applied: Int
            var unchanged: Int
            var identification: IdentificationSummary?
        }
        let total = manifest.files.first { $0.name == file.rawValue }?.records ?? 0
        progress.begin(kind, total: total)
        let reader = try LineReader(self.file(file))
        var header: String?
        if format == .csv {
            guard let line = try reader.next() else { throw LoadError("\(file.rawValue) is empty") }
            header = line
        }
        // Roster rows are an operator's import; applications carry visits and reviews, which only
        // the bureau's officers (or school staff) may record.
        let token = format == .csv ? client.tokens.operatorToken : client.tokens.officer
        var sent = 0, applied = 0, unchanged = 0
        var chunk: [String] = []
        func flush() async throws {
            guard !chunk.isEmpty else { return }
            let body = switch format {
            case .csv: Data(([header ?? ""] + chunk).joined(separator: "\n").utf8 + [UInt8(ascii: "\n")])
            case .jsonLines: Data(("[" + chunk.joined(separator: ",") + "]").utf8)
            }
            let reply = try await client.api.send(
                "POST", url(.identification, "/v1/\(kind)/import?mode=all-or-nothing"), token: token,
                body: body, contentType: format == .csv ? "text/csv" : "application/json")
            guard reply.status == 200 else { throw LoadError("importing \(kind) records \(sent + 1)–\(sent + chunk.count)", reply) }
            let report = try reply.json(Report.self)
            applied += report.applied
            unchanged += report.unchanged
            identified += report.identification?.identified ?? 0
            sent += chunk.count
            chunk.removeAll(keepingCapacity: true)
            progress.update(sent)
        }
        while let line = try reader.next() {
            guard !line.isEmpty else { continue }
            chunk.append(line)
            if chunk.count == Self.chunkSize { try await flush() }
        }
        try await flush()
        let summary = "\(Figures.count(applied)) applied, \(Figures.count(unchanged)) unchanged"
        progress.finish(summary)
        return "\(kind): \(Figures.count(sent)) \(format == .csv ? "rows" : "records"), \(summary)"
    }

    /// After the roster, lists and applications: nobody listed may be left unidentified, and what
    /// identification decided on this load is set against what the generator expects.
    private func checkGaps(identified: Int) async throws -> String {
        struct Gap: Decodable { var studentId: String }
        let reply = try await client.api.get(url(.identification, "/v1/identification/gaps"), token: client.tokens.operatorToken)
        guard reply.status == 200 else { throw LoadError("identification gaps", reply) }
        let gaps = try reply.json([Gap].self)
        let expected = manifest.identification.identified
        let line = "identification: \(Figures.count(identified)) students identified by this load (the city expects \(Figures.count(expected)) in all); \(gaps.count) listed students left unidentified"
        progress.say(line)
        return line
    }
}
