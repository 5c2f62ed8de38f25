import CityGenerator
import Foundation
import IdentificationDomain

/// Feeds a generated city to the running suite through the services' public HTTP APIs, and never
/// any other way, in the order a bureau would: the semester is opened, the roster and registry
/// lists are imported, applications are submitted with their visits and reviews, then charity,
/// pairing and training get their share. Loading the same city again changes nothing: imports are
/// idempotent, and applications, assessments, pledges, care rooms and sessions that exist already
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
    /// Records in flight at once for the one-by-one APIs (applications, assessments, care rooms,
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
                report.append(try await importCSV(kind, file, identified: &identified))
            }
            report.append(try await submitApplications(identified: &identified))
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

    /// Imports one CSV file in chunks of at most 10,000 rows, each all-or-nothing.
    private func importCSV(_ kind: String, _ file: CityFile, identified: inout Int) async throws -> String {
        struct Report: Decodable {
            var applied: Int
            var unchanged: Int
            var identification: IdentificationSummary?
        }
        let total = manifest.files.first { $0.name == file.rawValue }?.records ?? 0
        progress.begin(kind, total: total)
        let reader = try LineReader(self.file(file))
        guard let header = try reader.next() else { throw LoadError("\(file.rawValue) is empty") }
        var sent = 0, applied = 0, unchanged = 0
        var chunk: [String] = []
        func flush() async throws {
            guard !chunk.isEmpty else { return }
            let body = Data(([header] + chunk).joined(separator: "\n").utf8 + [UInt8(ascii: "\n")])
            let reply = try await client.api.send(
                "POST", url(.identification, "/v1/\(kind)/import?mode=all-or-nothing"), token: client.tokens.operatorToken,
                body: body, contentType: "text/csv")
            guard reply.status == 200 else { throw LoadError("importing \(kind) rows \(sent + 1)–\(sent + chunk.count)", reply) }
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
        return "\(kind): \(Figures.count(sent)) rows, \(summary)"
    }

    /// Submits each application, then its verification visit and parents' review, several
    /// applications at a time.
    private func submitApplications(identified: inout Int) async throws -> String {
        let outcomes = try await eachRecord(.applications, as: ApplicationRecord.self, step: "applications", concurrency: concurrency) { record in
            try await submit(record)
        }
        let created = outcomes.filter(\.created).count
        identified += outcomes.reduce(0) { $0 + $1.identified }
        let summary = "\(Figures.count(created)) submitted (\(Figures.count(outcomes.count - created)) already there), \(Figures.count(outcomes.reduce(0) { $0 + $1.requests })) requests"
        progress.finish(summary)
        return "applications: \(summary)"
    }

    /// One application and the checks recorded on it; an application that exists already (a
    /// second load) is left as it is, checks included.
    private func submit(_ record: ApplicationRecord) async throws -> (created: Bool, identified: Int, requests: Int) {
        struct NewApplication: Encodable {
            var applicationId: String
            var studentId: String
            var semester: String
            var survey: HouseholdSurvey
        }
        let reply = try await client.api.post(
            url(.identification, "/v1/applications"), token: client.tokens.schoolStaff,
            json: NewApplication(applicationId: record.applicationId, studentId: record.studentId, semester: record.semester, survey: record.survey))
        if reply.status == 409 { return (false, 0, 1) }
        guard reply.status == 201 else { throw LoadError("application \(record.applicationId)", reply) }
        var identified = 0
        var requests = 1
        let checks: [(String, any Encodable)] = [
            record.visit.map { ("visits", $0) },
            record.parentReview.map { ("parent-review", $0) },
        ].compactMap { $0 }
        for (path, body) in checks {
            let check = try await client.api.post(
                url(.identification, "/v1/applications/\(record.applicationId)/\(path)"), token: client.tokens.officer, json: body)
            guard check.status == 201 else { throw LoadError("\(path) of application \(record.applicationId)", check) }
            identified += try check.json(IdentificationSummary.self).identified
            requests += 1
        }
        return (true, identified, requests)
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
