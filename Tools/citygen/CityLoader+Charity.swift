import CityGenerator
import Foundation

extension CityLoader {
    /// Assessments of the weak teaching points, then the donors' pledges in the order they came
    /// (charity serves pledges in order). Charity learns schools from the roster topic, so an
    /// assessment may have to wait for its school.
    func loadCharity() async throws -> [String] {
        let token = client.tokens.operatorToken
        let assessments = try await eachRecord(.assessments, as: AssessmentRecord.self, step: "charity assessments", concurrency: concurrency) { record in
            try await sendWaitingForRoster(url(.charity, "/v1/assessments"), token: token, body: record, what: "assessment \(record.assessmentId)")
        }
        progress.finish("\(assessments.filter { $0 }.count) recorded, \(assessments.filter { !$0 }.count) already there")
        let pledges = try await eachRecord(.pledges, as: PledgeRecord.self, step: "charity pledges", concurrency: 1) { record in
            try await sendWaitingForRoster(url(.charity, "/v1/pledges"), token: token, body: record, what: "pledge \(record.pledgeId)")
        }
        progress.finish("\(pledges.filter { $0 }.count) recorded, \(pledges.filter { !$0 }.count) already there")

        // One matching run, as the bureau would after a donation drive: it allocates what is
        // pledged and not yet allocated, worst-off schools first, so a second load allocates nothing.
        struct Run: Decodable { struct Allocation: Decodable {}; var allocatedFen: Int64; var allocations: [Allocation] }
        let reply = try await client.api.send("POST", url(.charity, "/v1/matching-runs"), token: token)
        guard reply.status == 200 else { throw LoadError("charity matching run", reply) }
        let run = try reply.json(Run.self)
        progress.say("charity: matching run allocated \(Figures.yuan(run.allocatedFen)) in \(run.allocations.count) allocations")
        return [
            "charity: \(assessments.filter { $0 }.count) assessments and \(pledges.filter { $0 }.count) pledges recorded (\(assessments.filter { !$0 }.count + pledges.filter { !$0 }.count) already there); \(Figures.yuan(manifest.charity.donationsFen)) pledged for needs worth \(Figures.yuan(manifest.charity.needsFen)); this load's matching run allocated \(Figures.yuan(run.allocatedFen)) in \(run.allocations.count) allocations",
        ]
    }
}
